/**
 * Symmetric positive (semi-)definite solves: blocked Cholesky on Float64Array, with an eigen-decomposition fallback
 * (ml-matrix) when the matrix is singular or too ill-conditioned for the Cholesky solution to be trusted.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { CHOLESKY_BLOCK, kernels, packedSize, workspaceOf, type KernelExports } from './wasm/kernels.ts';

/**
 * Largest accepted (max pivot / min pivot)², a lower bound on cond(A). Beyond it a Cholesky solution may have lost
 * more than 4 of its 16 digits, so the eigen solve (which drops the null-space directions) is used instead.
 */
export const CONDITION_LIMIT = 1e12;

export type Solver = 'cholesky' | 'eigen';

export interface CholeskyResult {
  readonly ok: boolean;
  /** Column of the first non-positive pivot, or −1. */
  readonly failedAt: number;
  /** (max L_jj / min L_jj)², a cheap lower bound on the condition number (Infinity when not ok). */
  readonly conditionEstimate: number;
}

/**
 * In-place Cholesky A = L·Lᵀ of a row-major n × n matrix: reads the lower triangle and writes L there (the upper
 * one is not touched). Blocked, right-looking, in WebAssembly SIMD (wasm/kernels.wat): the trailing updates, all
 * but ~n²·64/4 of the n³/6 multiply–adds, run in the A·Bᵀ kernel of addABt.
 */
export function choleskyInPlace(a: Float64Array, n: number): CholeskyResult {
  return choleskyInto(a, a, n);
}

/** The Cholesky factor of a's lower triangle written into l's (a and l may be the same array). */
function choleskyInto(a: Float64Array, l: Float64Array, n: number): CholeskyResult {
  const factor = choleskyOnHeap(n, 0, fullRow(a, n));
  for (let i = 0; i < n; i++) l.set(factor.l.subarray(i * n, i * n + i + 1), i * n);
  return factor.result;
}

/**
 * The Cholesky factor of the lower triangle of A + shift·I, A given by the first i + 1 entries of each row i
 * (`lowerRow`), left in the memory of `instance` (default: the kernels in use): `l` (row-major n × n, lower triangle
 * only; the upper one holds whatever was there) is valid until those kernels' next use.
 */
export function choleskyOnHeap(
  n: number,
  shift: number,
  lowerRow: (i: number) => Float64Array,
  instance: KernelExports = kernels(),
): { readonly l: Float64Array; readonly result: CholeskyResult } {
  const { heap, at } = workspaceOf(instance, [n * n, packedSize(n, CHOLESKY_BLOCK)]);
  const [matrixAt, packAt] = at;
  for (let i = 0; i < n; i++) {
    heap.set(lowerRow(i).subarray(0, i + 1), matrixAt + i * n);
    heap[matrixAt + i * n + i] += shift;
  }
  const failedAt = instance.cholesky(matrixAt * 8, n, n, packAt * 8);
  const l = heap.subarray(matrixAt, matrixAt + n * n);
  if (failedAt >= 0) return { l, result: { ok: false, failedAt, conditionEstimate: Infinity } };
  return {
    l,
    result: { ok: true, failedAt: -1, conditionEstimate: instance.maxPivot.value / instance.minPivot.value },
  };
}

/** choleskyOnHeap in the kernels in use, or a function that gives the same (split-cholesky.ts). */
export type HeapCholesky = (
  n: number,
  shift: number,
  lowerRow: (i: number) => Float64Array,
) => { readonly l: Float64Array; readonly result: CholeskyResult };

/** Row i of a full, row-major n × n matrix. */
const fullRow = (a: Float64Array, n: number) => (i: number) => a.subarray(i * n, (i + 1) * n);

/** A symmetric matrix as the lower parts of its rows: a full row-major array, or a block of one read in place. */
export interface SymmetricRows {
  readonly n: number;
  /** At least the first i + 1 entries of row i (the array may be reused by the next call). */
  lowerRow(i: number): Float64Array;
}

/** A full, row-major symmetric matrix of order n. */
export const fullSymmetric = (a: Float64Array, n: number): SymmetricRows => ({ n, lowerRow: fullRow(a, n) });

/**
 * The block a[rows, rows] of a full, row-major symmetric matrix of order `order`, gathered a row at a time when
 * read: a subset's kernel without a copy of it (a fresh n² array costs its page faults, as much as a tenth of a
 * Cholesky factorisation of it).
 */
export function symmetricBlock(a: Float64Array, order: number, rows: ArrayLike<number>): SymmetricRows {
  const row = new Float64Array(rows.length);
  return {
    n: rows.length,
    lowerRow(i) {
      const from = rows[i] * order;
      for (let j = 0; j <= i; j++) row[j] = a[from + rows[j]];
      return row;
    },
  };
}

/** The whole matrix, as a new full row-major array. */
export function fullCopy({ n, lowerRow }: SymmetricRows): Float64Array {
  const full = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = lowerRow(i);
    for (let j = 0; j <= i; j++) full[i * n + j] = full[j * n + i] = row[j];
  }
  return full;
}

/** Where row i of a lower triangle starts: n apart in a full row-major matrix, or packed one after another. */
export type RowStart = (i: number) => number;
export const packedRowStart: RowStart = (i) => (i * (i + 1)) / 2;

