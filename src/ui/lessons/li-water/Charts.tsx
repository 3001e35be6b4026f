/**
 * The water-on-lithium lesson's charts and numbers (paper §4.2, Figs. 7–8): the models at the chosen height, the
 * chosen configuration's binding curve (reference points, ρ⊗ρ and ρ⊗V, the height beyond which ρ⊗ρ no longer sees
 * the slab), the test scores next to the paper's, the P^W learning curves and the induced dipole along the curve.
 */
import { memo, type ReactNode } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LessonKind } from '../../../experiments/li-water/features.ts';
import type { LiWaterSeries } from '../../../experiments/li-water/session.ts';
import { HEIGHT_RANGE } from '../../../experiments/li-water/spec.ts';
import { TABLE_RANGE_SIGMAS } from '../../../lode/radial-tables.ts';
import { ChartFigure } from '../../charts/ChartFigure.tsx';
import { LessonCharts } from '../../charts/LessonCharts.tsx';
import { ParamMarker } from '../../charts/ParamMarker.tsx';
import { xAxisStyle, yAxisStyle } from '../../charts/axis-style.ts';
import { logAxis, logYAxis } from '../../charts/log-axis.ts';
import { useSharedParts } from '../../use-shared-parts.ts';
import type { LessonState } from '../../use-lesson.ts';

type Vec3 = readonly [number, number, number];
/** What the charts draw: everything but the prediction at the chosen height (the readout's). */
type CurveSeries = Omit<LiWaterSeries, 'at'> & { readonly at: null };

const MEV = 1000;
const MARGIN = { top: 8, right: 16, bottom: 28, left: 12 };
const LEGEND = { verticalAlign: 'top' as const, height: 30 };
const TOOLTIP = { background: '#141a22' };
const KINDS = ['rho-rho', 'rho-V'] as const satisfies readonly LessonKind[];
const SYMBOL: Readonly<Record<LessonKind, string>> = { 'rho-rho': 'ρ⊗ρ', 'rho-V': 'ρ⊗V' };
/** Row keys of each kind (recharts data keys and CSV columns). */
const KEY: Readonly<Record<LessonKind, 'rhoRho' | 'rhoV'>> = { 'rho-rho': 'rhoRho', 'rho-V': 'rhoV' };
const COLOUR: Readonly<Record<LessonKind, string>> = { 'rho-rho': '#ff6b6b', 'rho-V': '#4dabf7' };
const DASH: Readonly<Record<LessonKind, string | undefined>> = { 'rho-rho': '5 4', 'rho-V': undefined };
const REFERENCE = '#e8eaed';
const REACH = '#ffd43b';
const HEIGHTS: [number, number] = [HEIGHT_RANGE[0], HEIGHT_RANGE[1]];

const meV = (eV: number) => `${(MEV * eV).toFixed(1)} meV`;
const inPlane = (p: Vec3) => Math.hypot(p[0], p[1]);
/** Induced dipoles are shown in 10⁻³ e·Å: beyond 4.5 Å they are a few thousandths of an e·Å. */
const MILLI = 1000;
const vector = (p: Vec3) =>
  `(${p.map((x) => (MILLI * x).toFixed(2)).join(', ')}) ×10⁻³ e·Å, |P| = ${(MILLI * Math.hypot(...p)).toFixed(2)} ×10⁻³ e·Å`;
const threeDigits = (x: unknown) => (typeof x === 'number' ? x.toPrecision(3) : '–');

/** Index of the dataset's height equal to `height` (within 1e-6), or -1 between them. */
const heightIndex = (series: Pick<LiWaterSeries, 'heights'>, height: number) =>
  series.heights.findIndex((h) => Math.abs(h - height) <= 1e-6);

/** One model's line, in its colour and dash (recharts wants the <Line> itself as the chart's child). */
function modelLine(kind: LessonKind, { dots, children }: { dots: boolean; children?: ReactNode }) {
  return (
    <Line
      key={kind}
      name={SYMBOL[kind]}
      dataKey={KEY[kind]}
      stroke={COLOUR[kind]}
      strokeDasharray={DASH[kind]}
      {...(dots ? {} : { dot: false })}
      isAnimationActive={false}
    >
      {children}
    </Line>
  );
}

