/**
 * The water's induced dipole P^W (paper Fig. 8): a λ = 1 tensor ridge per feature kind, one weight vector for the
 * three components, on ΔT of the water's centres, on the points at least 4.5 Å above the surface only (1215 of
 * 2511: beyond the reach of ρ⊗ρ, so what it learns there is long-range by construction). Paper protocol: a seeded
 * split of those points into 1000 training and 215 test points; learning curves over nested training subsets.
 */
import {
  cvTensorRidge,
  groupLearningModels,
  predictTensor,
  summarize,
  tensorAsScalar,
  vectorRmsePercent,
  type RidgeModel,
  type Summary,
  type TensorData,
} from '../../learn/index.ts';
import { permutation, randomSource } from '../../learn/sampling.ts';
import { breathe } from '../../util/event-loop.ts';
import { type LessonKind, type LiWaterFeatures } from './features.ts';

export const PAPER_POLARISATION_TRAIN = 1000;
export const PAPER_POLARISATION_TEST = 215;

/** Training sizes of the learning curve (points), the paper's 1000 last. */
export const POLARISATION_SIZES = [30, 60, 125, 250, 500, 1000] as const;

export interface PolarisationFit {
  /**
   * Fitted on all training points, with α from cross-validation over them, on the columns divided by `scale`:
   * their RMS over all training points. One fixed scale for every training size keeps α meaning the same penalty
   * (standardising each small subset on its own blows up columns that are near zero in it).
   */
  readonly model: RidgeModel;
  readonly scale: Float64Array;
  readonly alpha: number;
  readonly testRmsePercent: number;
}

export interface PolarisationStudy {
  /** Indices of the far points (curve-major, far heights in order) used to train and to test. */
  readonly train: Int32Array;
  readonly test: Int32Array;
  readonly fits: Readonly<Record<LessonKind, PolarisationFit>>;
}

export interface PolarisationOptions {
  readonly seed: number;
  /** Draws per training size (default 4). */
  readonly draws?: number;
  readonly signal?: AbortSignal;
}

/** The far points' induced dipoles, farPoints × 3, in the order of the features' far rows. */
export function farDipoles(features: LiWaterFeatures, dipoles: Float64Array): Float64Array {
  const points = features.heights.length;
  const far = features.farHeights;
  const out = new Float64Array(features.curves * far.length * 3);
  for (let c = 0; c < features.curves; c++) {
    far.forEach((k, f) =>
      out.set(dipoles.subarray((c * points + k) * 3, (c * points + k + 1) * 3), (c * far.length + f) * 3),
    );
  }
  return out;
}

/** Per-column RMS over the rows (and the three components) of rows × cols × 3 vectors; 1 for all-zero columns. */
function columnRms(vectors: Float64Array, cols: number): Float64Array {
  const sum = new Float64Array(cols);
  for (let i = 0; i < vectors.length; i++) sum[Math.floor(i / 3) % cols] += vectors[i] ** 2;
  const rows = vectors.length / (3 * cols);
  return sum.map((s) => (s > 0 ? Math.sqrt(s / (3 * rows)) : 1));
}

const scaled = (vectors: Float64Array, scale: Float64Array) =>
  vectors.map((v, i) => v / scale[Math.floor(i / 3) % scale.length]);

/** Predicted dipoles (rows × 3) of ΔT rows in the fit's columns. */
export function predictDipoles(fit: PolarisationFit, vectors: Float64Array, rows: number): Float64Array {
  return predictTensor(fit.model, scaled(vectors, fit.scale), rows);
}

/** The structures (row triples) of scalar rows 3r, 3r + 1, 3r + 2. */
const tripleGroups = (rows: Int32Array) =>
  Int32Array.from({ length: rows.length / 3 }, (_, i) => rows[3 * i]! / 3);

