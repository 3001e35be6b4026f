/**
 * The fields lesson's charts (recharts): the power per l of ρ and V as a share of each field's total (the multipole
 * content of the environment), and the relative L2 error of the expansion in the ball against l_max and against
 * n_max. Log axes; the chosen l_max and n_max are marked. Each chart has a table of its numbers for screen readers.
 */
import { memo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { FieldsSeries } from '../../../experiments/fields/session.ts';
import type { params } from '../../../experiments/fields/spec.ts';
import type { ParamValues } from '../../../experiments/params.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import type { Opaque } from './opaque.ts';
import { xAxisStyle } from '../../charts/axis-style.ts';
import { logAxis, logYAxis } from '../../charts/log-axis.ts';

const MARGIN = { top: 8, right: 16, bottom: 28, left: 12 };
const LEGEND = { verticalAlign: 'top' as const, height: 30 };
const COLOURS = { density: '#4dabf7', potential: '#ff6b6b' } as const;
const NAMES = { density: 'ρ', potential: 'V' } as const;
const FIELDS = ['density', 'potential'] as const;

type Row = Record<string, number>;
/** Shares below this are numerically zero (a symmetry forbids them) and have no place on a log axis. */
const ZERO_SHARE = 1e-15;

/** The fields' values of the rows (a log axis spans them). */
const fieldValues = (rows: readonly Row[]) => rows.flatMap((row) => FIELDS.flatMap((f) => row[f] ?? []));
const twoDigits = (x: unknown) => (typeof x === 'number' ? x.toPrecision(2) : '–');

/** The table behind a chart, for screen readers and tests (full precision in data-value). */
function NumbersTable({
  caption,
  x,
  rows,
  testId,
}: {
  caption: string;
  x: string;
  rows: Row[];
  testId: string;
}) {
  return (
    <table className="visually-hidden" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th>{x}</th>
          {FIELDS.map((f) => (
            <th key={f}>{NAMES[f]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row[x]}>
            <td>{row[x]}</td>
            {FIELDS.map((f) => (
              <td key={f} data-field={f} data-value={row[f]}>
                {twoDigits(row[f])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PowerPerL = memo(function PowerPerL({ power, lMax }: { power: FieldsSeries['power']; lMax: number }) {
  const share = (power: readonly number[]) => {
    const total = power.reduce((a, b) => a + b, 0);
    return power.map((p) => (total > 0 ? p / total : Number.NaN));
  };
  const [rho, v] = [share(power.density), share(power.potential)];
  const rows: Row[] = rho.map((_, l) => ({
    l,
    ...(rho[l]! > ZERO_SHARE && { density: rho[l]! }),
    ...(v[l]! > ZERO_SHARE && { potential: v[l]! }),
  }));
  const axis = logAxis(fieldValues(rows));
  return (
    <ChartFigure
      name="power-per-l"
      caption="Power per l, Σ_n Σ_m c²_nlm, as a share of each field's total (its multipole content)"
      units={{ l: '', density: 'share', potential: 'share' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis dataKey="l" {...xAxisStyle('l')} />
          <YAxis {...logYAxis(axis, 'share (log)')} />
          <ReferenceLine x={lMax} stroke="#f08c00" strokeDasharray="4 3" />
          <Tooltip contentStyle={{ background: '#141a22' }} formatter={twoDigits} />
          <Legend {...LEGEND} />
          {FIELDS.map((f) => (
            <Bar key={f} name={NAMES[f]} dataKey={f} fill={COLOURS[f]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <NumbersTable caption="Share of the power per l" x="l" rows={rows} testId="power-table" />
    </ChartFigure>
  );
});

function ErrorChart({
  name,
  caption,
  x,
  rows,
  marked,
}: {
  name: string;
  caption: string;
  x: string;
  rows: Row[];
  marked: number;
}) {
  const axis = logAxis(fieldValues(rows));
  return (
    <ChartFigure
      name={name}
      caption={caption}
      units={{ [x]: '', density: 'relative', potential: 'relative' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            dataKey={x}
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            {...xAxisStyle(x)}
          />
          <YAxis {...logYAxis(axis, 'relative L2 error (log)')} />
          <ReferenceLine x={marked} stroke="#f08c00" strokeDasharray="4 3" />
          <Tooltip contentStyle={{ background: '#141a22' }} formatter={twoDigits} />
          <Legend {...LEGEND} />
          {FIELDS.map((f) => (
            <Line key={f} name={NAMES[f]} dataKey={f} stroke={COLOURS[f]} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <NumbersTable caption={caption} x={x} rows={rows} testId={`${name}-table`} />
    </ChartFigure>
  );
}

/**
 * The lesson's charts, from the values they were computed for (the view hands them deferred values: the slice is
 * drawn first, the charts follow in a render React may interrupt).
 */
export const FieldsCharts = memo(function FieldsCharts({
  held,
  values,
  busy,
}: {
  held: Opaque<FieldsSeries>;
  values: ParamValues<typeof params>;
  busy: boolean;
}) {
  const series = held.value;
  const byL: Row[] = series.errorByLmax.density.map((_, l) => ({
    l_max: l,
    density: series.errorByLmax.density[l]!,
    potential: series.errorByLmax.potential[l]!,
  }));
  const byN: Row[] = series.errorByNmax.density.flatMap((rho, i) => {
    const v = series.errorByNmax.potential[i];
    return rho === null || v === null || v === undefined
      ? []
      : [{ n_max: i + 1, density: rho, potential: v }];
  });
  return (
    <section
      className="charts"
      aria-label="Charts"
      aria-busy={busy}
      data-testid="charts"
      data-status={busy ? 'computing' : 'ready'}
    >
      <div className="chart-row">
        <PowerPerL power={series.power} lMax={values.lMax} />
        <ErrorChart
          name="error-by-lmax"
          caption={`Relative L2 error in the ball r < r_c against l_max (n_max = ${values.nMax})`}
          x="l_max"
          rows={byL}
          marked={values.lMax}
        />
        <ErrorChart
          name="error-by-nmax"
          caption={`Relative L2 error in the ball against n_max (l_max = ${values.lMax}; more appear as they are computed)`}
          x="n_max"
          rows={byN}
          marked={values.nMax}
        />
      </div>
    </section>
  );
});
