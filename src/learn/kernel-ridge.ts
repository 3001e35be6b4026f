/**
 * Kernel ridge regression in the dual, and the multi-scale kernel of paper §4.3 / Fig. 9:
 * K = w·K_local + (1 − w)·K_LODE, K_local = (x̂·x̂′)² on row-normalised ρ⊗ρ, K_LODE = x·x′ on ρ⊗V, with w and α
 * chosen together by k-fold cross-validation.
 */
import { crossValidationSse, logGrid, type FoldOptions } from './cv.ts';
import { basisMatrix, solveDual } from './dual.ts';
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { kernelBlock, linearKernel, mixKernels, squaredKernel } from './kernel-matrices.ts';
import type { Solver } from './linalg.ts';
import { checkMatrix, checkVector, selectRows, selectValues, type Matrix64 } from './matrix.ts';
import { sumSquaredError } from './metrics.ts';
import { checkAlpha } from './ridge-model.ts';

export interface KernelRidgeOptions {
  readonly alpha: number;
  /** n × b unpenalised columns of the training rows. */
  readonly baseline?: Matrix64;
  readonly intercept?: boolean;
}

export interface KernelRidgeModel {
  /** One per training row: f(x) = Σ_r a_r k(x, x_r). */
  readonly coefficients: Float64Array;
  readonly baselineWeights: Float64Array;
  readonly intercept: number;
  readonly alpha: number;
  readonly solver: Solver;
  readonly warnings: readonly string[];
}

function checkSquare(name: string, k: Matrix64, n: number): void {
  checkMatrix(name, k);
  if (k.rows !== n || k.cols !== n)
    throw new ShapeMismatchError(name, `is ${k.rows} × ${k.cols}, expected ${n} × ${n}`);
}

/** Fits a, c from the n × n training kernel. */
export function fitKernelRidge(
  kernel: Matrix64,
  y: Float64Array,
  options: KernelRidgeOptions,
): KernelRidgeModel {
  checkAlpha(options.alpha);
  checkSquare('kernel', kernel, y.length);
  checkVector('y', y, kernel.rows);
  if (options.baseline) checkMatrix('baseline', options.baseline, y.length);
  const intercept = options.intercept ?? false;
  const solution = solveDual(kernel, y, basisMatrix(options.baseline, y.length, intercept), options.alpha);
  const nb = options.baseline?.cols ?? 0;
  return {
    coefficients: solution.coefficients,
    baselineWeights: solution.basisWeights.slice(0, nb),
    intercept: intercept ? solution.basisWeights[nb] : 0,
    alpha: options.alpha,
    solver: solution.solver,
    warnings: solution.warnings,
  };
}

/** ŷ = K·a + B·c + c₀, with K the m × n kernel between new rows and the training rows. */
export function predictKernelRidge(
  model: KernelRidgeModel,
  kernel: Matrix64,
  baseline?: Matrix64,
): Float64Array {
  checkMatrix('kernel', kernel);
  const n = model.coefficients.length;
  if (kernel.cols !== n)
    throw new ShapeMismatchError('kernel', `has ${kernel.cols} columns, the model ${n} rows`);
  const nb = model.baselineWeights.length;
  if (nb > 0 && (!baseline || baseline.cols !== nb)) {
    throw new ShapeMismatchError('baseline', `the model needs ${nb} baseline columns`);
  }
  if (baseline) checkMatrix('baseline', baseline, kernel.rows);
  return Float64Array.from({ length: kernel.rows }, (_, r) => {
    let s = model.intercept;
    for (let j = 0; j < n; j++) s += kernel.data[r * n + j] * model.coefficients[j];
    for (let b = 0; b < nb; b++) s += baseline!.data[r * nb + b] * model.baselineWeights[b];
    return s;
  });
}

/** Features of the two ranges, rows aligned: ρ⊗ρ for the local kernel, ρ⊗V for the LODE one. */
export interface MultiScaleFeatures {
  readonly local: Matrix64;
  readonly lode: Matrix64;
}

export interface KernelPair {
  readonly local: Matrix64;
  readonly lode: Matrix64;
}

/** K_local = (x̂·x̂′)² and K_LODE = x·x′ between the rows of a and b (b = a when omitted). */
export function multiScaleKernels(a: MultiScaleFeatures, b?: MultiScaleFeatures): KernelPair {
  return { local: squaredKernel(a.local, b?.local), lode: linearKernel(a.lode, b?.lode) };
}

export interface KernelMixingOptions extends FoldOptions {
  /** Candidate w (default 0, 0.1, ..., 1). */
  readonly weights?: readonly number[];
  /** Candidate α (default 1e−8..10 times the mean diagonal of the kernels, 10 decades). */
  readonly alphas?: readonly number[];
  readonly baseline?: Matrix64;
  readonly intercept?: boolean;
}

export interface MixingScore {
  readonly weight: number;
  readonly alpha: number;
  readonly rmse: number;
}

export interface KernelMixingResult {
  readonly weight: number;
  readonly alpha: number;
  readonly scores: readonly MixingScore[];
  /** Refitted on all rows with the chosen w and α (predict with mixKernels(weight, ...) of the new rows). */
  readonly model: KernelRidgeModel;
}

/** Chooses w and α of K = w·K_local + (1 − w)·K_LODE by k-fold cross-validation on the training kernels. */
export function cvKernelMixing(
  kernels: KernelPair,
  y: Float64Array,
  options: KernelMixingOptions = {},
): KernelMixingResult {
  const n = y.length;
  checkSquare('kernels.local', kernels.local, n);
  checkSquare('kernels.lode', kernels.lode, n);
  checkVector('y', y, n);
  const weights = options.weights ?? Array.from({ length: 11 }, (_, i) => i / 10);
  let trace = 0;
  for (let i = 0; i < n; i++)
    trace += (kernels.local.data[i * n + i] + kernels.lode.data[i * n + i]) / (2 * n);
  const alphas = options.alphas ?? logGrid(1e-8 * (trace || 1), 10 * (trace || 1), 10);
  if (weights.length === 0 || alphas.length === 0)
    throw new LearnInputError('grid', 'weights and alphas must be non-empty');
  alphas.forEach(checkAlpha);
  const mixed = weights.map((w) => mixKernels(w, kernels.local, kernels.lode));
  const candidates = weights.flatMap((weight) => alphas.map((alpha) => ({ weight, alpha })));
  const { baseline, intercept } = options;
  const sse = crossValidationSse(n, candidates.length, options, 'kernel mixing', (train, validation) => {
    const yTrain = selectValues(y, train);
    const yValidation = selectValues(y, validation);
    const bTrain = baseline && selectRows(baseline, train);
    const bValidation = baseline && selectRows(baseline, validation);
    return mixed.flatMap((k) => {
      const kTrain = kernelBlock(k, train);
      const kValidation = kernelBlock(k, validation, train);
      return alphas.map((alpha) => {
        const model = fitKernelRidge(kTrain, yTrain, { alpha, baseline: bTrain, intercept });
        return sumSquaredError(predictKernelRidge(model, kValidation, bValidation), yValidation);
      });
    });
  });
  const scores = candidates.map(({ weight, alpha }, i) => ({ weight, alpha, rmse: Math.sqrt(sse[i] / n) }));
  const best = scores.reduce((b, s) => (s.rmse < b.rmse ? s : b));
  const model = fitKernelRidge(mixed[weights.indexOf(best.weight)], y, {
    alpha: best.alpha,
    baseline,
    intercept,
  });
  return { weight: best.weight, alpha: best.alpha, scores, model };
}
