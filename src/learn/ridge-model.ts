/**
 * The ridge model: loss ‖y − X·w − B·c − c₀‖² + α‖w‖², with the baseline columns B (e.g. species counts) and the
 * optional intercept c₀ not penalised. Models are plain data (structured-clone safe) so workers can return them.
 */
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import type { Solver } from './linalg.ts';
import { checkFinite, checkMatrix, checkShape, type Matrix64 } from './matrix.ts';

export type RidgeForm = 'primal' | 'dual';

/** Everything about a ridge fit except α. */
export interface RidgeSettings {
  /**
   * Divide each feature column by its root-mean-square over the training rows before penalising (default false).
   * No centring: centring would imply an intercept, and for λ = 1 features would break equivariance.
   */
  readonly standardize?: boolean;
  /** Add an unpenalised constant column (default false; binding-energy models on ΔX must not have one). */
  readonly intercept?: boolean;
  /** 'auto' (default): the primal p × p system when p ≤ n, else the dual n × n one. */
  readonly form?: 'auto' | RidgeForm;
}

export interface RidgeOptions extends RidgeSettings {
  /** Penalty α ≥ 0 on ‖w‖² (in standardised units when `standardize`); the loss is a sum over rows. */
  readonly alpha: number;
}

export interface RidgeData {
  /** n × p structure features. */
  readonly x: Matrix64;
  /** n targets. */
  readonly y: Float64Array;
  /** n × b unpenalised columns, e.g. the number of atoms of each species. */
  readonly baseline?: Matrix64;
}

export interface RidgeModel {
  /** One per feature column, in the original (unstandardised) units. */
  readonly weights: Float64Array;
  /** One per baseline column. */
  readonly baselineWeights: Float64Array;
  /** 0 unless fitted with `intercept`. */
  readonly intercept: number;
  readonly alpha: number;
  readonly form: RidgeForm;
  readonly solver: Solver;
  /** Per-column divisor used when standardising, or null. */
  readonly featureScale: Float64Array | null;
  readonly trainingRows: number;
  /** Numerical trouble met on the way (ill-conditioning, dependent baseline columns, ...). */
  readonly warnings: readonly string[];
}

/** Ridge fits on one set of training rows: one model per α asked, in order. */
export type FitsAt = (alphas: readonly number[]) => RidgeModel[];

export function checkAlpha(alpha: number): void {
  if (!Number.isFinite(alpha) || alpha < 0) {
    throw new LearnInputError('alpha', `must be a finite number ≥ 0, got ${alpha}`);
  }
}

/** Shapes and finiteness of a data set; returns n. */
export function checkRidgeData(data: RidgeData, name = 'data'): number {
  const n = checkRidgeShapes(data, name);
  checkRidgeValues(data, name);
  return n;
}

/** Shapes of a data set; returns n. */
export function checkRidgeShapes(data: RidgeData, name = 'data'): number {
  const n = data.x.rows;
  checkShape(`${name}.x`, data.x);
  if (data.x.cols === 0) throw new LearnInputError(`${name}.x`, 'has no feature columns');
  if (data.y.length !== n) {
    throw new ShapeMismatchError(`${name}.y`, `has ${data.y.length} values, x has ${n} rows`);
  }
  if (data.baseline) checkShape(`${name}.baseline`, data.baseline, n);
  return n;
}

/** Rejects NaN and ±Infinity anywhere in a data set (NonFiniteValueError naming the array and index). */
export function checkRidgeValues(data: RidgeData, name = 'data'): void {
  checkFinite(`${name}.x`, data.x.data);
  checkFinite(`${name}.y`, data.y);
  if (data.baseline) checkFinite(`${name}.baseline`, data.baseline.data);
}

/** ŷ = X·w + B·c + c₀. */
export function predictRidge(model: RidgeModel, x: Matrix64, baseline?: Matrix64): Float64Array {
  return predictRidgeModels([model], x, baseline)[0];
}

/**
 * ŷ_k = X·w_k + B·c_k + c₀_k for several models on the same rows (a committee, an α grid): the inputs are checked
 * once and each row of X is read once for all models.
 */
export function predictRidgeModels(
  models: readonly RidgeModel[],
  x: Matrix64,
  baseline?: Matrix64,
): Float64Array[] {
  checkMatrix('x', x);
  if (baseline) checkMatrix('baseline', baseline, x.rows);
  for (const model of models) {
    if (x.cols !== model.weights.length) {
      throw new ShapeMismatchError(
        'x',
        `has ${x.cols} columns, the model has ${model.weights.length} weights`,
      );
    }
    const nb = model.baselineWeights.length;
    if (nb > 0 && (!baseline || baseline.cols !== nb)) {
      throw new ShapeMismatchError('baseline', `the model needs ${nb} baseline columns`);
    }
  }
  return predictionsOf(models, x, baseline);
}

/**
 * predictRidgeModels on inputs already checked. Plain JavaScript: a product with a few weight vectors does as
 * many multiply–adds as X has entries, less than it would take to copy X into the WebAssembly kernels and pack it.
 */
export function predictionsOf(
  models: readonly RidgeModel[],
  x: Matrix64,
  baseline?: Matrix64,
): Float64Array[] {
  const { rows, cols: p, data } = x;
  const out = models.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const o = r * p;
    models.forEach((model, k) => {
      const { weights, baselineWeights } = model;
      // Four partial sums: independent chains of additions run in parallel.
      let s0 = model.intercept;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < p; j += 4) {
        s0 += data[o + j] * weights[j];
        s1 += data[o + j + 1] * weights[j + 1];
        s2 += data[o + j + 2] * weights[j + 2];
        s3 += data[o + j + 3] * weights[j + 3];
      }
      for (; j < p; j++) s0 += data[o + j] * weights[j];
      const nb = baselineWeights.length;
      for (let b = 0; b < nb; b++) s0 += baseline!.data[r * nb + b] * baselineWeights[b];
      out[k][r] = s0 + s1 + (s2 + s3);
    });
  }
  return out;
}
