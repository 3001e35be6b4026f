/** Seeded index sampling: permutations, subsamples and k-fold splits (same seed → same rows, every run). */
import { seededRandom } from '../util/random.ts';

export type Random = () => number;

export function randomSource(seed = 0): Random {
  return seededRandom(seed);
}

/** Fisher–Yates permutation of 0..n−1. */
export function permutation(n: number, random: Random): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** `count` distinct rows of 0..n−1, sorted ascending. */
export function subsample(n: number, count: number, random: Random): Int32Array {
  return permutation(n, random).subarray(0, count).sort();
}

/** The rows of 0..n−1 not in `rows`, ascending. */
export function complement(rows: ArrayLike<number>, n: number): Int32Array {
  const taken = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) taken[rows[i]] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!taken[i]) out.push(i);
  return Int32Array.from(out);
}

export function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** A random partition of 0..n−1 into k folds of sizes differing by at most one (each sorted). */
export function kFolds(n: number, k: number, random: Random): Int32Array[] {
  const order = permutation(n, random);
  return Array.from({ length: k }, (_, f) =>
    order.slice(Math.floor((f * n) / k), Math.floor(((f + 1) * n) / k)).sort(),
  );
}
