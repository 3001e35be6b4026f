/**
 * The H2O–CO2 multipole lesson (paper §3.2, Figs. 3 and 4) as pure functions returning chart-ready series.
 * A linear model on binding features ΔX = X(AB) − X(A) − X(B) (so the dissociated limit is built in) is trained on
 * every orientation within the training window and asked to extrapolate beyond it. Features are computed once at
 * l_max = 6 per (centring, kind, hypers); every smaller l_max is a column mask of them, so sweeping l_max only refits.
 */
import type { Structure } from '../../chem/structure.ts';
import type { D2Dataset } from '../../data/d2.ts';
import {
  cvRidge,
  fitPointCharges,
  matrix64,
  pointChargeEnergy,
  predictRidge,
  rmse,
  selectRows,
  standardDeviation,
  type Matrix64,
  type PointChargeModel,
  type RidgeModel,
} from '../../learn/index.ts';
import {
  columnsUpToLmax,
  labelName,
  selectColumns,
  type FeatureEngine,
  type FeatureKind,
  type InvariantLabel,
} from '../../lode/features.ts';
import { centresFor, dimerAt, WATER_ATOMS } from './geometry.ts';
import { LESSON_LMAX, type Centring } from './spec.ts';

/**
 * √weight of a dissociated-limit row: its features are ~1/R_limit of the window's, so without weight it would not
 * pin down the monopole tail.
 */
export const LIMIT_WEIGHT = 100;

export interface LessonHypers {
  readonly cutoff: number;
  readonly sigma: number;
  readonly nMax: number;
}

export interface LessonFeatureKey {
  readonly centring: Centring;
  readonly kind: FeatureKind;
  readonly hypers: LessonHypers;
}

/**
 * ΔX of the dataset's points at l_max = 6, one row per (curve, separation), plus each curve's dissociated-limit
 * point. That point belongs in training: the potential of neutral-atom densities decays as 1/R, so only far points
 * teach the model to cancel the monopole tail that would otherwise offset every extrapolation.
 */
export interface LessonFeatures {
  readonly key: LessonFeatureKey;
  readonly x: Matrix64;
  readonly labels: readonly InvariantLabel[];
  /** Curve index, separation and reference binding energy (eV) of each row. */
  readonly curve: Int32Array;
  readonly separation: Float64Array;
  readonly targets: Float64Array;
  /** 1 for the dissociated-limit rows. */
  readonly limit: Uint8Array;
}

