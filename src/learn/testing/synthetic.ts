/** Test helpers: seeded Gaussian data and conversions to ml-matrix for independent reference solutions. */
import { Matrix } from 'ml-matrix';
import { matrix64, type Matrix64 } from '../matrix.ts';
import type { Random } from '../sampling.ts';

/** Standard normal deviates (Box–Muller) from a uniform source. */
export function gaussian(random: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function randomMatrix(rows: number, cols: number, random: Random, scale = 1): Matrix64 {
  const normal = gaussian(random);
  return matrix64(
    rows,
    cols,
    Float64Array.from({ length: rows * cols }, () => scale * normal()),
  );
}

export function randomVector(length: number, random: Random, scale = 1): Float64Array {
  return randomMatrix(length, 1, random, scale).data;
}

export function toMl(m: Matrix64): Matrix {
  return new Matrix(
    Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols))),
  );
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** max |a − b| / max |b|: agreement relative to the size of the reference. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < b.length; i++) top = Math.max(top, Math.abs(b[i]));
  return maxAbsDifference(a, b) / (top || 1);
}

/** X·w for a row-major matrix (a plain loop, independent of the library's kernels). */
export function times(x: Matrix64, w: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: x.rows }, (_, r) => {
    let s = 0;
    for (let j = 0; j < x.cols; j++) s += x.data[r * x.cols + j] * w[j];
    return s;
  });
}
