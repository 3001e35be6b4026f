/**
 * Kernel matrices between the rows of feature matrices (paper §4.3): the linear kernel x·x′, its square on
 * row-normalised features ((x̂·x̂′)², the "local" kernel equivalent to a quadratic functional of ρ⊗ρ), and their
 * weighted mixture w·K_local + (1 − w)·K_LODE.
 */
import { addABt, fullView, mirrorUpper } from './blas.ts';
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { matrix64, type Matrix64 } from './matrix.ts';

/** K = A·Bᵀ (a.rows × b.rows); with b omitted, the symmetric A·Aᵀ at half the cost. */
export function linearKernel(a: Matrix64, b?: Matrix64): Matrix64 {
  if (b && b.cols !== a.cols)
    throw new ShapeMismatchError('kernel', `column counts differ (${a.cols} vs ${b.cols})`);
  const other = b ?? a;
  const out = matrix64(a.rows, other.rows);
  const av = fullView(a.data, a.rows, a.cols);
  if (!b) {
    addABt(fullView(out.data, a.rows, a.rows), av, av, 1, 'upper');
    mirrorUpper(out.data, a.rows);
  } else {
    addABt(fullView(out.data, a.rows, b.rows), av, fullView(b.data, b.rows, b.cols));
  }
  return out;
}

/** Rows divided by their Euclidean norm (all-zero rows stay zero). */
export function normalizeRows(x: Matrix64): Matrix64 {
  const out = matrix64(x.rows, x.cols, Float64Array.from(x.data));
  for (let r = 0; r < x.rows; r++) {
    const row = out.data.subarray(r * x.cols, (r + 1) * x.cols);
    let squares = 0;
    for (const v of row) squares += v * v;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let j = 0; j < row.length; j++) row[j] /= norm;
  }
  return out;
}

/** The local kernel (x̂·x̂′)² on row-normalised features. */
export function squaredKernel(a: Matrix64, b?: Matrix64): Matrix64 {
  const k = linearKernel(normalizeRows(a), b ? normalizeRows(b) : undefined);
  for (let i = 0; i < k.data.length; i++) k.data[i] *= k.data[i];
  return k;
}

/** w·K_local + (1 − w)·K_LODE, w ∈ [0, 1]. */
export function mixKernels(weight: number, local: Matrix64, lode: Matrix64): Matrix64 {
  if (!(weight >= 0 && weight <= 1)) throw new LearnInputError('weight', `must lie in [0, 1], got ${weight}`);
  if (local.rows !== lode.rows || local.cols !== lode.cols) {
    throw new ShapeMismatchError(
      'kernels',
      `shapes differ (${local.rows}×${local.cols} vs ${lode.rows}×${lode.cols})`,
    );
  }
  const out = matrix64(local.rows, local.cols);
  for (let i = 0; i < out.data.length; i++)
    out.data[i] = weight * local.data[i] + (1 - weight) * lode.data[i];
  return out;
}

/** The square block K[rows, rows] of a kernel matrix. */
export function kernelBlock(k: Matrix64, rows: ArrayLike<number>, cols: ArrayLike<number> = rows): Matrix64 {
  const out = matrix64(rows.length, cols.length);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i] * k.cols;
    for (let j = 0; j < cols.length; j++) out.data[i * cols.length + j] = k.data[from + cols[j]];
  }
  return out;
}
