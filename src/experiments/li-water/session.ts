/**
 * One learner's water-on-lithium lesson: the features of all 2511 structures (once per hyper-parameters, the last
 * two kept), the binding-curve and induced-dipole studies on them, and for the chosen configuration its curves and
 * the models' predictions at the chosen height, which costs the features of that one structure only.
 */
import type { D3Dataset } from '../../data/d3.ts';
import { matrix64, predictRidge, type Summary } from '../../learn/index.ts';
import type { FeatureEngine } from '../../lode/features.ts';
import { TABLE_RANGE_SIGMAS } from '../../lode/radial-tables.ts';
import { breathe } from '../../util/event-loop.ts';
import { SharedTasks } from '../../util/shared-tasks.ts';
import type { LessonRuntime, LessonSession, SeriesOptions, SessionProgress } from '../lesson.ts';
import {
  energyStudy,
  PAPER_ENERGY_RMSE_PERCENT,
  PAPER_TEST_CURVES,
  splitCurves,
  type EnergyStudy,
} from './energy-model.ts';
import {
  byKind,
  FAR_HEIGHT,
  featuresAt,
  liWaterFeatures,
  type LessonKind,
  type LiWaterFeatures,
  type LiWaterHypers,
  type PointFeatures,
} from './features.ts';
import {
  POLARISATION_SIZES,
  polarisationLearning,
  polarisationStudy,
  predictDipoles,
  type PolarisationStudy,
} from './polarisation-model.ts';
import { MEDIAN_CONFIGURATION, type LiWaterValues } from './spec.ts';
import { curveDipoles, curveEnergies } from './targets.ts';

type Vec3 = readonly [number, number, number];

export interface KindScores {
  /** Test RMSE (eV) and RMSE% of the binding energies over the test curves. */
  readonly energyRmse: number;
  readonly energyRmsePercent: number;
  readonly paperEnergyRmsePercent: number;
  /** Test RMSE% of P^W at the paper's 1000 training points. */
  readonly dipoleRmsePercent: number;
  /** RMSE% of P^W per training size (mean, spread over draws); null until the background request has made it. */
  readonly learning: readonly Pick<Summary, 'mean' | 'std' | 'min' | 'max'>[] | null;
}

export interface LiWaterSeries {
  /** The reference's level of theory (the dataset's provenance). */
  readonly level: string;
  /** 1-based configuration shown, its id and whether the energy models held it out. */
  readonly configuration: number;
  readonly id: string;
  readonly heldOut: boolean;
  readonly heights: readonly number[];
  /** Binding energies (eV) of the configuration at every height: reference and both models. */
  readonly energies: Readonly<Record<'reference' | LessonKind, readonly number[]>>;
  /**
   * Induced dipoles (e·Å) at every height: the reference, and both models where they apply (null below
   * `farHeight`: they learned P^W above it only, and closer to the metal their features leave that domain).
   */
  readonly dipoles: Readonly<
    Record<'reference', readonly Vec3[]> & Record<LessonKind, readonly (Vec3 | null)[]>
  >;
  /** The models at the chosen height (any height, not only the dataset's). */
  readonly at: {
    readonly height: number;
    readonly energies: Readonly<Record<LessonKind, number>>;
    /** Null below `farHeight` (see `dipoles`). */
    readonly dipoles: Readonly<Record<LessonKind, Vec3>> | null;
  };
  readonly scores: Readonly<Record<LessonKind, KindScores>>;
  /** Training sizes (points) of the P^W learning curves. */
  readonly sizes: readonly number[];
  /** Points above this height are used by the P^W models; and how many train and test. */
  readonly farHeight: number;
  readonly dipoleTrain: number;
  readonly dipoleTest: number;
  readonly trainCurves: number;
  readonly testIds: readonly string[];
  /** r_c (Å) of the series, and how far ρ reaches from a centre: r_c plus the Gaussians' tails. */
  readonly cutoff: number;
  readonly reach: number;
}

const hypersOf = (v: LiWaterValues): LiWaterHypers => ({
  cutoff: v.cutoff,
  sigma: v.sigma,
  nMax: v.nMax,
  lMax: v.lMax,
});

const toVec3 = (values: Float64Array, r: number): Vec3 => [
  values[3 * r]!,
  values[3 * r + 1]!,
  values[3 * r + 2]!,
];

/** Progress of one stage as a slice [from, to] of the whole. */
const slice =
  (onProgress: SeriesOptions['onProgress'], from: number, to: number, stage: string) => (fraction: number) =>
    onProgress?.({ stage, fraction: from + (to - from) * fraction } satisfies SessionProgress);

export class LiWaterSession implements LessonSession {
  // About 60 MB each at the default hypers (ΔX of all points, ΔT of the far ones).
  private readonly features = new SharedTasks<LiWaterFeatures>(2);
  private readonly energyStudies = new SharedTasks<EnergyStudy>(8);
  private readonly dipoleStudies = new SharedTasks<PolarisationStudy>(4);
  private readonly learningCurves = new SharedTasks<Record<LessonKind, Summary[]>>(4);
  private readonly curves = new SharedTasks<Record<LessonKind, PointFeatures>>(4);
  private readonly energies: Float64Array;
  private readonly dipoles: Float64Array;

  constructor(
    private readonly dataset: D3Dataset,
    private readonly engine: FeatureEngine,
  ) {
    this.energies = curveEnergies(dataset);
    this.dipoles = curveDipoles(dataset);
  }

