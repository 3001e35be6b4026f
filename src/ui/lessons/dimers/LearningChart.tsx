/**
 * Learning curves per class (paper Fig. 6): test RMSE as % of the test STD against the number of training curves,
 * log–log, ρ⊗V solid (mean over the draws, bars from the smallest to the largest), ρ⊗ρ dashed in the same colour.
 * The legend toggles each class (buttons, so the keyboard can); a class not computed yet is computed on request.
 */
import { useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LearningPoint } from '../../../experiments/dimers/class-study.ts';
import type { ClassSummary } from '../../../experiments/dimers/session.ts';
import { CLASSES } from '../../../experiments/dimers/spec.ts';
import type { ClassName } from '../../../experiments/dimers/split.ts';
import { KIND_SYMBOL } from '../../../experiments/dimers/table.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import { logAxis, logYAxis } from '../../charts/log-axis.ts';
import { xAxisStyle } from '../../charts/axis-style.ts';
import type { ClassTable } from './use-class-table.ts';

const MARGIN = { top: 8, right: 16, bottom: 28, left: 12 };
const COLOUR: Readonly<Record<ClassName, string>> = {
  CC: '#ff6b6b',
  CP: '#ffa94d',
  CA: '#ffd43b',
  PP: '#69db7c',
  PA: '#4dabf7',
  AA: '#b197fc',
};
const KINDS = ['rho-V', 'rho-rho'] as const;
const threeDigits = (x: unknown) => (typeof x === 'number' ? x.toPrecision(3) : '–');

interface PlotPoint {
  readonly curves: number;
  readonly mean: number;
  readonly below: number;
  readonly above: number;
}

const plotPoints = (points: readonly LearningPoint[]): PlotPoint[] =>
  points.map(({ curves, rmsePercent: { mean, min, max } }) => ({
    curves,
    mean,
    below: mean - min,
    above: max - mean,
  }));

/** The legend: one toggle per computed class, a compute button for the others. */
function ClassLegend({
  computed,
  hidden,
  toggle,
  table,
}: {
  computed: ReadonlySet<ClassName>;
  hidden: ReadonlySet<ClassName>;
  toggle: (cls: ClassName) => void;
  table: ClassTable;
}) {
  const busy = table.state.status === 'computing';
  return (
    <ul className="recharts-default-legend class-legend" role="group" aria-label="Classes shown">
      {CLASSES.map((cls) => {
        const text = computed.has(cls)
          ? cls
          : busy && table.state.status === 'computing' && table.state.cls === cls
            ? `${cls}: computing…`
            : `${cls}: compute`;
        return (
          <li key={cls} className="recharts-legend-item">
            <button
              type="button"
              {...(computed.has(cls)
                ? { 'aria-pressed': !hidden.has(cls), onClick: () => toggle(cls) }
                : { disabled: busy, onClick: () => table.compute([cls]) })}
              title={
                computed.has(cls)
                  ? `Show or hide ${cls}`
                  : `Compute class ${cls} (minutes for the large ones)`
              }
            >
              <span
                className="recharts-legend-item-text"
                style={{
                  color: COLOUR[cls],
                  ...(computed.has(cls) && hidden.has(cls)
                    ? { textDecoration: 'line-through', opacity: 0.5 }
                    : {}),
                }}
              >
                {text}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function LearningChart({
  summaries,
  table,
  parameterKeys,
}: {
  /** Computed classes (ρ⊗V and ρ⊗ρ learning curves each). */
  summaries: readonly ClassSummary[];
  table: ClassTable;
  /** The view's parameters the curves depend on (see ChartFigure). */
  parameterKeys: readonly string[];
}) {
  const [hidden, setHidden] = useState<ReadonlySet<ClassName>>(new Set());
  const toggle = (cls: ClassName) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(cls)) next.add(cls);
      return next;
    });
  const computed = new Set(summaries.map((s) => s.cls));
  const shown = summaries.filter((s) => !hidden.has(s.cls));
  const lines = shown.flatMap((s) =>
    KINDS.flatMap((kind) => {
      const points = s.learning[kind];
      return points ? [{ cls: s.cls, kind, points: plotPoints(points) }] : [];
    }),
  );
  const values = lines.flatMap((l) => l.points.flatMap((p) => [p.mean - p.below, p.mean + p.above]));
  const sizes = lines.flatMap((l) => l.points.map((p) => p.curves));
  const axis = logAxis([100, ...values]);
  const rows = lines.flatMap((l) =>
    l.points.map((p) => ({
      class: l.cls,
      kind: KIND_SYMBOL[l.kind],
      curves: p.curves,
      mean: p.mean,
      min: p.mean - p.below,
      max: p.mean + p.above,
    })),
  );
  return (
    <ChartFigure
      name="dimer-learning"
      caption="Learning curves per class (paper Fig. 6): test RMSE as % of the test STD against training curves; ρ⊗V solid (mean over three draws, bars from the smallest to the largest), ρ⊗ρ dashed"
      parameterKeys={parameterKeys}
      units={{ curves: 'curves', mean: '%', min: '%', max: '%' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="curves"
            scale="log"
            domain={sizes.length ? [Math.min(...sizes) / 1.25, Math.max(...sizes) * 1.25] : [1, 1000]}
            allowDataOverflow
            tickFormatter={(x: number) => String(Math.round(x))}
            {...xAxisStyle('training curves (log)')}
          />
          <YAxis {...logYAxis(axis, 'RMSE % of STD (log)', (x) => String(x))} />
          <Tooltip contentStyle={{ background: '#141a22' }} formatter={threeDigits} />
          <Legend
            verticalAlign="top"
            height={34}
            content={<ClassLegend computed={computed} hidden={hidden} toggle={toggle} table={table} />}
          />
          <ReferenceLine
            y={100}
            stroke="#adb5bd"
            strokeDasharray="4 3"
            label={{ value: 'no better than the mean', fill: '#adb5bd', position: 'insideTopRight' }}
          />
          {lines.map(({ cls, kind, points }) => (
            <Line
              key={`${cls}-${kind}`}
              name={`${cls} ${KIND_SYMBOL[kind]}`}
              data={points}
              dataKey="mean"
              stroke={COLOUR[cls]}
              strokeDasharray={kind === 'rho-rho' ? '5 4' : undefined}
              dot={kind === 'rho-V'}
              isAnimationActive={false}
            >
              {kind === 'rho-V' && (
                <ErrorBar
                  dataKey={(p: PlotPoint) => [p.below, p.above]}
                  stroke={COLOUR[cls]}
                  width={5}
                  isAnimationActive={false}
                />
              )}
            </Line>
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
