/**
 * The dimer lesson's charts and numbers: the chosen dimer's binding curve (reference points, ρ⊗ρ and ρ⊗V, the ρ⊗V
 * committee band, the displacement beyond which ρ⊗ρ no longer sees the partner), the values at the chosen
 * displacement, the band's coverage of the test points, Table 1 next to the paper's and the learning curves of every
 * class computed (more on request).
 */
import { memo, useDeferredValue } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { LESSON_HYPERS } from '../../../experiments/dimers/binding-features.ts';
import { DENSITY_REACH, type ClassSummary, type DimersSeries } from '../../../experiments/dimers/session.ts';
import { CLASSES, DISPLACEMENT_STEP, DISPLACEMENTS } from '../../../experiments/dimers/spec.ts';
import type { ClassName } from '../../../experiments/dimers/split.ts';
import { KIND_SYMBOL } from '../../../experiments/dimers/table.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import { LessonCharts } from '../../charts/LessonCharts.tsx';
import { ParamMarker } from '../../charts/ParamMarker.tsx';
import { xAxisStyle, yAxisStyle } from '../../charts/axis-style.ts';
import type { LessonState } from '../../use-lesson.ts';
import { LearningChart } from './LearningChart.tsx';
import { Table1 } from './Table1.tsx';
import { useClassTable, type ClassTable } from './use-class-table.ts';

const MEV = 1000;
const MARGIN = { top: 8, right: 16, bottom: 28, left: 12 };
const LEGEND = { verticalAlign: 'top' as const, height: 30 };
const meV = (eV: number) => `${(MEV * eV).toFixed(1)} meV`;
const percent = (fraction: number) => `${Math.round(100 * fraction)} %`;

/** The first displacement at which no atom's ρ⊗ρ features reach the partner (ρ⊗ρ predicts 0 from there on). */
const blindFrom = (series: DimersSeries) => series.curve.find((p) => p.gap > DENSITY_REACH)?.displacement;