  async series(
    values: Readonly<Record<string, unknown>>,
    options: SeriesOptions = {},
  ): Promise<LiWaterSeries> {
    const v = values as LiWaterValues & { readonly learning?: boolean };
    const { signal, onProgress } = options;
    const hypers = hypersOf(v);
    const key = JSON.stringify(hypers);
    const structures = this.dataset.curves.length * this.dataset.heights.length;
    const featuresProgress = slice(onProgress, 0, 0.8, `features of ${structures} slab + water structures`);
    const features = await this.features.run(
      key,
      (own) =>
        liWaterFeatures(this.engine, this.dataset, hypers, {
          signal: own,
          onProgress: (done, total) => featuresProgress(done / total),
        }),
      signal,
    );
    slice(onProgress, 0.8, 0.85, 'binding-curve models')(0);
    await breathe(signal);
    const split = splitCurves(features.curves, v.split, PAPER_TEST_CURVES, v.trainCurves);
    const energy = await this.energyStudies.run(
      JSON.stringify([key, v.split, v.trainCurves]),
      (own) => energyStudy(features, this.energies, split, own),
      signal,
    );
    slice(onProgress, 0.85, 1, 'induced-dipole models')(0);
    await breathe(signal);
    const dipole = await this.dipoleStudies.run(
      JSON.stringify([key, v.split]),
      (own) => polarisationStudy(features, this.dipoles, { seed: v.split, signal: own }),
      signal,
    );
    // The learning curves take longer than everything else but the features: the spec asks for them in the
    // background once the first charts are up (`learning: true`); until then the series has none.
    const learningKey = JSON.stringify([key, v.split]);
    const learning = v.learning
      ? await this.learningCurves.run(
          learningKey,
          (own) => polarisationLearning(features, this.dipoles, dipole, { seed: v.split, signal: own }),
          signal,
        )
      : (this.learningCurves.done(learningKey) ?? null);
    const index =
      v.configuration === MEDIAN_CONFIGURATION
        ? medianTestCurve(energy, this.energies, features.heights.length)
        : v.configuration - 1;
    const curve = this.dataset.curves[index];
    if (!curve) throw new RangeError(`there is no configuration ${v.configuration}`);
    const { heights } = this.dataset;
    const along = await this.curves.run(
      JSON.stringify([key, index]),
      (own) => featuresAt(this.engine, features, curve, heights, own),
      signal,
    );
    const here = await featuresAt(this.engine, features, curve, [v.height], signal);
    const points = heights.length;
    const energyAt = (kind: LessonKind, x: PointFeatures, rows: number) =>
      predictRidge(energy.fits[kind].model, matrix64(rows, features.kinds[kind].labels.length, x.invariants));
    const dipolesAt = (kind: LessonKind, x: PointFeatures, rows: number) =>
      predictDipoles(dipole.fits[kind], x.vectors, rows);
    return {
      level: this.dataset.level,
      configuration: index + 1,
      id: curve.id,
      heldOut: energy.split.test.includes(index),
      heights,
      energies: {
        reference: Array.from(this.energies.subarray(index * points, (index + 1) * points)),
        ...byKind((kind) =>
          Array.from(energy.fits[kind].predicted.subarray(index * points, (index + 1) * points)),
        ),
      },
      dipoles: {
        reference: heights.map((_, k) => toVec3(this.dipoles, index * points + k)),
        ...byKind((kind) => {
          const predicted = dipolesAt(kind, along[kind], points);
          return heights.map((h, k) => (h >= FAR_HEIGHT ? toVec3(predicted, k) : null));
        }),
      },
      at: {
        height: v.height,
        energies: byKind((kind) => energyAt(kind, here[kind], 1)[0]!),
        dipoles: v.height >= FAR_HEIGHT ? byKind((kind) => toVec3(dipolesAt(kind, here[kind], 1), 0)) : null,
      },
      scores: byKind((kind) => ({
        energyRmse: energy.fits[kind].testRmse,
        energyRmsePercent: energy.fits[kind].testRmsePercent,
        paperEnergyRmsePercent: PAPER_ENERGY_RMSE_PERCENT[kind],
        dipoleRmsePercent: dipole.fits[kind].testRmsePercent,
        learning: learning && learning[kind].map(({ mean, std, min, max }) => ({ mean, std, min, max })),
      })),
      sizes: [...POLARISATION_SIZES],
      farHeight: FAR_HEIGHT,
      dipoleTrain: dipole.train.length,
      dipoleTest: dipole.test.length,
      trainCurves: energy.split.train.length,
      testIds: Array.from(energy.split.test, (c) => this.dataset.curves[c]!.id),
      cutoff: hypers.cutoff,
      reach: hypers.cutoff + TABLE_RANGE_SIGMAS * hypers.sigma,
    };
  }
}

/** The test curve whose ρ⊗V RMSE is the median of the test curves' (the lower middle one for an even count). */
function medianTestCurve(energy: EnergyStudy, reference: Float64Array, points: number): number {
  const predicted = energy.fits['rho-V'].predicted;
  const errors = Array.from(energy.split.test, (curve) => {
    let sum = 0;
    for (let k = 0; k < points; k++)
      sum += (predicted[curve * points + k]! - reference[curve * points + k]!) ** 2;
    return { curve, error: sum };
  }).sort((a, b) => a.error - b.error);
  return errors[Math.floor((errors.length - 1) / 2)]!.curve;
}

export async function createSession(runtime: LessonRuntime): Promise<LiWaterSession> {
  return new LiWaterSession(await runtime.dataset('d3-li-water'), runtime.engine);
}