/**
 * Solves L·Lᵀ x = b for the factor from choleskyInPlace (rows n apart) or one packed by rows (`rowStart`
 * packedRowStart); returns a new vector. Reads L by rows only.
 */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: Float64Array,
  rowStart: RowStart = (i) => i * n,
): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    const ri = rowStart(i);
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * x[k];
    x[i] = s / l[ri + i];
  }
  // Lᵀx = y, by columns of Lᵀ (rows of L): once x_i is known, remove it from the equations above.
  for (let i = n - 1; i >= 0; i--) {
    const ri = rowStart(i);
    const xi = (x[i] /= l[ri + i]);
    for (let k = 0; k < i; k++) x[k] -= l[ri + k] * xi;
  }
  return x;
}

export interface SymmetricEigen {
  /** Ascending. */
  readonly values: Float64Array;
  /** n × n row-major; column j is the eigenvector of values[j]. */
  readonly vectors: Float64Array;
}

export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m.set(i, j, a[i * n + j]);
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const vectors = new Float64Array(n * n);
  const v = evd.eigenvectorMatrix;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) vectors[i * n + j] = v.get(i, j);
  }
  return { values: Float64Array.from(evd.realEigenvalues), vectors };
}

/** A factorised symmetric PSD matrix that solves A·x = b (in the least-squares, minimum-norm sense if singular). */
export interface SpdFactor {
  readonly n: number;
  readonly solver: Solver;
  readonly warnings: readonly string[];
  solve(b: Float64Array): Float64Array;
}

export const trusted = (cholesky: CholeskyResult) =>
  cholesky.ok && cholesky.conditionEstimate <= CONDITION_LIMIT;

/**
 * Factorises a symmetric PSD matrix (full, row-major; not modified). Cholesky when it succeeds with an acceptable
 * condition estimate, otherwise the eigen pseudo-inverse with eigenvalues below λ_max / CONDITION_LIMIT dropped
 * (the solve then has the condition number the Cholesky path accepts), and a warning naming `what` says so.
 */
export function factorSpd(a: Float64Array, n: number, what: string): SpdFactor {
  const cholesky = choleskyOnHeap(n, 0, fullRow(a, n));
  if (!trusted(cholesky.result)) return eigenFactor(a, n, what, cholesky.result);
  const l = cholesky.l.slice();
  return { n, solver: 'cholesky', warnings: [], solve: (b) => choleskySolve(l, n, b) };
}

/**
 * Calls `solveWith` with the factor of A + shift·I (A symmetric PSD; not modified): the one that factorSpd gives
 * for the shifted copy, solving bit for bit the same, but a Cholesky factor stays in the kernels' memory. It is
 * valid while `solveWith` runs, which must not run the kernels. Callers that factor one matrix for many shifts (the
 * ridge α) save a copy of the matrix and one of its factor per shift. `factorOnHeap` may split the factorisation
 * across threads (choleskyOnTeam).
 */
export function usingShiftedFactor<T>(
  matrix: SymmetricRows,
  shift: number,
  what: string,
  solveWith: (factor: SpdFactor) => T,
  factorOnHeap: HeapCholesky = choleskyOnHeap,
): T {
  const { n } = matrix;
  const cholesky = factorOnHeap(n, shift, (i) => matrix.lowerRow(i));
  if (trusted(cholesky.result)) {
    const { l } = cholesky;
    return solveWith({ n, solver: 'cholesky', warnings: [], solve: (b) => choleskySolve(l, n, b) });
  }
  const shifted = fullCopy(matrix);
  for (let i = 0; i < n; i++) shifted[i * n + i] += shift;
  return solveWith(eigenFactor(shifted, n, what, cholesky.result));
}

/** The eigen pseudo-inverse of factorSpd, for a matrix whose Cholesky factorisation gave `cholesky`. */
function eigenFactor(a: Float64Array, n: number, what: string, cholesky: CholeskyResult): SpdFactor {
  const { values, vectors } = symmetricEigen(a, n);
  const top = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const tolerance = top / CONDITION_LIMIT;
  const inverse = values.map((v) => (v > tolerance ? 1 / v : 0));
  const dropped = inverse.reduce((count, v) => count + (v === 0 ? 1 : 0), 0);
  const reason = cholesky.ok
    ? `is ill-conditioned (condition ≥ ${cholesky.conditionEstimate.toExponential(1)})`
    : `is not positive definite (pivot ${cholesky.failedAt})`;
  const warning =
    `${what} ${reason}: solved by eigen-decomposition` +
    (dropped > 0
      ? `, ${dropped} of ${n} directions with eigenvalue ≤ ${tolerance.toExponential(1)} dropped`
      : '');
  const solve = (b: Float64Array) => {
    const projected = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const bi = b[i];
      for (let j = 0; j < n; j++) projected[j] += vectors[i * n + j] * bi;
    }
    for (let j = 0; j < n; j++) projected[j] *= inverse[j];
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += vectors[i * n + j] * projected[j];
      x[i] = s;
    }
    return x;
  };
  return { n, solver: 'eigen', warnings: [warning], solve };
}
