/**
 * The primal ridge solve from sufficient statistics. Everything the primal fit needs is the Gram matrix of the
 * augmented rows z = [x | b | 1 (intercept) | y], accumulated in f64: it adds over chunks of rows (streaming fits),
 * and subtracts (a cross-validation fold's training set = all rows − the fold).
 *
 * Unpenalised baseline columns are eliminated exactly (Frisch–Waugh–Lovell): the feature block of the normal
 * equations becomes the Schur complement XᵀX − XᵀB (BᵀB)⁺ BᵀX, and c = (BᵀB)⁺ Bᵀ(y − X·w) afterwards.
 * This subtraction loses digits when the baseline explains most of the feature variance; the ridge term keeps
 * the system well posed regardless.
 */
import { accumulateGram, gramOfRows } from './blas.ts';
import { factorSpd, fullCopy, fullSymmetric, type SpdFactor, type SymmetricRows } from './linalg.ts';
import { usingShiftedFactors } from './shifted-factors.ts';
import type { FitsAt, RidgeData, RidgeModel } from './ridge-model.ts';

export interface StatsLayout {
  readonly features: number;
  /** User baseline columns (the intercept column is extra). */
  readonly baselineColumns: number;
  readonly intercept: boolean;
}

export interface NormalStats extends StatsLayout {
  readonly rows: number;
  /** width² (width = features + baselineColumns + intercept + 1), full and symmetric. */
  readonly gram: Float64Array;
}

/** The layout and row arrays of an in-memory data set. */
export function layoutOf(data: RidgeData, intercept: boolean): { layout: StatsLayout; block: RowBlock } {
  return {
    layout: { features: data.x.cols, baselineColumns: data.baseline?.cols ?? 0, intercept },
    block: { x: data.x.data, y: data.y, baseline: data.baseline?.data },
  };
}

export const statsWidth = (l: StatsLayout) => l.features + l.baselineColumns + (l.intercept ? 1 : 0) + 1;

/** Row-major arrays of one block of rows: x (rows × features), baseline (rows × baselineColumns), y. */
export interface RowBlock {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly baseline?: Float64Array;
}

/** Writes the augmented row z = [x | b | 1 | y] of the t-th of `rows` of the block (all rows when null). */
function augmentedRows(layout: StatsLayout, block: RowBlock, rows: ArrayLike<number> | null) {
  const { features: p, baselineColumns: nb, intercept } = layout;
  const yAt = p + nb + (intercept ? 1 : 0);
  return (t: number, z: Float64Array) => {
    const r = rows ? rows[t] : t;
    z.set(block.x.subarray(r * p, (r + 1) * p));
    if (nb > 0) z.set(block.baseline!.subarray(r * nb, (r + 1) * nb), p);
    if (intercept) z[p + nb] = 1;
    z[yAt] = block.y[r];
  };
}

/** gram (symmetric) += sign · Σ z_r z_rᵀ over `rows` of the block (all rows when null). */
export function accumulateRows(
  gram: Float64Array,
  layout: StatsLayout,
  block: RowBlock,
  rows: ArrayLike<number> | null,
  sign = 1,
): void {
  const count = rows ? rows.length : block.y.length;
  accumulateGram(gram, statsWidth(layout), count, augmentedRows(layout, block, rows), sign);
}

export function statsOfRows(
  layout: StatsLayout,
  block: RowBlock,
  rows: ArrayLike<number> | null,
): NormalStats {
  const count = rows ? rows.length : block.y.length;
  const gram = gramOfRows(statsWidth(layout), count, augmentedRows(layout, block, rows));
  return { ...layout, rows: count, gram };
}

/** a − b (the statistics of a's rows that are not b's). */
export function subtractStats(a: NormalStats, b: NormalStats): NormalStats {
  const gram = new Float64Array(a.gram.length);
  for (let i = 0; i < gram.length; i++) gram[i] = a.gram[i] - b.gram[i];
  return { ...a, rows: a.rows - b.rows, gram };
}

/** (BᵀB)⁺ with B the baseline and intercept columns; null when there are none. */
function baselineFactor(stats: NormalStats): SpdFactor | null {
  const p = stats.features;
  const nb = statsWidth(stats) - p - 1;
  if (nb === 0) return null;
  const width = statsWidth(stats);
  const bb = new Float64Array(nb * nb);
  for (let a = 0; a < nb; a++) {
    for (let b = 0; b < nb; b++) bb[a * nb + b] = stats.gram[(p + a) * width + p + b];
  }
  return factorSpd(bb, nb, 'the baseline Gram matrix BᵀB');
}

/** Divisors of the standardised columns: RMS over the rows, 1 for all-zero columns. */
export function featureScales(sumSquares: (j: number) => number, p: number, rows: number): Float64Array {
  return Float64Array.from({ length: p }, (_, j) => {
    const rms = Math.sqrt(sumSquares(j) / rows);
    return rms > 0 ? rms : 1;
  });
}

