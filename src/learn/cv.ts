/** k-fold cross-validation: a generic driver, and the choice of the ridge α on a log grid. */
import { reportProgress, runSteps, throwIfCancelled, type FitControl, type Steps } from './control.ts';
import { LearnInputError, TooFewSamplesError } from './errors.ts';
import { selectRows, selectValues } from './matrix.ts';
import { sumSquaredError } from './metrics.ts';
import { problemFor, type SharedProblem } from './ridge.ts';
import {
  checkAlpha,
  predictionsOf,
  type RidgeData,
  type RidgeModel,
  type RidgeSettings,
} from './ridge-model.ts';
import { allRows, complement, kFolds, randomSource } from './sampling.ts';

export interface CvScore {
  readonly alpha: number;
  /** Pooled over folds: sqrt(Σ squared validation errors / n). */
  readonly rmse: number;
}

export interface CvResult {
  /** Refitted on all rows with the chosen α. */
  readonly model: RidgeModel;
  readonly alpha: number;
  readonly scores: readonly CvScore[];
}

export interface FoldOptions extends FitControl {
  /** Number of folds (default 5). */
  readonly folds?: number;
  /** Seed of the fold assignment (default 0). */
  readonly seed?: number;
}

export interface CvOptions extends RidgeSettings, FoldOptions, SharedProblem {
  /** Candidate α (default: defaultAlphas of the data). */
  readonly alphas?: readonly number[];
}

/** `count` values from min to max, evenly spaced in log10. */
export function logGrid(min: number, max: number, count: number): number[] {
  if (!(min > 0 && max >= min) || !Number.isInteger(count) || count < 1) {
    throw new LearnInputError('grid', `needs 0 < min ≤ max and count ≥ 1, got ${min}, ${max}, ${count}`);
  }
  if (count === 1) return [min];
  const step = Math.log10(max / min) / (count - 1);
  return Array.from({ length: count }, (_, i) => min * 10 ** (i * step));
}

/**
 * 10 decades of α relative to the mean diagonal of XᵀX (n per column when standardised), from 1e−8 to 10 of
 * it: so that the grid follows the units and the number of rows of the features.
 */
export function defaultAlphas(data: RidgeData, standardize = false): number[] {
  let scale = data.x.rows;
  if (!standardize) {
    let sum = 0;
    for (const v of data.x.data) sum += v * v;
    scale = sum / data.x.cols;
  }
  if (!(scale > 0)) scale = 1;
  return logGrid(1e-8 * scale, 10 * scale, 10);
}

/** The smallest pooled RMSE; on ties, the larger α (the more stable model). */
export function bestScore(scores: readonly CvScore[]): CvScore {
  return scores.reduce((best, s) =>
    s.rmse < best.rmse || (s.rmse === best.rmse && s.alpha > best.alpha) ? s : best,
  );
}

export function checkFolds(n: number, folds: number): void {
  if (!Number.isInteger(folds) || folds < 2)
    throw new LearnInputError('folds', `must be an integer ≥ 2, got ${folds}`);
  if (n < folds)
    throw new TooFewSamplesError('data', folds, n, `one per fold for ${folds}-fold cross-validation`);
}

/**
 * Runs `evaluate(train, validation)` on each of k random folds and sums the squared errors it returns, one per
 * candidate. Cancellation is checked and progress reported between folds.
 */
export function crossValidationSse(
  n: number,
  candidates: number,
  options: FoldOptions,
  stage: string,
  evaluate: (train: Int32Array, validation: Int32Array) => ArrayLike<number>,
): Float64Array {
  return runSteps(crossValidationSseSteps(n, candidates, options, stage, evaluate));
}

/** crossValidationSse, yielding after each fold. */
export function* crossValidationSseSteps(
  n: number,
  candidates: number,
  options: FoldOptions,
  stage: string,
  evaluate: (train: Int32Array, validation: Int32Array) => ArrayLike<number>,
): Steps<Float64Array> {
  const k = options.folds ?? 5;
  checkFolds(n, k);
  const folds = kFolds(n, k, randomSource(options.seed ?? 0));
  const total = new Float64Array(candidates);
  for (const [f, validation] of folds.entries()) {
    throwIfCancelled(options, stage);
    const sse = evaluate(complement(validation, n), validation);
    for (let c = 0; c < candidates; c++) total[c] += sse[c];
    reportProgress(options, stage, f + 1, k);
    yield;
  }
  return total;
}

/** α by k-fold cross-validation on a log grid, then a refit on all rows. */
export function cvRidge(data: RidgeData, options: CvOptions = {}): CvResult {
  return cvRidgeGrouped(data, options, data.x.rows, (samples) => samples, 'cross-validation');
}

/**
 * cvRidge where the folds are drawn over `samples` groups of rows, rowsOf(samples) giving their rows (ascending),
 * so that a fold never splits a group (e.g. the three components of a λ = 1 target). The RMSE is per sample.
 */
export function cvRidgeGrouped(
  data: RidgeData,
  options: CvOptions,
  samples: number,
  rowsOf: (samples: Int32Array) => Int32Array,
  stage: string,
): CvResult {
  return runSteps(cvRidgeGroupedSteps(data, options, samples, rowsOf, stage));
}

/** cvRidgeGrouped, yielding after each fold and before the refit. */
export function* cvRidgeGroupedSteps(
  data: RidgeData,
  options: CvOptions,
  samples: number,
  rowsOf: (samples: Int32Array) => Int32Array,
  stage: string,
): Steps<CvResult> {
  const problem = problemFor(data, options, options);
  const alphas = options.alphas ?? defaultAlphas(data, options.standardize);
  if (alphas.length === 0) throw new LearnInputError('alphas', 'is empty');
  alphas.forEach(checkAlpha);
  const sse = yield* crossValidationSseSteps(samples, alphas.length, options, stage, (train, validation) => {
    const fitAt = problem.trainOn(rowsOf(train));
    const rows = rowsOf(validation);
    const x = selectRows(data.x, rows);
    const baseline = data.baseline && selectRows(data.baseline, rows);
    const y = selectValues(data.y, rows);
    // Rows of the data the fold's fit has checked.
    const predictions = predictionsOf(fitAt(alphas), x, baseline);
    return predictions.map((predicted) => sumSquaredError(predicted, y));
  });
  const scores = alphas.map((alpha, i) => ({ alpha, rmse: Math.sqrt(sse[i] / samples) }));
  const { alpha } = bestScore(scores);
  throwIfCancelled(options, stage);
  const [model] = problem.trainOn(allRows(data.x.rows))([alpha]);
  return { model, alpha, scores };
}
