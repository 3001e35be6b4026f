/**
 * The lesson's charts (recharts): the binding curve of the chosen orientation with the training window shaded, the
 * extrapolation error against l_max for every centring computed (paper Fig. 3), and the error against distance for
 * l_max = 0 and the chosen l_max next to fixed point charges (Fig. 4). Energies in meV, shown to the two significant
 * digits on which the f32 GPU and f64 CPU engines agree, with the engine named. The RMSE chart has a table of its
 * numbers for screen readers (full precision in data-value, for tests).
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
import { memo, useState } from 'react';
import { CURVE_GRID, type LessonSeries } from '../../../experiments/h2o-co2/session.ts';
import type { EngineStatus } from '../../../../workers/protocol.ts';
import { CENTRINGS, LESSON_LMAX, params, type Centring } from '../../../experiments/h2o-co2/spec.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import { LessonCharts } from '../../charts/LessonCharts.tsx';
import { ParamMarker } from '../../charts/ParamMarker.tsx';
import { engineName } from '../../engine-status.ts';
import type { LessonState } from '../../use-lesson.ts';
import { xAxisStyle, yAxisStyle } from '../../charts/axis-style.ts';

const MEV = 1000;

/** Every point inside, with a little room: a log axis has no zero to start from. */
const LOG_DOMAIN: [(min: number) => number, (max: number) => number] = [
  (min) => min / 1.3,
  (max) => max * 1.3,
];
const MARGIN = { top: 8, right: 16, bottom: 28, left: 12 };
const LEGEND = { verticalAlign: 'top' as const, height: 30 };

/** Two significant digits: what the f32 and f64 engines agree on. */
export const agreed = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(2))) : '–');

const [GRID_FROM, GRID_TO] = [CURVE_GRID[0]!, CURVE_GRID[CURVE_GRID.length - 1]!];

/** Linear interpolation of the model curve (a fine grid) at a separation inside the grid. */
function interpolate(points: readonly { separation: number; energy: number }[], r: number): number {
  const i = points.findIndex((p) => p.separation >= r - 1e-9);
  if (i === 0) return points[0]!.energy;
  const [a, b] = [points[i - 1]!, points[i]!];
  return a.energy + ((r - a.separation) / (b.separation - a.separation)) * (b.energy - a.energy);
}
const COLOURS: Record<Centring, string> = { 'water-O': '#ff6b6b', 'co2-C': '#4dabf7', all: '#ffd43b' };
const NAMES = params.centring.optionLabels;

/** Memoised: a separation drag moves only its marker (ParamMarker), not the curves. */
const BindingCurve = memo(function BindingCurve({
  series,
  window,
}: {
  series: LessonSeries;
  window: readonly [number, number];
}) {
  const reference = series.reference.map((p) => ({ separation: p.separation, reference: MEV * p.energy }));
  const model = series.model.map((p) => ({ separation: p.separation, model: MEV * p.energy }));
  return (
    <ChartFigure
      name="binding-curve"
      caption={`Binding curve: ${series.level} reference (points) and model (line); training window shaded`}
      units={{ separation: 'Å', reference: 'meV', model: 'meV' }}
      rows={[...reference, ...model]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis type="number" dataKey="separation" domain={[6, 20]} {...xAxisStyle('R (Å)')} />
          <YAxis {...yAxisStyle('E_b (meV)')} />
          <ReferenceArea x1={window[0]} x2={window[1]} fill="#2f9e44" fillOpacity={0.15} />
          <ParamMarker param="separation" />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(3)} meV`}
          />
          <Legend {...LEGEND} />
          <Scatter
            name={`reference (${series.level})`}
            data={reference}
            dataKey="reference"
            fill="#e8eaed"
            isAnimationActive={false}
          />
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
});

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
      units={Object.fromEntries(CENTRINGS.map((c) => [c, 'meV']))}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis dataKey="l" {...xAxisStyle('l_max')} />
          <YAxis
            scale="log"
            domain={LOG_DOMAIN}
            tickFormatter={agreed}
            {...yAxisStyle('test RMSE (meV, log)')}
          />
          <ReferenceLine x={lMax} stroke="#f08c00" strokeDasharray="4 3" />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(3)} meV`}
          />
          <Legend {...LEGEND} />
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
                <td key={c} data-centring={c} data-l={row.l} data-value={(row as Record<string, number>)[c]}>
                  {agreed((row as Record<string, number>)[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
});

/** l_max = 0 and point charges keep their colours; the chosen l_max is the green line. */
const asymptoticColour = (model: string) =>
  model === 'l_max = 0' ? '#ff6b6b' : model === 'point charges' ? '#adb5bd' : '#69db7c';

const AsymptoticErrors = memo(function AsymptoticErrors({ series }: { series: LessonSeries }) {
  const rows = series.asymptotic.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === 'separation' ? v : MEV * v])),
  );
  const models = Object.keys(series.asymptotic[0] ?? {}).filter((k) => k !== 'separation');
  return (
    <ChartFigure
      name="asymptotic-error"
      caption="Error against distance beyond the window: l_max = 0, the chosen l_max and fixed point charges"
      units={{ separation: 'Å', ...Object.fromEntries(models.map((m) => [m, 'meV'])) }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={MARGIN}>
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
          <Legend {...LEGEND} />
          {models.map((m) => (
            <Line
              key={m}
              name={m}
              dataKey={m}
              stroke={asymptoticColour(m)}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

/** The model's answer at the chosen separation and its extrapolation error, with the engine that computed them. */
function Readout({
  series,
  separation,
  engine,
}: {
  series: LessonSeries;
  separation: number;
  engine: EngineStatus | null;
}) {
  const inside = separation >= GRID_FROM - 1e-9 && separation <= GRID_TO + 1e-9;
  const by = engine ? ` (${engineName(engine)})` : '';
  return (
    <>
      {series.modelColumns === 0 && (
        <p className="note" data-testid="no-signal">
          No feature changes over these separations: the partner is beyond r_c + 6σ of every centre, so this
          local model cannot tell the points apart and predicts the dissociated limit, 0, everywhere. Its
          error below is the whole binding energy.
        </p>
      )}
      <p data-testid="prediction-at-r">
        {inside
          ? `At R = ${separation.toFixed(2)} Å the model predicts ${agreed(MEV * interpolate(series.model, separation))} meV${by}`
          : `R = ${separation.toFixed(2)} Å is outside the range the model's curve is drawn for (${GRID_FROM}–${GRID_TO} Å)`}
      </p>
      <p data-testid="test-rmse">
        Extrapolation test RMSE: {agreed(MEV * series.testRmse)} meV ({series.testRmsePercent.toFixed(0)} % of
        the spread){by}
      </p>
    </>
  );
}

export function H2oCo2Charts({
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
  const [lastEngine, setLastEngine] = useState<EngineStatus | null>(null);
  const engine = lesson.status === 'ready' ? lesson.engine : lastEngine;
  if (lesson.status === 'ready' && lesson.engine !== lastEngine) setLastEngine(lesson.engine);
  return (
    <LessonCharts lesson={lesson}>
      {(series) => (
        <>
          <Readout series={series} separation={separation} engine={engine} />
          <div className="chart-row">
            <BindingCurve series={series} window={window} />
            <RmseByLmax series={series} lMax={lMax} />
            <AsymptoticErrors series={series} />
          </div>
        </>
      )}
    </LessonCharts>
  );
}