/** Baseline weights c = (BᵀB)⁺ Bᵀ(y − X·w), from the Gram blocks. */
function baselineWeights(stats: NormalStats, factor: SpdFactor, weights: Float64Array): Float64Array {
  const p = stats.features;
  const width = statsWidth(stats);
  const rhs = Float64Array.from({ length: factor.n }, (_, b) => {
    const row = (p + b) * width;
    let s = stats.gram[row + width - 1];
    for (let j = 0; j < p; j++) s -= stats.gram[row + j] * weights[j];
    return s;
  });
  return factor.solve(rhs);
}

/** The normal equations in standardised units, the baseline eliminated, without the ridge term: A·w̃ = rhs. */
interface PrimalSystem {
  readonly scale: Float64Array | null;
  /** A, p × p. */
  readonly matrix: SymmetricRows;
  readonly rhs: Float64Array;
  readonly baseline: SpdFactor | null;
}

/**
 * The features' block of the Gram matrix, divided by scale_i·scale_j when standardised, read in place: a p² copy
 * would cost its page faults, as much as a tenth of the fit.
 */
function featureBlock(stats: NormalStats, scale: Float64Array | null): SymmetricRows {
  const { features: p, gram } = stats;
  const width = statsWidth(stats);
  if (!scale) return { n: p, lowerRow: (i) => gram.subarray(i * width, i * width + i + 1) };
  const row = new Float64Array(p);
  return {
    n: p,
    lowerRow(i) {
      const si = scale[i];
      for (let j = 0; j <= i; j++) row[j] = gram[i * width + j] / (si * scale[j]);
      return row;
    },
  };
}

function primalSystem(stats: NormalStats, standardize: boolean): PrimalSystem {
  const { features: p, gram } = stats;
  const width = statsWidth(stats);
  const scale = standardize ? featureScales((j) => gram[j * width + j], p, stats.rows) : null;
  const rhs = Float64Array.from(
    { length: p },
    (_, i) => gram[i * width + width - 1] / (scale ? scale[i] : 1),
  );
  const matrix = featureBlock(stats, scale);
  const baseline = baselineFactor(stats);
  if (!baseline) return { scale, matrix, rhs, baseline };
  const a = fullCopy(matrix);
  schurComplement(stats, baseline, scale, a, rhs);
  return { scale, matrix: fullSymmetric(a, p), rhs, baseline };
}

/**
 * The primal ridge fits on the statistics of some training rows, one per α. What does not depend on α (the
 * scaled system with the baseline eliminated) is prepared on the first fit and shared by the others, so a grid of
 * α costs one Cholesky factorisation each (on the Gram team's threads too, see shifted-factors.ts) and no copies
 * of p × p matrices.
 */
export function primalSolver(stats: NormalStats, standardize: boolean): FitsAt {
  const p = stats.features;
  const nb = statsWidth(stats) - p - 1;
  let system: PrimalSystem | undefined;
  return (alphas) => {
    const { scale, matrix, rhs, baseline } = (system ??= primalSystem(stats, standardize));
    const solutions = usingShiftedFactors(matrix, alphas, 'XᵀX + αI', (factor) => ({
      weights: factor.solve(rhs).map((v, j) => (scale ? v / scale[j] : v)),
      solver: factor.solver,
      warnings: factor.warnings,
    }));
    return solutions.map((solved, i): RidgeModel => {
      const c = baseline ? baselineWeights(stats, baseline, solved.weights) : new Float64Array(0);
      return {
        weights: solved.weights,
        baselineWeights: c.slice(0, stats.baselineColumns),
        intercept: stats.intercept ? c[nb - 1] : 0,
        alpha: alphas[i],
        form: 'primal',
        solver: solved.solver,
        featureScale: scale,
        trainingRows: stats.rows,
        warnings: [...(baseline?.warnings ?? []), ...solved.warnings],
      };
    });
  };
}

/** Fits the primal ridge model from the statistics of its training rows. */
export const solvePrimal = (stats: NormalStats, alpha: number, standardize: boolean): RidgeModel =>
  primalSolver(stats, standardize)([alpha])[0];

/** a −= X̃ᵀB (BᵀB)⁺ BᵀX̃ and rhs −= X̃ᵀB (BᵀB)⁺ Bᵀy, with X̃ the (scaled) features. */
function schurComplement(
  stats: NormalStats,
  baseline: SpdFactor,
  scale: Float64Array | null,
  a: Float64Array,
  rhs: Float64Array,
): void {
  const { features: p, gram } = stats;
  const width = statsWidth(stats);
  const nb = baseline.n;
  const s = (j: number) => (scale ? scale[j] : 1);
  const column = (j: number) =>
    baseline.solve(Float64Array.from({ length: nb }, (_, b) => gram[(p + b) * width + j]));
  // u[j] = (BᵀB)⁺ Bᵀx_j, one small solve per feature (and one for y).
  const u = Array.from({ length: p }, (_, j) => column(j));
  const uy = column(width - 1);
  for (let i = 0; i < p; i++) {
    const row = i * width + p;
    for (let j = 0; j < p; j++) {
      let t = 0;
      for (let b = 0; b < nb; b++) t += gram[row + b] * u[j][b];
      a[i * p + j] -= t / (s(i) * s(j));
    }
    let ty = 0;
    for (let b = 0; b < nb; b++) ty += gram[row + b] * uy[b];
    rhs[i] -= ty / s(i);
  }
}
