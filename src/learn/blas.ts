/**
 * The two dense kernels the ridge models spend their time in: C += ±A·Bᵀ and the Gram matrix Σ_r z_r z_rᵀ of
 * rows. Both run in WebAssembly SIMD (wasm/kernels.wat: 4 × 4 register blocks of f64x2 multiply–adds over packed
 * panels); the operands are copied into the module's linear memory, O(size) against O(size^1.5) work.
 */
import { kernels, PANEL_DEPTH, packedSize, workspace } from './wasm/kernels.ts';

/** A strided row-major block: element (i, j) at data[offset + i·ld + j]. */
export interface View {
  readonly data: Float64Array;
  readonly offset: number;
  readonly ld: number;
  readonly rows: number;
  readonly cols: number;
}

export function fullView(data: Float64Array, rows: number, cols: number): View {
  return { data, offset: 0, ld: cols, rows, cols };
}

/** Which blocks to compute when both operands are the same: only those touching that triangle of the result. */
export type Triangle = 'upper' | 'lower';

const TRIANGLE_CODE = { upper: 1, lower: 2 } as const;

function copyIn(heap: Float64Array, at: number, v: View): void {
  for (let i = 0; i < v.rows; i++) {
    const from = v.offset + i * v.ld;
    heap.set(v.data.subarray(from, from + v.cols), at + i * v.cols);
  }
}

function copyOut(heap: Float64Array, at: number, v: View): void {
  for (let i = 0; i < v.rows; i++) {
    v.data.set(heap.subarray(at + i * v.cols, at + (i + 1) * v.cols), v.offset + i * v.ld);
  }
}

/**
 * out += sign · A·Bᵀ, with A (m × k), B (n × k) and out (m × n) strided blocks. With `triangle`, A and B must be
 * the same rows and only the blocks touching that triangle of the (symmetric) result are computed; entries of
 * the other triangle inside diagonal blocks are updated too and should be ignored or overwritten.
 */
export function addABt(out: View, a: View, b: View, sign = 1, triangle?: Triangle): void {
  const [m, n, k] = [a.rows, b.rows, a.cols];
  if (m === 0 || n === 0 || k === 0) return;
  const same = a === b;
  const depth = Math.min(k, PANEL_DEPTH);
  const { heap, at } = workspace(
    m * n,
    m * k,
    same ? 0 : n * k,
    packedSize(m, depth) + (same ? 0 : packedSize(n, depth)),
  );
  const [outAt, aAt, bAt, packAt] = same ? [at[0], at[1], at[1], at[3]] : at;
  copyIn(heap, outAt, out);
  copyIn(heap, aAt, a);
  if (!same) copyIn(heap, bAt, b);
  kernels().gemm(
    outAt * 8,
    n,
    aAt * 8,
    k,
    bAt * 8,
    k,
    m,
    n,
    k,
    sign,
    triangle ? TRIANGLE_CODE[triangle] : 0,
    packAt * 8,
  );
  copyOut(heap, outAt, out);
}

/**
 * Moves the upper triangle of a row-major width × width matrix into the tiled layout of the gram kernel (4 × 4
 * blocks (s, t ≥ s) stored whole, one after another) at heap[at], or back (toTiles false). Entries below the
 * diagonal are not moved.
 */
function moveUpperTiles(
  matrix: Float64Array,
  heap: Float64Array,
  at: number,
  width: number,
  toTiles: boolean,
) {
  const blocks = Math.ceil(width / 4);
  for (let i = 0; i < width; i++) {
    const s = i >> 2;
    // Block (s, t) starts 16·(s·blocks − s(s + 1)/2 + t) doubles in; row i − 4s of it is 4(i − 4s) further.
    const rowStart = at + 16 * (s * blocks - (s * (s + 1)) / 2) + 4 * (i - 4 * s);
    for (let j = i; j < width; j++) {
      const tiled = rowStart + 16 * (j >> 2) + (j & 3);
      if (toTiles) heap[tiled] = matrix[i * width + j];
      else matrix[i * width + j] = heap[tiled];
    }
  }
}

/**
 * gram (width × width, row-major) += sign · Σ_r z_r z_rᵀ over `count` rows, where fill(r, z) writes every entry of
 * row r into z (reused memory). Only the upper triangle is accumulated: call mirrorUpper once the sum is complete.
 */
export function accumulateGram(
  gram: Float64Array,
  width: number,
  count: number,
  fill: (r: number, z: Float64Array) => void,
  sign = 1,
): void {
  if (width === 0 || count === 0) return;
  const blocks = Math.ceil(width / 4);
  const { heap, at } = workspace(
    (16 * blocks * (blocks + 1)) / 2,
    width,
    packedSize(width, Math.min(count, PANEL_DEPTH)),
  );
  const [tilesAt, rowAt, packAt] = at;
  moveUpperTiles(gram, heap, tilesAt, width, true);
  const { gram: kernel, packRow } = kernels();
  const row = heap.subarray(rowAt, rowAt + width);
  for (let r0 = 0; r0 < count; r0 += PANEL_DEPTH) {
    const depth = Math.min(PANEL_DEPTH, count - r0);
    for (let t = 0; t < depth; t++) {
      fill(r0 + t, row);
      packRow(rowAt * 8, width, t, depth, packAt * 8);
    }
    kernel(tilesAt * 8, width, packAt * 8, depth, sign);
  }
  moveUpperTiles(gram, heap, tilesAt, width, false);
}

/** Copies the upper triangle of a square row-major matrix onto the lower one (in 64 × 64 tiles, cache-friendly). */
export function mirrorUpper(a: Float64Array, n: number): void {
  const TILE = 64;
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const i1 = Math.min(n, i0 + TILE);
    for (let j0 = 0; j0 <= i0; j0 += TILE) {
      for (let i = i0; i < i1; i++) {
        const j1 = Math.min(i, j0 + TILE);
        for (let j = j0; j < j1; j++) a[i * n + j] = a[j * n + i];
      }
    }
  }
}