/** Cancellation and progress (structures done of total, for the dimers) of a featurisation. */
export interface ComputeOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** ΔX for the given dimers (each with its curve's monomers), at l_max = 6. */
async function bindingFeatures(
  engine: FeatureEngine,
  key: LessonFeatureKey,
  dimers: readonly Structure[],
  monomers: readonly (readonly [Structure, Structure])[],
  { signal, onProgress }: ComputeOptions = {},
): Promise<{ x: Matrix64; labels: readonly InvariantLabel[] }> {
  const species = ['H', 'C', 'O'];
  const hypers = { ...key.hypers, lMax: LESSON_LMAX, species };
  const centres = centresFor(key.centring, dimers[0]?.species.length ?? 6);
  const run = (
    structures: readonly Structure[],
    indices: number[],
    progress?: ComputeOptions['onProgress'],
  ) =>
    engine.compute({
      structures,
      hypers,
      kinds: [key.kind],
      centres: { mode: 'indices', indices: structures.map(() => indices) },
      ...(signal ? { signal } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
  // Monomer features once per distinct pair of monomers (one pair per curve), then subtracted row by row.
  const distinct = [...new Set(monomers)];
  const index = new Map(distinct.map((m, i) => [m, i]));
  const ab = await run(dimers, centres.dimer, onProgress);
  const a = await run(
    distinct.map((m) => m[0]),
    centres.water,
  );
  const b = await run(
    distinct.map((m) => m[1]),
    centres.co2,
  );
  const width = ab.invariantLabels.length;
  const delta = new Float64Array(ab.invariants.length);
  monomers.forEach((m, row) => {
    const at = index.get(m)! * width;
    for (let c = 0; c < width; c++) {
      delta[row * width + c] = ab.invariants[row * width + c] - a.invariants[at + c] - b.invariants[at + c];
    }
  });
  return { x: matrix64(ab.rows, width, delta), labels: ab.invariantLabels };
}

/** Keeps the columns that are non-zero somewhere (a single-centre model fills one central-species block only). */
function activeColumns(x: Matrix64): Int32Array {
  const keep: number[] = [];
  for (let c = 0; c < x.cols; c++) {
    for (let r = 0; r < x.rows; r++) {
      if (x.data[r * x.cols + c] !== 0) {
        keep.push(c);
        break;
      }
    }
  }
  return Int32Array.from(keep);
}

/**
 * The level of theory the lesson learns: the first DFT level computed for every point and dissociated-limit check,
 * else the first level (GFN2-xTB, computed everywhere by construction).
 */
export function lessonLevel(dataset: D2Dataset): string {
  const complete = (level: string) =>
    dataset.curves.every(
      (c) => c.dissociated[level] !== undefined && c.points.every((p) => p.energies[level] !== undefined),
    );
  return dataset.levels.find((level) => level !== dataset.levels[0] && complete(level)) ?? dataset.levels[0]!;
}

export async function lessonFeatures(
  dataset: D2Dataset,
  key: LessonFeatureKey,
  engine: FeatureEngine,
  options: ComputeOptions = {},
): Promise<LessonFeatures> {
  const level = lessonLevel(dataset);
  const far = dataset.dissociatedSeparation;
  const rows = dataset.curves.flatMap((c, i) => [
    ...c.points.map((p) => ({
      c,
      i,
      structure: p.structure,
      r: p.coordinate,
      e: p.energies[level],
      limit: 0,
    })),
    { c, i, structure: dimerAt(c, far), r: far, e: c.dissociated[level], limit: 1 },
  ]);
  const { x, labels } = await bindingFeatures(
    engine,
    key,
    rows.map((row) => row.structure),
    rows.map((row) => row.c.monomers),
    options,
  );
  const active = activeColumns(x);
  return {
    key,
    x: matrix64(x.rows, active.length, selectColumns(x.data, x.cols, active)),
    labels: Array.from(active, (c) => labels[c]),
    curve: Int32Array.from(rows, (row) => row.i),
    separation: Float64Array.from(rows, (row) => row.r),
    targets: Float64Array.from(rows, (row) => row.e ?? Number.NaN),
    limit: Uint8Array.from(rows, (row) => row.limit),
  };
}

export interface LessonFit {
  readonly lMax: number;
  /**
   * Null when no feature column varies over the dataset (ρ⊗ρ with a cutoff that never reaches the partner): such
   * a model has nothing to learn from and predicts the dissociated limit, 0, everywhere.
   */
  readonly model: RidgeModel | null;
  readonly columns: Int32Array;
  /** Extrapolation test (separations beyond the window): RMSE (eV) and RMSE % of the test targets' spread. */
  readonly testRmse: number;
  readonly testRmsePercent: number;
  /** Prediction for every row of the features. */
  readonly predicted: Float64Array;
}

function rowsWhere(features: LessonFeatures, keep: (r: number, limit: boolean) => boolean): Int32Array {
  const { separation, limit } = features;
  return Int32Array.from(Array.from(separation.keys()).filter((i) => keep(separation[i], limit[i] === 1)));
}

const inWindow = (r: number, window: readonly [number, number]) =>
  r >= window[0] - 1e-9 && r <= window[1] + 1e-9;

/** Rows beyond the training window, short of the dissociated limit: the extrapolation test. */
const testRows = (features: LessonFeatures, window: readonly [number, number]) =>
  rowsWhere(features, (r, limit) => !limit && r > window[1] + 1e-9);

/** Fits on the training window and the dissociated limit at one l_max (α by 5-fold CV); scores the extrapolation. */
export function fitLesson(
  features: LessonFeatures,
  lMax: number,
  window: readonly [number, number],
): LessonFit {
  const { targets } = features;
  const columns = columnsUpToLmax(features.labels, lMax);
  const x = matrix64(
    features.x.rows,
    columns.length,
    selectColumns(features.x.data, features.x.cols, columns),
  );
  const train = rowsWhere(features, (r, limit) => limit || inWindow(r, window));
  const test = testRows(features, window);
  const scored = (model: RidgeModel | null, predicted: Float64Array): LessonFit => {
    const testTargets = Float64Array.from(test, (i) => targets[i]);
    const error = rmse(
      Float64Array.from(test, (i) => predicted[i]),
      testTargets,
    );
    return {
      lMax,
      model,
      columns,
      testRmse: error,
      testRmsePercent: (100 * error) / standardDeviation(testTargets),
      predicted,
    };
  };
  if (columns.length === 0) return scored(null, new Float64Array(features.x.rows));
  // Weighted least squares: each dissociated-limit row counts LIMIT_WEIGHT² times (rows scaled by LIMIT_WEIGHT).
  const weight = Float64Array.from(train, (i) => (features.limit[i] ? LIMIT_WEIGHT : 1));
  const trainX = selectRows(x, train);
  for (let r = 0; r < train.length; r++) {
    for (let c = 0; c < trainX.cols; c++) trainX.data[r * trainX.cols + c] *= weight[r];
  }
  const { model } = cvRidge(
    { x: trainX, y: Float64Array.from(train, (i, r) => targets[i] * weight[r]) },
    { folds: 5, seed: 1 },
  );
  return scored(model, predictRidge(model, x));
}

/** Test RMSE for l_max = 0..6 (chart 2, one series per centring). */
export function rmseByLmax(features: LessonFeatures, window: readonly [number, number]): number[] {
  return Array.from({ length: LESSON_LMAX + 1 }, (_, l) => fitLesson(features, l, window).testRmse);
}

/** ΔX along one orientation on a separation grid, in the lesson features' (active) columns: chart 1's inputs. */
export async function curveFeatures(
  dataset: D2Dataset,
  curveIndex: number,
  features: LessonFeatures,
  separations: readonly number[],
  engine: FeatureEngine,
  options: ComputeOptions = {},
): Promise<Matrix64> {
  const curve = dataset.curves[curveIndex];
  const { x, labels } = await bindingFeatures(
    engine,
    features.key,
    separations.map((r) => dimerAt(curve, r)),
    separations.map(() => curve.monomers),
    options,
  );
  const names = new Map(labels.map((label, c) => [labelName(label), c]));
  const columns = Int32Array.from(features.labels, (label) => names.get(labelName(label))!);
  return matrix64(x.rows, columns.length, selectColumns(x.data, x.cols, columns));
}

/** The model's binding curve from curveFeatures (chart 1): a column mask and a product, no featurisation. */
export function predictCurve(fit: LessonFit, curve: Matrix64): Float64Array {
  if (!fit.model) return new Float64Array(curve.rows);
  return predictRidge(
    fit.model,
    matrix64(curve.rows, fit.columns.length, selectColumns(curve.data, curve.cols, fit.columns)),
  );
}

function geometry(structure: Structure) {
  return {
    species: structure.species,
    positions: structure.positions,
    molecules: Int32Array.from(structure.species, (_, i) => (i < WATER_ATOMS ? 0 : 1)),
  };
}

/** Fixed point charges per species fitted on the training window (paper Fig. 4's baseline). */
export function fitLessonPointCharges(
  dataset: D2Dataset,
  window: readonly [number, number],
): PointChargeModel {
  const level = lessonLevel(dataset);
  const samples = dataset.curves
    .flatMap((c) => c.points)
    .filter((p) => inWindow(p.coordinate, window))
    .map((p) => ({ ...geometry(p.structure), energy: p.energies[level] }));
  return fitPointCharges(samples, { species: ['H', 'C', 'O'] });
}

export interface AsymptoticErrors {
  readonly separations: number[];
  /** RMSE over orientations at each separation beyond the window, per model. */
  readonly series: Record<string, number[]>;
}

/** Extrapolation error against distance for some l_max (paper Fig. 4: 0 and 1) and the point-charge model (chart 3). */
export function asymptoticErrors(
  dataset: D2Dataset,
  features: LessonFeatures,
  window: readonly [number, number],
  fitAt: (lMax: number) => LessonFit = (lMax) => fitLesson(features, lMax, window),
  charges: PointChargeModel = fitLessonPointCharges(dataset, window),
  lMaxes: readonly number[] = [0, 1],
): AsymptoticErrors {
  const { targets } = features;
  const test = testRows(features, window);
  const separations = [...new Set(Array.from(test, (i) => features.separation[i]))].sort((a, b) => a - b);
  const pointCharge = Float64Array.from(features.separation, (r, i) =>
    pointChargeEnergy(charges, geometry(dimerAt(dataset.curves[features.curve[i]], r))),
  );
  const models: Record<string, Float64Array> = {
    ...Object.fromEntries([...new Set(lMaxes)].map((l) => [`l_max = ${l}`, fitAt(l).predicted])),
    'point charges': pointCharge,
  };
  const series = Object.fromEntries(
    Object.entries(models).map(([name, predicted]) => [
      name,
      separations.map((r) => {
        const rows = rowsWhere(features, (s, limit) => !limit && Math.abs(s - r) < 1e-9);
        return rmse(
          Float64Array.from(rows, (i) => predicted[i]),
          Float64Array.from(rows, (i) => targets[i]),
        );
      }),
    ]),
  );
  return { separations, series };
}