/** Memoised: a displacement drag moves only its marker (ParamMarker), not the curves. */
const BindingCurve = memo(function BindingCurve({ series }: { series: DimersSeries }) {
  // ρ⊗ρ arrives after the first curve (session.ts).
  const withRhoRho = series.curve.every((p) => p.rhoRho !== null);
  const rows = series.curve.map((p) => ({
    displacement: p.displacement,
    reference: MEV * p.reference,
    ...(p.rhoRho === null ? {} : { rhoRho: MEV * p.rhoRho }),
    rhoV: MEV * p.rhoV,
    low: MEV * (p.mean - p.sigma),
    high: MEV * (p.mean + p.sigma),
  }));
  const blind = blindFrom(series);
  const models = withRhoRho ? 'ρ⊗ρ and ρ⊗V' : 'ρ⊗V (ρ⊗ρ still computing)';
  return (
    <ChartFigure
      name="dimer-curve"
      caption={`Binding curve of ${series.id} (${series.heldOut ? 'test dimer: the models never saw it' : 'training dimer'}): ${series.level} reference, ${models} with the ρ⊗V committee's ±1σ band`}
      units={{ displacement: 'Å', reference: 'meV', rhoRho: 'meV', rhoV: 'meV', low: 'meV', high: 'meV' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="displacement"
            domain={[DISPLACEMENTS[0]!, DISPLACEMENTS[DISPLACEMENTS.length - 1]!]}
            {...xAxisStyle('displacement (Å)')}
          />
          <YAxis {...yAxisStyle('E_b (meV)')} />
          <Tooltip contentStyle={{ background: '#141a22' }} formatter={(v) => String(v)} />
          <Legend {...LEGEND} />
          <Area
            name="ρ⊗V ±1σ"
            dataKey={(row: (typeof rows)[number]) => [row.low, row.high]}
            stroke="none"
            fill="#4dabf7"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Line
            name={KIND_SYMBOL['rho-V']}
            dataKey="rhoV"
            stroke="#4dabf7"
            dot={false}
            isAnimationActive={false}
          />
          {withRhoRho && (
            <Line
              name={KIND_SYMBOL['rho-rho']}
              dataKey="rhoRho"
              stroke="#ff6b6b"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Scatter
            name={`reference (${series.level})`}
            dataKey="reference"
            fill="#e8eaed"
            isAnimationActive={false}
          />
          {blind !== undefined && (
            <ReferenceLine
              x={blind}
              stroke="#ffd43b"
              strokeDasharray="4 3"
              label={{
                value: `ρ⊗ρ blind (> ${DENSITY_REACH.toFixed(1)} Å)`,
                fill: '#ffd43b',
                position: 'insideTopRight',
              }}
            />
          )}
          <ParamMarker param="displacement" />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

/** The computed point nearest to the slider (the slider steps onto them; a link may hold any value). */
function Readout({ series, displacement }: { series: DimersSeries; displacement: number }) {
  const k = Math.min(series.curve.length - 1, Math.max(0, Math.round(displacement / DISPLACEMENT_STEP)));
  const p = series.curve[k]!;
  const { cutoff } = LESSON_HYPERS;
  const sight =
    p.gap <= cutoff
      ? `each is inside the other's ${cutoff} Å sphere.`
      : p.gap <= DENSITY_REACH
        ? `beyond r_c = ${cutoff} Å: only the Gaussian tails of the partner's atoms reach the sphere.`
        : `beyond r_c + 6σ = ${DENSITY_REACH.toFixed(1)} Å: ρ⊗ρ sees two separate molecules and predicts 0.`;
  return (
    <p data-testid="dimer-readout">
      {`At ${p.displacement.toFixed(2)} Å: reference ${meV(p.reference)}, ρ⊗ρ ${p.rhoRho === null ? 'still computing' : meV(p.rhoRho)}, ρ⊗V ${meV(p.rhoV)} ` +
        `(committee ${meV(p.mean)} ± ${meV(p.sigma)}). The closest atoms are ${p.gap.toFixed(2)} Å apart: ` +
        sight}
    </p>
  );
}

/** The learning curves do not depend on the dimer: their parameter line leaves it out. */
const LEARNING_PARAMETERS: readonly string[] = [];

/** Every class computed, from the lesson's series and the rows computed on request (those have V⊗V too). */
function computedClasses(series: DimersSeries, table: ClassTable): Partial<Record<ClassName, ClassSummary>> {
  return { ...Object.fromEntries(series.classes.map((c) => [c.cls, c])), ...table.rows };
}

/** Memoised: a displacement drag re-renders none of these (recharts renders are a drag's slow part). */
const ClassCharts = memo(function ClassCharts({
  series,
  table,
}: {
  series: DimersSeries;
  table: ClassTable;
}) {
  const classes = computedClasses(series, table);
  const summaries = CLASSES.flatMap((cls) => classes[cls] ?? []);
  return (
    <>
      <Table1 rows={classes} current={series.cls} level={series.level} table={table} />
      <div className="chart-row">
        <LearningChart summaries={summaries} table={table} parameterKeys={LEARNING_PARAMETERS} />
      </div>
    </>
  );
});

/**
 * ClassCharts drawn in a second, interruptible pass once the binding curve is up: on a small machine Table 1 and
 * the learning curves take about as long to draw as the curve the class is waiting for.
 */
function LaterClassCharts({ series, table }: { series: DimersSeries; table: ClassTable }) {
  const later = useDeferredValue<DimersSeries | null>(series, null);
  return later && <ClassCharts series={later} table={table} />;
}

export function DimersCharts({
  lesson,
  displacement,
}: {
  lesson: LessonState<DimersSeries>;
  displacement: number;
}) {
  const table = useClassTable();
  return (
    <LessonCharts lesson={lesson}>
      {(series) => (
        <>
          <Readout series={series} displacement={displacement} />
          <p data-testid="coverage">
            {`Calibration: ${percent(series.coverage1)} of the ${series.cls} test points lie inside the ρ⊗V band's ±1σ ` +
              `and ${percent(series.coverage2)} inside ±2σ (a calibrated band: about 68 % and 95 %).`}
          </p>
          <div className="chart-row">
            <BindingCurve series={series} />
          </div>
          <LaterClassCharts series={series} table={table} />
        </>
      )}
    </LessonCharts>
  );
}