/** Both models' lines, the reference points and the height marks of a chart against height. */
function modelsAndReference({ series }: { series: CurveSeries }) {
  return (
    <>
      {KINDS.map((kind) => modelLine(kind, { dots: false }))}
      <Scatter
        name={`reference (${series.level})`}
        dataKey="reference"
        fill={REFERENCE}
        isAnimationActive={false}
      />
      {heightLines({ series })}
    </>
  );
}

/**
 * The cutoff r_c (dotted), r_c + 6σ beyond which ρ⊗ρ sees the water alone (dashed; each drawn when it lies on the
 * chart) and the thin line at the chosen height.
 */
function heightLines({ series }: { series: CurveSeries }) {
  return (
    <>
      <ReferenceLine
        x={series.cutoff}
        stroke={REACH}
        strokeDasharray="1 3"
        label={{ value: 'r_c', fill: REACH, position: 'insideTopLeft' }}
      />
      {series.reach <= HEIGHTS[1] && (
        <ReferenceLine
          x={series.reach}
          stroke={REACH}
          strokeDasharray="4 3"
          label={{
            value: `ρ⊗ρ blind beyond r_c + ${TABLE_RANGE_SIGMAS}σ`,
            fill: REACH,
            position: 'insideTopRight',
          }}
        />
      )}
      <ParamMarker param="height" />
    </>
  );
}

/** The models at the chosen height (any height), the reference where the dataset has that height. */
function Readout({ series }: { series: LiWaterSeries }) {
  const { at, reach, cutoff } = series;
  const h = at.height;
  const k = heightIndex(series, h);
  const dipoles = at.dipoles;
  const models = KINDS.map(
    (kind) => `${SYMBOL[kind]} ${meV(at.energies[kind])}${dipoles ? `, P^W = ${vector(dipoles[kind])}` : ''}`,
  ).join('; ');
  const domain = dipoles
    ? ''
    : ` (P^W is predicted above ${series.farHeight} Å only: the models learned it there, beyond ρ⊗ρ’s reach)`;
  const reference =
    k < 0
      ? ' (between the dataset’s heights: no reference here)'
      : `; reference (${series.level}) ${meV(series.energies.reference[k]!)}, P^W = ${vector(series.dipoles.reference[k]!)}`;
  const sight =
    h <= cutoff
      ? `within r_c = ${cutoff} Å of the top layer: its environments hold Li atoms.`
      : h <= reach
        ? `beyond r_c = ${cutoff} Å but within r_c + ${TABLE_RANGE_SIGMAS}σ = ${reach.toFixed(2)} Å: only the Gaussian tails of the Li atoms reach its environments.`
        : `beyond r_c + ${TABLE_RANGE_SIGMAS}σ = ${reach.toFixed(2)} Å: ρ⊗ρ sees only the water and predicts the same at every greater height; ρ⊗V still feels the slab’s potential.`;
  return (
    <p data-testid="li-water-readout">
      {`At ${h.toFixed(2)} Å: ${models}${domain}${reference}. The water’s lowest atom is ${sight}`}
    </p>
  );
}

