/**
 * Learning curves over groups of rows: each draw is a permutation of the groups (whole binding curves, the three
 * Cartesian components of a λ = 1 target) and its sizes are nested prefixes of it. learningCurve draws single rows;
 * drawing rows from a binding curve would train on neighbours of every held-out point, and drawing components of a
 * vector would break equivariance. The models are returned, not scored, so callers can stream test rows past them.
 */
import { geometricSizes } from './learning-curve.ts';
import { runSteps, type Steps } from './control.ts';
import { problemFor, type SharedProblem } from './ridge.ts';
import type { RidgeData, RidgeModel, RidgeSettings } from './ridge-model.ts';
import { permutation, randomSource } from './sampling.ts';

/** Row indices (ascending when `groups` is) of the given groups, `size` consecutive rows per group. */
export function rowsOfGroups(groups: ArrayLike<number>, size: number): Int32Array {
  const rows = new Int32Array(groups.length * size);
  for (let g = 0; g < groups.length; g++) {
    for (let k = 0; k < size; k++) rows[g * size + k] = groups[g] * size + k;
  }
  return rows;
}

export interface GroupLearningOptions extends SharedProblem {
  /**
   * α of every fit, or how to choose it for a size from the rows of that size's first draw (e.g. by
   * cross-validation on them: a small training set usually wants a larger α than the whole pool).
   */
  readonly alpha: number | ((rows: Int32Array) => number);
  /** Ridge settings of every fit (default none). */
  readonly settings?: RidgeSettings;
  /** Number of sizes (default 5) from minGroups (default 5) to all groups. */
  readonly points?: number;
  readonly minGroups?: number;
  /** Explicit sizes in groups (each 1..all), instead of the geometric grid. */
  readonly sizes?: readonly number[];
  /** Draws per size (default 3). */
  readonly draws?: number;
  readonly seed?: number;
}

export interface GroupLearningModels {
  /** Sizes in groups, ascending. */
  readonly sizes: readonly number[];
  /** models[size index][draw] (the whole pool is fitted once and shared by every draw). */
  readonly models: readonly (readonly RidgeModel[])[];
}

/** Ridge models on nested prefixes of seeded permutations of the groups (`size` consecutive rows each). */
export function groupLearningModels(
  train: RidgeData,
  size: number,
  options: GroupLearningOptions,
): GroupLearningModels {
  return runSteps(groupLearningModelsSteps(train, size, options));
}

/** groupLearningModels, yielding after each fit. */
export function* groupLearningModelsSteps(
  train: RidgeData,
  size: number,
  options: GroupLearningOptions,
): Steps<GroupLearningModels> {
  const groups = train.x.rows / size;
  const sizes =
    options.sizes ?? geometricSizes(Math.min(options.minGroups ?? 5, groups), groups, options.points ?? 5);
  const draws = options.draws ?? 3;
  const problem = problemFor(train, options.settings ?? {}, options);
  const random = randomSource(options.seed ?? 0);
  const models = sizes.map(() => [] as RidgeModel[]);
  const alphas: number[] = [];
  const choose = options.alpha;
  const alphaOf = (i: number, rows: Int32Array) =>
    (alphas[i] ??= typeof choose === 'number' ? choose : choose(rows));
  for (let d = 0; d < draws; d++) {
    const order = permutation(groups, random);
    for (const [i, count] of sizes.entries()) {
      // The whole pool is one fit on all rows, which the problem keeps (shared by every draw).
      const rows = rowsOfGroups(order.slice(0, count).sort(), size);
      models[i].push(problem.trainOn(rows)([alphaOf(i, rows)])[0]);
      yield;
    }
  }
  return { sizes, models };
}
