/**
 * Learning curves in whole binding curves (paper Fig. 6): test RMSE against the number of training curves, on a
 * geometric grid, several seeded draws per size. src/learn's learningCurve draws rows; drawing rows from binding
 * curves would train on neighbours of every held-out point, so here each draw is a permutation of the training
 * curves and its sizes are nested prefixes of it. The models are returned, not scored: the test rows are streamed
 * past them afterwards (see class-study.ts).
 */
import { geometricSizes, ridgeProblem, type RidgeData, type RidgeModel } from '../../learn/index.ts';
import { permutation, randomSource } from '../../learn/sampling.ts';
import { rowsOfCurves } from './curve-rows.ts';

export interface CurveLearningOptions {
  readonly alpha: number;
  /** Number of sizes (default 5) from minCurves (default 5) to all training curves. */
  readonly points?: number;
  readonly minCurves?: number;
  /** Draws per size (default 3). */
  readonly draws?: number;
  readonly seed?: number;
}

export interface CurveLearningModels {
  readonly sizes: readonly number[];
  /** models[size index][draw] (the whole pool is fitted once and shared by every draw). */
  readonly models: readonly (readonly RidgeModel[])[];
}

/** Ridge models on nested prefixes of seeded permutations of the training curves (all `points` rows each). */
export function curveLearningModels(
  train: RidgeData,
  points: number,
  options: CurveLearningOptions,
): CurveLearningModels {
  const curves = train.x.rows / points;
  const sizes = geometricSizes(Math.min(options.minCurves ?? 5, curves), curves, options.points ?? 5);
  const draws = options.draws ?? 3;
  const problem = ridgeProblem(train);
  const random = randomSource(options.seed ?? 0);
  const models = sizes.map(() => [] as RidgeModel[]);
  let whole: RidgeModel | undefined;
  for (let d = 0; d < draws; d++) {
    const order = permutation(curves, random);
    sizes.forEach((size, i) => {
      if (size === curves) {
        whole ??= problem.trainOn(rowsOfCurves(Int32Array.from(order).sort(), points))(options.alpha);
        models[i].push(whole);
        return;
      }
      const chosen = order.slice(0, size).sort();
      models[i].push(problem.trainOn(rowsOfCurves(chosen, points))(options.alpha));
    });
  }
  return { sizes, models };
}
