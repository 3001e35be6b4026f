/**
 * Tensor (λ = 1) ridge: y_μ(A) = Σ_q w_q T_{q μ}(A), one weight vector shared by the three Cartesian components
 * (PHYSICS §4). That is a scalar ridge on 3n rows — row (r, μ) holds T_{r, :, μ} — with no baseline or intercept
 * (a constant vector would break equivariance). The loss Σ_r |y_r − ŷ_r|² and the Gram matrix Σ_r Σ_μ T_{rqμ}T_{rq′μ}
 * are rotation invariant, so rotating every structure leaves the weights unchanged.
 */
import { cvRidgeGrouped, type CvResult, type FoldOptions } from './cv.ts';
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { checkFinite, matrix64 } from './matrix.ts';
import { fitRidge } from './ridge.ts';
import { predictRidge, type RidgeData, type RidgeModel, type RidgeSettings } from './ridge-model.ts';

export interface TensorData {
  /** rows × cols × 3 (x, y, z), row-major: the layout of the engine's `vectors`. */
  readonly vectors: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** rows × 3 target vectors. */
  readonly targets: Float64Array;
}

/** Ridge settings that keep equivariance: RMS standardisation over all three components, no intercept. */
export type TensorSettings = Omit<RidgeSettings, 'intercept'>;

export function checkTensorData(data: TensorData): void {
  const { rows, cols } = data;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new LearnInputError('rows', `rows and cols must be positive integers, got ${rows} × ${cols}`);
  }
  if (data.vectors.length !== rows * cols * 3) {
    throw new ShapeMismatchError(
      'vectors',
      `has ${data.vectors.length} values, expected ${rows} × ${cols} × 3`,
    );
  }
  if (data.targets.length !== rows * 3) {
    throw new ShapeMismatchError('targets', `has ${data.targets.length} values, expected ${rows} × 3`);
  }
  checkFinite('vectors', data.vectors);
  checkFinite('targets', data.targets);
}

/** The equivalent scalar problem on 3·rows rows: row 3r + μ holds T_{r, :, μ} and y_{r μ}. */
export function tensorAsScalar(data: TensorData): RidgeData {
  checkTensorData(data);
  const { rows, cols, vectors } = data;
  const x = matrix64(3 * rows, cols);
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) {
      for (let mu = 0; mu < 3; mu++) x.data[(3 * r + mu) * cols + q] = vectors[(r * cols + q) * 3 + mu];
    }
  }
  return { x, y: Float64Array.from(data.targets) };
}

export function fitTensorRidge(data: TensorData, options: TensorSettings & { alpha: number }): RidgeModel {
  return fitRidge(tensorAsScalar(data), { ...options, intercept: false });
}

/** Predicted vectors, rows × 3. */
export function predictTensor(model: RidgeModel, vectors: Float64Array, rows: number): Float64Array {
  const cols = model.weights.length;
  const { x } = tensorAsScalar({ vectors, rows, cols, targets: new Float64Array(3 * rows) });
  return predictRidge(model, x);
}

/** Rows 3r, 3r + 1, 3r + 2 of the scalar problem for each structure r. */
const tripleRows = (structures: ArrayLike<number>) =>
  Int32Array.from({ length: 3 * structures.length }, (_, i) => 3 * structures[Math.floor(i / 3)] + (i % 3));

/** α by k-fold cross-validation over structures (the three components of a structure stay in one fold). */
export function cvTensorRidge(
  data: TensorData,
  options: TensorSettings & FoldOptions & { alphas?: readonly number[] } = {},
): CvResult {
  const settings = { ...options, intercept: false };
  return cvRidgeGrouped(tensorAsScalar(data), settings, data.rows, tripleRows, 'tensor cross-validation');
}
