/**
 * Streaming ridge: rows arrive in chunks (e.g. from a GPU engine's streaming call) and only the f64 Gram matrix
 * of z = [x | b | 1 | y] is kept, so data sets larger than memory can be fitted; the fit is the in-memory primal
 * one up to summation order. With `folds`, every row is also assigned (seeded) to a fold and per-fold statistics
 * are kept: the validation error of fold f is then the quadratic form [−θ, 1]ᵀ G_f [−θ, 1], and α can be
 * cross-validated without revisiting the data.
 */
import { reportProgress, throwIfCancelled, type FitControl } from './control.ts';
import { bestScore, checkFolds, type CvScore } from './cv.ts';
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { checkFinite } from './matrix.ts';
import {
  accumulateRows,
  primalSolver,
  solvePrimal,
  statsWidth,
  subtractStats,
  type NormalStats,
  type RowBlock,
  type StatsLayout,
} from './normal-equations.ts';
import { checkAlpha, type RidgeModel } from './ridge-model.ts';
import { randomSource, type Random } from './sampling.ts';

export interface StreamingOptions {
  /** Unpenalised baseline columns per row (default 0). */
  readonly baselineColumns?: number;
  readonly intercept?: boolean;
  /** Keep per-fold statistics for cross-validation (default 1: none). */
  readonly folds?: number;
  /** Seed of the fold assignment (default 0). */
  readonly seed?: number;
}

export interface StreamingCvResult {
  readonly alpha: number;
  readonly scores: readonly CvScore[];
  readonly model: RidgeModel;
}

export class RidgeAccumulator {
  readonly layout: StatsLayout;
  readonly folds: number;
  private readonly grams: Float64Array[];
  private readonly foldRows: number[];
  private readonly random: Random;
  private readonly width: number;

  constructor(features: number, options: StreamingOptions = {}) {
    if (!Number.isInteger(features) || features < 1) {
      throw new LearnInputError('features', `must be a positive integer, got ${features}`);
    }
    const baselineColumns = options.baselineColumns ?? 0;
    if (!Number.isInteger(baselineColumns) || baselineColumns < 0) {
      throw new LearnInputError('baselineColumns', `must be a non-negative integer, got ${baselineColumns}`);
    }
    this.folds = options.folds ?? 1;
    if (!Number.isInteger(this.folds) || this.folds < 1) {
      throw new LearnInputError('folds', `must be a positive integer, got ${this.folds}`);
    }
    this.layout = { features, baselineColumns, intercept: options.intercept ?? false };
    this.width = statsWidth(this.layout);
    this.grams = Array.from({ length: this.folds }, () => new Float64Array(this.width * this.width));
    this.foldRows = new Array<number>(this.folds).fill(0);
    this.random = randomSource(options.seed ?? 0);
  }

  get rows(): number {
    return this.foldRows.reduce((a, b) => a + b, 0);
  }

  /**
   * Adds a chunk of rows: x is rows × features, baseline rows × baselineColumns, both row-major. With folds, the
   * rows are assigned at random (seeded) unless `fold` puts the whole chunk in one (e.g. to keep the frames of a
   * binding curve together).
   */
  add(chunk: RowBlock, fold?: number): void {
    const { features: p, baselineColumns: nb } = this.layout;
    const rows = chunk.y.length;
    if (chunk.x.length !== rows * p) {
      throw new ShapeMismatchError('chunk.x', `has ${chunk.x.length} values, expected ${rows} × ${p}`);
    }
    if ((chunk.baseline?.length ?? 0) !== rows * nb) {
      throw new ShapeMismatchError('chunk.baseline', `expected ${rows} × ${nb} values`);
    }
    checkFinite('chunk.x', chunk.x);
    checkFinite('chunk.y', chunk.y);
    if (chunk.baseline) checkFinite('chunk.baseline', chunk.baseline);
    if (fold !== undefined && !(Number.isInteger(fold) && fold >= 0 && fold < this.folds)) {
      throw new LearnInputError('fold', `must be an integer in [0, ${this.folds}), got ${fold}`);
    }
    if (this.folds === 1 || fold !== undefined) {
      const f = fold ?? 0;
      accumulateRows(this.grams[f], this.layout, chunk, null);
      this.foldRows[f] += rows;
      return;
    }
    const members: number[][] = Array.from({ length: this.folds }, () => []);
    for (let r = 0; r < rows; r++) members[Math.floor(this.random() * this.folds)].push(r);
    members.forEach((list, f) => {
      if (list.length > 0) accumulateRows(this.grams[f], this.layout, chunk, list);
      this.foldRows[f] += list.length;
    });
  }

  /** Adds chunks as they arrive (e.g. from an engine's streaming call); cancellation is checked between chunks. */
  async addAll(chunks: Iterable<RowBlock> | AsyncIterable<RowBlock>, control?: FitControl): Promise<void> {
    for await (const chunk of chunks) {
      throwIfCancelled(control, 'streaming');
      this.add(chunk);
    }
  }

  /** Statistics of fold f, or of all rows (copies). */
  stats(fold?: number): NormalStats {
    const gram = new Float64Array(this.width * this.width);
    const folds = fold === undefined ? this.grams.map((_, f) => f) : [fold];
    for (const f of folds) {
      const g = this.grams[f];
      for (let i = 0; i < gram.length; i++) gram[i] += g[i];
    }
    const rows = folds.reduce((sum, f) => sum + this.foldRows[f], 0);
    return { ...this.layout, rows, gram };
  }

  fit(alpha: number, options: { standardize?: boolean } = {}): RidgeModel {
    checkAlpha(alpha);
    if (this.rows === 0) throw new LearnInputError('rows', 'no rows have been added');
    return solvePrimal(this.stats(), alpha, options.standardize ?? false);
  }

  /** α by cross-validation over the folds kept while streaming, then the fit on all rows. */
  crossValidate(
    alphas: readonly number[],
    options: { standardize?: boolean } & FitControl = {},
  ): StreamingCvResult {
    checkFolds(this.rows, this.folds);
    alphas.forEach(checkAlpha);
    const all = this.stats();
    const sse = new Float64Array(alphas.length);
    for (let f = 0; f < this.folds; f++) {
      throwIfCancelled(options, 'streaming cross-validation');
      const fold = this.stats(f);
      const fitTrain = primalSolver(subtractStats(all, fold), options.standardize ?? false);
      fitTrain(alphas).forEach((model, a) => {
        sse[a] += residualSumOfSquares(fold, model);
      });
      reportProgress(options, 'streaming cross-validation', f + 1, this.folds);
    }
    const scores = alphas.map((alpha, a) => ({ alpha, rmse: Math.sqrt(Math.max(0, sse[a]) / all.rows) }));
    const { alpha } = bestScore(scores);
    return { alpha, scores, model: solvePrimal(all, alpha, options.standardize ?? false) };
  }
}

/** Σ_r (y_r − ŷ_r)² over the rows behind `stats`, as the quadratic form vᵀ G v with v = [−w, −c, −c₀, 1]. */
export function residualSumOfSquares(stats: NormalStats, model: RidgeModel): number {
  const width = statsWidth(stats);
  const v = new Float64Array(width);
  model.weights.forEach((w, j) => (v[j] = -w));
  model.baselineWeights.forEach((c, b) => (v[stats.features + b] = -c));
  if (stats.intercept) v[width - 2] = -model.intercept;
  v[width - 1] = 1;
  let s = 0;
  for (let i = 0; i < width; i++) {
    let t = 0;
    for (let j = 0; j < width; j++) t += stats.gram[i * width + j] * v[j];
    s += v[i] * t;
  }
  return s;
}