function tensorRows(
  vectors: Float64Array,
  targets: Float64Array,
  cols: number,
  rows: Int32Array,
): TensorData {
  const width = cols * 3;
  const picked = new Float64Array(rows.length * width);
  const y = new Float64Array(rows.length * 3);
  rows.forEach((r, i) => {
    picked.set(vectors.subarray(r * width, (r + 1) * width), i * width);
    y.set(targets.subarray(r * 3, r * 3 + 3), i * 3);
  });
  return { vectors: picked, rows: rows.length, cols, targets: y };
}

/** The training and test data of one kind, its columns scaled by their RMS over the training points. */
function kindData(
  features: LiWaterFeatures,
  targets: Float64Array,
  kind: LessonKind,
  train: Int32Array,
  test: Int32Array,
) {
  const { vectors, vectorLabels } = features.kinds[kind];
  const cols = vectorLabels.length;
  const scale = columnRms(tensorRows(vectors, targets, cols, train).vectors, cols);
  const all = scaled(vectors, scale);
  const tested = tensorRows(all, targets, cols, test);
  const score = (model: RidgeModel) =>
    vectorRmsePercent(predictTensor(model, tested.vectors, tested.rows), tested.targets);
  return { cols, scale, train: tensorRows(all, targets, cols, train), score };
}

/** Fits both kinds on the training far points and scores them on the test ones (a few seconds each). */
export async function polarisationStudy(
  features: LiWaterFeatures,
  dipoles: Float64Array,
  { seed, signal }: PolarisationOptions,
): Promise<PolarisationStudy> {
  const targets = farDipoles(features, dipoles);
  const far = targets.length / 3;
  const test = PAPER_POLARISATION_TEST;
  if (far < test + PAPER_POLARISATION_TRAIN)
    throw new RangeError(`need ${test + PAPER_POLARISATION_TRAIN} far points, the features have ${far}`);
  const order = permutation(far, randomSource(seed));
  const testRows = order.slice(0, test).sort();
  const trainRows = order.slice(test, test + PAPER_POLARISATION_TRAIN).sort();
  const fitKind = async (kind: LessonKind): Promise<PolarisationFit> => {
    await breathe(signal);
    const { scale, train, score } = kindData(features, targets, kind, trainRows, testRows);
    const cv = cvTensorRidge(train, { seed });
    return { model: cv.model, scale, alpha: cv.alpha, testRmsePercent: score(cv.model) };
  };
  const fits = { 'rho-rho': await fitKind('rho-rho'), 'rho-V': await fitKind('rho-V') };
  return { train: trainRows, test: testRows, fits };
}

/**
 * Test RMSE% of P^W per training size (POLARISATION_SIZES) over seeded draws of nested training subsets, for both
 * kinds; α by cross-validation at each size on its first draw (the whole pool's α is far too small for 30 points).
 */
export async function polarisationLearning(
  features: LiWaterFeatures,
  dipoles: Float64Array,
  study: PolarisationStudy,
  { seed, draws = 4, signal }: PolarisationOptions,
): Promise<Record<LessonKind, Summary[]>> {
  const targets = farDipoles(features, dipoles);
  const curveOf = async (kind: LessonKind): Promise<Summary[]> => {
    const { cols, train, score } = kindData(features, targets, kind, study.train, study.test);
    const alpha = (rows: Int32Array) =>
      rows.length === 3 * train.rows
        ? study.fits[kind].alpha
        : cvTensorRidge(tensorRows(train.vectors, train.targets, cols, tripleGroups(rows)), { seed }).alpha;
    const scalar = tensorAsScalar(train);
    const learning: Summary[] = [];
    for (const size of POLARISATION_SIZES) {
      await breathe(signal);
      const learned = groupLearningModels(scalar, 3, { alpha, sizes: [size], draws, seed });
      learning.push(summarize(learned.models[0]!.map(score)));
    }
    return learning;
  };
  return { 'rho-rho': await curveOf('rho-rho'), 'rho-V': await curveOf('rho-V') };
}
