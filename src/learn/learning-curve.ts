/**
 * Learning curves: test RMSE against the number of training rows, on a geometric grid of sizes with several
 * random draws per size (mean and spread).
 *
 * Each draw is one random permutation of the training pool and its sizes are nested prefixes of it, so the
 * primal statistics of the smaller sizes grow incrementally and those of the larger ones shrink from the
 * statistics of the whole pool, with the split chosen to accumulate the fewest rows (growPrimal): a draw costs at
 * most as many rows of Gram accumulation as its largest size below n, not the sum of its sizes. Sizes smaller
 * than the number of features are fitted in the dual; the whole pool (size n) is fitted once for all draws.
 */
import { reportProgress, throwIfCancelled, type FitControl } from './control.ts';
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { rmse, rmsePercent, summarize, type Summary } from './metrics.ts';
import {
  accumulateRows,
  layoutOf,
  solvePrimal,
  statsOfRows,
  statsWidth,
  subtractStats,
  type NormalStats,
} from './normal-equations.ts';
import { ridgeProblem } from './ridge.ts';
import {
  checkAlpha,
  checkRidgeData,
  predictionsOf,
  type RidgeData,
  type RidgeModel,
  type RidgeSettings,
} from './ridge-model.ts';
import { permutation, randomSource } from './sampling.ts';

export interface LearningCurveOptions extends RidgeSettings, FitControl {
  readonly alpha: number;
  /** Explicit training sizes (each 1..n); default geometricSizes(minSize, n, points). */
  readonly sizes?: readonly number[];
  /** Number of sizes on the default grid (default 10). */
  readonly points?: number;
  /** Smallest size on the default grid (default max(2, round(n/100))). */
  readonly minSize?: number;
  /** Random draws per size (default 5). */
  readonly draws?: number;
  readonly seed?: number;
}

export interface LearningCurvePoint {
  readonly size: number;
  readonly rmse: Summary;
  /** RMSE / std(test targets) · 100. */
  readonly rmsePercent: Summary;
}

/** `count` distinct integers from min to max, evenly spaced in log (fewer if rounding merges some). */
export function geometricSizes(min: number, max: number, count: number): number[] {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min && count >= 1)) {
    throw new LearnInputError(
      'sizes',
      `need integers 1 ≤ min ≤ max and count ≥ 1, got ${min}, ${max}, ${count}`,
    );
  }
  const ratio = count === 1 ? 1 : (max / min) ** (1 / (count - 1));
  const sizes = Array.from({ length: count }, (_, i) => Math.round(min * ratio ** i));
  sizes[count - 1] = max;
  return [...new Set(sizes)];
}

function checkSizes(sizes: readonly number[], n: number): number[] {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  if (sorted.length === 0) throw new LearnInputError('sizes', 'is empty');
  for (const s of sorted) {
    if (!Number.isInteger(s) || s < 1 || s > n) {
      throw new LearnInputError('sizes', `each size must be an integer in [1, ${n}], got ${s}`);
    }
  }
  return sorted;
}

/**
 * How many of the ascending primal sizes (all < n) to reach by growing a prefix; the rest shrink from the whole
 * pool. Minimises the rows accumulated per draw: sizes[k − 1] grown + (n − sizes[k]) shrunk, plus `allCost`
 * (the whole pool's statistics, per draw) when anything shrinks.
 */
export function growPrimal(sizes: readonly number[], n: number, allCost: number): number {
  let best = sizes.length;
  let bestCost = sizes.at(-1) ?? 0;
  for (let k = 0; k < sizes.length; k++) {
    const cost = (k > 0 ? sizes[k - 1] : 0) + (n - sizes[k]) + allCost;
    if (cost < bestCost) [best, bestCost] = [k, cost];
  }
  return best;
}

/** Test RMSE of models trained on nested prefixes of the training pool, for several seeded draws. */
export function learningCurve(
  train: RidgeData,
  test: RidgeData,
  options: LearningCurveOptions,
): LearningCurvePoint[] {
  const problem = ridgeProblem(train, options, 'train');
  const n = problem.rows;
  checkRidgeData(test, 'test');
  if (test.x.cols !== train.x.cols || (test.baseline?.cols ?? 0) !== (train.baseline?.cols ?? 0)) {
    throw new ShapeMismatchError('test', 'needs the columns of train (features and baseline)');
  }
  checkAlpha(options.alpha);
  const points = options.points ?? 10;
  const sizes = checkSizes(
    options.sizes ?? geometricSizes(options.minSize ?? Math.max(2, Math.round(n / 100)), n, points),
    n,
  );
  const draws = options.draws ?? 5;
  if (!Number.isInteger(draws) || draws < 1)
    throw new LearnInputError('draws', `must be a positive integer, got ${draws}`);
  const standardize = options.standardize ?? false;
  // The statistics below are accumulated from the rows directly, not through the problem.
  problem.checkValues();
  const { layout, block } = layoutOf(train, options.intercept ?? false);
  const width = statsWidth(layout);
  let all: NormalStats | undefined;
  // Every draw trains on the whole pool at size n: one fit serves them all.
  let whole: RidgeModel | undefined;
  const random = randomSource(options.seed ?? 0);
  const errors = sizes.map(() => ({ rmse: [] as number[], percent: [] as number[] }));
  const record = (index: number, model: RidgeModel) => {
    const [predicted] = predictionsOf([model], test.x, test.baseline);
    errors[index].rmse.push(rmse(predicted, test.y));
    errors[index].percent.push(rmsePercent(predicted, test.y));
  };
  const primal = sizes.filter((s) => s < n && problem.formFor(s) === 'primal');
  const grow = growPrimal(primal, n, sizes.includes(n) ? 0 : n / draws);
  const indexOf = (size: number) => sizes.indexOf(size);

  for (let d = 0; d < draws; d++) {
    throwIfCancelled(options, 'learning curve');
    const order = permutation(n, random);
    const prefix = (size: number) => order.slice(0, size).sort();
    sizes.forEach((s, i) => {
      if (problem.formFor(s) === 'dual') record(i, problem.trainOn(prefix(s))([options.alpha])[0]);
    });
    // The smaller primal sizes: grow the statistics of the prefix.
    const grown = new Float64Array(width * width);
    let done = 0;
    for (const size of primal.slice(0, grow)) {
      accumulateRows(grown, layout, block, order.slice(done, size).sort());
      done = size;
      record(indexOf(size), solvePrimal({ ...layout, rows: size, gram: grown }, options.alpha, standardize));
    }
    // The larger ones: all rows minus a growing suffix.
    const suffix = new Float64Array(width * width);
    let from = n;
    for (const size of primal.slice(grow).reverse()) {
      all ??= statsOfRows(layout, block, null);
      accumulateRows(suffix, layout, block, order.slice(size, from).sort());
      from = size;
      const stats = subtractStats(all, { ...layout, rows: n - size, gram: suffix });
      record(indexOf(size), solvePrimal(stats, options.alpha, standardize));
    }
    if (sizes.includes(n)) {
      all ??= statsOfRows(layout, block, null);
      record(indexOf(n), (whole ??= solvePrimal(all, options.alpha, standardize)));
    }
    reportProgress(options, 'learning curve', d + 1, draws);
  }
  return sizes.map((size, i) => ({
    size,
    rmse: summarize(errors[i].rmse),
    rmsePercent: summarize(errors[i].percent),
  }));
}
