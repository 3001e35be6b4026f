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
import type { LessonSeries } from '../../experiments/lesson-session.ts';
import { CENTRINGS, type Centring } from '../../experiments/multipole-lesson.ts';
import type { LessonState } from '../use-lesson.ts';

const MEV = 1000;
const COLOURS: Record<Centring, string> = { 'water-O': '#ff6b6b', 'co2-C': '#4dabf7', all: '#ffd43b' };
const NAMES: Record<Centring, string> = {
  'water-O': 'centred on O of H2O',
  'co2-C': 'centred on C of CO2',
  all: 'all atoms',
};

function BindingCurve({ series, window }: { series: LessonSeries; window: readonly [number, number] }) {
  const reference = series.reference.map((p) => ({ separation: p.separation, reference: MEV * p.energy }));
  const model = series.model.map((p) => ({ separation: p.separation, model: MEV * p.energy }));
  return (
    <figure className="chart">
      <figcaption>Binding curve: reference (points) and model (line); training window shaded</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="separation"
            domain={[6, 20]}
            label={{ value: 'R (Å)', position: 'insideBottom', offset: -12, fill: '#c3c8cf' }}
            stroke="#c3c8cf"
          />
          <YAxis
            label={{ value: 'E_b (meV)', angle: -90, position: 'insideLeft', fill: '#c3c8cf' }}
            stroke="#c3c8cf"
          />
          <ReferenceArea x1={window[0]} x2={window[1]} fill="#2f9e44" fillOpacity={0.15} />
          <Tooltip
            contentStyle={{ background: '#141a22' }}
            formatter={(v) => `${Number(v).toFixed(3)} meV`}
          />
          <Legend verticalAlign="top" />
          <Scatter name="reference (GFN2-xTB)" data={reference} dataKey="reference" fill="#e8eaed" />
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
    </figure>
  );
}

function RmseByLmax({ series, lMax }: { series: LessonSeries; lMax: number }) {
  const centrings = CENTRINGS.filter((c) => series.rmseByLmax[c]);
  const rows = Array.from({ length: 7 }, (_, l) => ({
    l,
    ...Object.fromEntries(centrings.map((c) => [c, MEV * series.rmseByLmax[c]![l]])),
  }));
  return (
    <figure className="chart">
      <figcaption>Extrapolation error (R beyond the training window) against l_max</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            dataKey="l"
            label={{ value: 'l_max', position: 'insideBottom', offset: -12, fill: '#c3c8cf' }}
            stroke="#c3c8cf"
          />
          <YAxis
            label={{ value: 'test RMSE (meV)', angle: -90, position: 'insideLeft', fill: '#c3c8cf' }}
            stroke="#c3c8cf"
          />
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
    </figure>
  );
}

export function LessonCharts({
  lesson,
  window,
  lMax,
}: {
  lesson: LessonState;
  window: readonly [number, number];
  lMax: number;
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
      {lesson.status === 'computing' && (
        <p role="status" className="progress">
          <progress aria-label="Computing features and fits" /> Computing features and fits…
        </p>
      )}
      {series && (
        <>
          <p data-testid="test-rmse">
            Extrapolation test RMSE: {(MEV * series.testRmse).toFixed(3)} meV (
            {series.testRmsePercent.toFixed(1)} % of the spread)
          </p>
          <div className="chart-row">
            <BindingCurve series={series} window={window} />
            <RmseByLmax series={series} lMax={lMax} />
          </div>
        </>
      )}
    </section>
  );
}