const BindingCurve = memo(function BindingCurve({ series }: { series: CurveSeries }) {
  const rows = series.heights.map((h, k) => ({
    height: h,
    reference: MEV * series.energies.reference[k]!,
    rhoRho: MEV * series.energies['rho-rho'][k]!,
    rhoV: MEV * series.energies['rho-V'][k]!,
  }));
  return (
    <ChartFigure
      name="li-water-binding"
      caption={`Binding curve of configuration ${series.configuration} (${series.id}, ${series.heldOut ? 'test configuration: the energy models never saw it' : 'training configuration'}): ${series.level} reference, ρ⊗ρ and ρ⊗V`}
      units={{ height: 'Å', reference: 'meV', rhoRho: 'meV', rhoV: 'meV' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis type="number" dataKey="height" domain={HEIGHTS} {...xAxisStyle('height (Å)')} />
          <YAxis {...yAxisStyle('E_b (meV)')} />
          <Tooltip contentStyle={TOOLTIP} formatter={threeDigits} />
          <Legend {...LEGEND} />
          {modelsAndReference({ series })}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

const Scores = memo(function Scores({ series }: { series: CurveSeries }) {
  return (
    <table data-testid="li-water-scores">
      <caption>
        {`Test scores: binding energies over the ${series.testIds.length} test curves (${series.testIds.join(', ')}; ` +
          `${series.level} reference), P^W over ${series.dipoleTest} test points above ${series.farHeight} Å`}
      </caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">training curves</th>
          <th scope="col">E_b RMSE (meV)</th>
          <th scope="col">E_b RMSE % (paper)</th>
          <th scope="col">{`P^W RMSE % (${series.dipoleTrain} training points)`}</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map((kind) => {
          const s = series.scores[kind];
          return (
            <tr key={kind} data-kind={kind}>
              <th scope="row">{SYMBOL[kind]}</th>
              <td>{series.trainCurves}</td>
              <td>{(MEV * s.energyRmse).toFixed(1)}</td>
              <td>{`${s.energyRmsePercent.toFixed(1)} % (${s.paperEnergyRmsePercent} %)`}</td>
              <td>{`${s.dipoleRmsePercent.toFixed(1)} %`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

type Learning = NonNullable<LiWaterSeries['scores']['rho-V']['learning']>;

const LearningCurves = memo(function LearningCurves({ series }: { series: CurveSeries }) {
  const rhoRho = series.scores['rho-rho'].learning;
  const rhoV = series.scores['rho-V'].learning;
  if (!rhoRho || !rhoV)
    return (
      <p data-testid="li-water-learning-pending">
        The P^W learning curves are computed next (about half a minute on a 2-core CPU engine)…
      </p>
    );
  return <LearningChart series={series} curves={{ 'rho-rho': rhoRho, 'rho-V': rhoV }} />;
});

/** The learning curves do not depend on the water's height: their parameter line leaves it out. */
const LEARNING_PARAMETERS = ['cutoff', 'sigma', 'nMax', 'lMax', 'split'];

function LearningChart({ series, curves }: { series: CurveSeries; curves: Record<LessonKind, Learning> }) {
  const rows = series.sizes.map((points, i) => {
    const row: Record<string, number> = { points };
    for (const kind of KINDS) {
      const s = curves[kind][i]!;
      row[KEY[kind]] = s.mean;
      row[`${KEY[kind]}Min`] = s.min;
      row[`${KEY[kind]}Max`] = s.max;
    }
    return row;
  });
  const axis = logAxis([100, ...rows.flatMap((row) => Object.values(row).slice(1))]);
  const units = Object.fromEntries(
    Object.keys(rows[0] ?? {}).map((key) => [key, key === 'points' ? '' : '%']),
  );
  return (
    <ChartFigure
      name="li-water-learning"
      caption={`P^W learning curves: test RMSE % against training points (mean, bars from the smallest to the largest over the draws); waters above ${series.farHeight} Å only, ${series.dipoleTest} test points`}
      parameterKeys={LEARNING_PARAMETERS}
      units={units}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="points"
            scale="log"
            domain={[series.sizes[0]! / 1.25, series.sizes.at(-1)! * 1.25]}
            ticks={[...series.sizes]}
            allowDataOverflow
            {...xAxisStyle('training points (log)')}
          />
          <YAxis {...logYAxis(axis, 'P^W RMSE % (log)', (x) => String(x))} />
          <Tooltip contentStyle={TOOLTIP} formatter={threeDigits} />
          <Legend {...LEGEND} />
          <ReferenceLine
            y={100}
            stroke="#adb5bd"
            strokeDasharray="4 3"
            label={{ value: 'no better than the mean', fill: '#adb5bd', position: 'insideTopRight' }}
          />
          {KINDS.map((kind) =>
            modelLine(kind, {
              dots: true,
              children: (
                <ErrorBar
                  dataKey={(row: Record<string, number>) => [
                    row[KEY[kind]]! - row[`${KEY[kind]}Min`]!,
                    row[`${KEY[kind]}Max`]! - row[KEY[kind]]!,
                  ]}
                  stroke={COLOUR[kind]}
                  width={6}
                  isAnimationActive={false}
                />
              ),
            }),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** One component of P^W along the curve: the reference's points and both models' lines. */
const DipoleChart = memo(function DipoleChart({
  series,
  name,
  caption,
  axis,
  component,
}: {
  series: CurveSeries;
  name: string;
  caption: string;
  axis: string;
  component: (p: Vec3) => number;
}) {
  // The models' domain only: they learned P^W above farHeight (closer, the reference is ten times larger).
  const value = (p: Vec3 | null | undefined) => MILLI * (p ? component(p) : Number.NaN);
  const rows = series.heights.flatMap((h, k) =>
    h >= series.farHeight
      ? [
          {
            height: h,
            reference: value(series.dipoles.reference[k]),
            rhoRho: value(series.dipoles['rho-rho'][k]),
            rhoV: value(series.dipoles['rho-V'][k]),
          },
        ]
      : [],
  );
  return (
    <ChartFigure
      name={name}
      caption={caption}
      units={{ height: 'Å', reference: '10⁻³ e·Å', rhoRho: '10⁻³ e·Å', rhoV: '10⁻³ e·Å' }}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={rows} margin={MARGIN}>
          <CartesianGrid stroke="#2a323d" />
          <XAxis
            type="number"
            dataKey="height"
            domain={[series.farHeight, HEIGHTS[1]]}
            {...xAxisStyle('height (Å)')}
          />
          <YAxis tickFormatter={(x: number) => x.toFixed(1)} {...yAxisStyle(axis)} />
          <Tooltip contentStyle={TOOLTIP} formatter={threeDigits} />
          <Legend {...LEGEND} />
          {modelsAndReference({ series })}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

const normal = (p: Vec3) => p[2];

/**
 * The charts of a series. A new height brings a new series whose curves are the same: they are kept as the same
 * object, so that the memoised charts skip rendering them again (recharts renders are the slow part of a drag);
 * their marks at the chosen height follow the slider by themselves (ParamMarker).
 */
function ChartSet({ series }: { series: LiWaterSeries }) {
  const curves: CurveSeries = useSharedParts({ ...series, at: null });
  const along = `configuration ${curves.configuration} (${curves.id})`;
  return (
    <>
      <Readout series={series} />
      <div className="chart-row">
        <BindingCurve series={curves} />
      </div>
      <Scores series={curves} />
      <div className="chart-row">
        <LearningCurves series={curves} />
      </div>
      <div className="chart-row">
        <DipoleChart
          series={curves}
          name="li-water-dipole"
          caption={`Induced dipole P^W of ${along} above ${curves.farHeight} Å (where the models learned it), normal component P_z: ${curves.level} reference, ρ⊗ρ and ρ⊗V`}
          axis="P_z (10⁻³ e·Å)"
          component={normal}
        />
        <DipoleChart
          series={curves}
          name="li-water-dipole-plane"
          caption={`Induced dipole P^W of ${along} above ${curves.farHeight} Å, in-plane magnitude √(P_x² + P_y²): ${curves.level} reference, ρ⊗ρ and ρ⊗V`}
          axis="|P_xy| (10⁻³ e·Å)"
          component={inPlane}
        />
      </div>
    </>
  );
}

export function LiWaterCharts({ lesson }: { lesson: LessonState<LiWaterSeries> }) {
  return <LessonCharts lesson={lesson}>{(series) => <ChartSet series={series} />}</LessonCharts>;
}
