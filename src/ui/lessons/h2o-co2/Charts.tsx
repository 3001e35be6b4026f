/**
 * The lesson's charts (recharts): the binding curve of the chosen orientation with the training window shaded, and
 * the extrapolation error against l_max. Energies in meV. Each chart has a table of its numbers for screen readers
 * (and tests).
 */
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { memo } from 'react';
import type { LessonSeries } from '../../../experiments/h2o-co2/session.ts';
import { CENTRINGS, LESSON_LMAX, params, type Centring } from '../../../experiments/h2o-co2/spec.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import { useParameterLine } from '../../charts/use-parameter-line.ts';
import { ProgressLine } from '../../ProgressLine.tsx';
import type { LessonState } from '../../use-lesson.ts';

const MEV = 1000;
const AXIS = '#c3c8cf';

/** Axis colour and an axis title inside the plot margin, shared by every chart. */
const xAxisStyle = (title: string) => ({
  stroke: AXIS,
  label: { value: title, position: 'insideBottom' as const, offset: -12, fill: AXIS },
});
const yAxisStyle = (title: string) => ({
  stroke: AXIS,
  label: { value: title, angle: -90, position: 'insideLeft' as const, fill: AXIS },
});

/** Linear interpolation of the model curve (a fine grid) at a separation; clamped to its ends. */
function interpolate(points: readonly { separation: number; energy: number }[], r: number): number {
  const i = points.findIndex((p) => p.separation >= r);
  if (i <= 0) return points[Math.max(i, 0)]?.energy ?? Number.NaN;
  const [a, b] = [points[i - 1], points[i]];
  return a.energy + ((r - a.separation) / (b.separation - a.separation)) * (b.energy - a.energy);
}
const COLOURS: Record<Centring, string> = { 'water-O': '#ff6b6b', 'co2-C': '#4dabf7', all: '#ffd43b' };
const NAMES = params.centring.optionLabels;

function BindingCurve({
  series,
  window,
  separation,
}: {
  series: LessonSeries;
  window: readonly [number, number];
  separation: number;
}) {
  const reference = series.reference.map((p) => ({ separation: p.separation, reference: MEV * p.energy }));
  const model = series.model.map((p) => ({ separation: p.separation, model: MEV * p.energy }));
  return (
    <ChartFigure
      name="binding-curve"
      caption={`Binding curve: ${series.level} reference (points) and model (line); training window shaded`}
      parameters={useParameterLine()}
      units={{ separation: 'Å', reference: 'meV', model: 'meV' }}
      rows={[...reference, ...model]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis type="number" dataKey="separation" domain={[6, 20]} {...xAxisStyle('R (Å)')} />
          <YAxis {...yAxisStyle('E_b (meV)')} />
          <ReferenceArea x1={window[0]} x2={window[1]} fill="#2f9e44" fillOpacity={0.15} />
          <ReferenceLine x={separation} stroke="#adb5bd" strokeDasharray="2 3" />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(3)} meV`}
          />
          <Legend verticalAlign="top" />
          <Scatter name={`reference (${series.level})`} data={reference} dataKey="reference" fill="#e8eaed" />
          <Line
            name="model"
            data={model}
            dataKey="model"
            stroke="#f08c00"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

const RmseByLmax = memo(function RmseByLmax({ series, lMax }: { series: LessonSeries; lMax: number }) {
  const centrings = CENTRINGS.filter((c) => series.rmseByLmax[c]);
  const rows = Array.from({ length: LESSON_LMAX + 1 }, (_, l) => ({
    l,
    ...Object.fromEntries(centrings.map((c) => [c, MEV * series.rmseByLmax[c]![l]])),
  }));
  return (
    <ChartFigure
      name="rmse-by-lmax"
      caption="Extrapolation error (R beyond the training window) against l_max"
      parameters={useParameterLine()}
      units={Object.fromEntries(CENTRINGS.map((c) => [c, 'meV']))}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis dataKey="l" {...xAxisStyle('l_max')} />
          <YAxis {...yAxisStyle('test RMSE (meV)')} />
          <ReferenceLine x={lMax} stroke="#f08c00" strokeDasharray="4 3" />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(3)} meV`}
          />
          <Legend verticalAlign="top" />
          {centrings.map((c) => (
            <Line key={c} name={NAMES[c]} dataKey={c} stroke={COLOURS[c]} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <table className="visually-hidden" data-testid="rmse-table">
        <caption>Test RMSE (meV) by l_max</caption>
        <thead>
          <tr>
            <th>l_max</th>
            {centrings.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.l}>
              <td>{row.l}</td>
              {centrings.map((c) => (
                <td key={c} data-centring={c} data-l={row.l}>
                  {(row as Record<string, number>)[c].toFixed(4)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
});

const ASYMPTOTIC_COLOURS: Record<string, string> = {
  'l_max = 0': '#ff6b6b',
  'l_max = 1': '#69db7c',
  'point charges': '#adb5bd',
};

const AsymptoticErrors = memo(function AsymptoticErrors({ series }: { series: LessonSeries }) {
  const rows = series.asymptotic.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'separation' ? v : MEV * v])),
  );
  const models = Object.keys(ASYMPTOTIC_COLOURS);
  return (
    <ChartFigure
      name="asymptotic-error"
      caption="Error against distance beyond the window: l_max = 0, 1 and fixed point charges"
      parameters={useParameterLine()}
      units={{ separation: 'Å', ...Object.fromEntries(models.map((m) => [m, 'meV'])) }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="separation"
            domain={['dataMin', 'dataMax']}
            {...xAxisStyle('R (Å)')}
          />
          <YAxis {...yAxisStyle('RMSE (meV)')} />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(4)} meV`}
          />
          <Legend verticalAlign="top" />
          {models.map((m) => (
            <Line
              key={m}
              name={m}
              dataKey={m}
              stroke={ASYMPTOTIC_COLOURS[m]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

export function LessonCharts({
  lesson,
  window,
  lMax,
  separation,
}: {
  lesson: LessonState<LessonSeries>;
  window: readonly [number, number];
  lMax: number;
  separation: number;
}) {
  if (lesson.status === 'failed')
    return <p role="alert">The lesson could not be computed: {lesson.message}</p>;
  const series = lesson.status === 'ready' ? lesson.series : lesson.previous;
  return (
    <section
      className="charts"
      aria-label="Charts"
      aria-busy={lesson.status === 'computing'}
      data-testid="charts"
      data-status={lesson.status}
    >
      {lesson.status === 'computing' && <ProgressLine progress={lesson.progress} />}
      {series && (
        <>
          <p data-testid="prediction-at-r">
            At R = {separation.toFixed(2)} Å the model predicts{' '}
            {(MEV * interpolate(series.model, separation)).toFixed(3)} meV
          </p>
          <p data-testid="test-rmse">
            Extrapolation test RMSE: {(MEV * series.testRmse).toFixed(3)} meV (
            {series.testRmsePercent.toFixed(1)} % of the spread)
          </p>
          <div className="chart-row">
            <BindingCurve series={series} window={window} separation={separation} />
            <RmseByLmax series={series} lMax={lMax} />
            <AsymptoticErrors series={series} />
          </div>
        </>
      )}
    </section>
  );
}
