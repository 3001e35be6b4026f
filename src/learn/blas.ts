/**
 * The dense kernels the ridge models spend their time in: C += ±A·Bᵀ and the Gram matrix Σ_r z_r z_rᵀ of rows, in
 * WebAssembly SIMD (wasm/kernels.wat: 4 × 4 register blocks of f64x2 multiply–adds over packed panels), and linear
 * combinations of rows; the operands are copied into the module's linear memory, O(size) against O(size^1.5) work
 * (O(size) against O(size · combinations) for the last).
 */
import { tileCount } from './team/gram-job.ts';
import { GramTeamError, installedGramTeam } from './team/gram-team.ts';
import type { Matrix64 } from './matrix.ts';
import {
  kernels,
  kernelVariant,
  PANEL_DEPTH,
  packedSize,
  workspace,
  workspaceOf,
  type KernelExports,
} from './wasm/kernels.ts';

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

/** Doubles of x's rows that rowCombinations copies into the kernels' memory at a time (8 MB). */
const ROW_BLOCK_DOUBLES = 1 << 20;

/**
 * Σ_r coefficients[i][r] · (row r of x), one combination per coefficient vector: the rows of x in order, or `rows`
 * of them (in that order). Each row is read once for all the combinations (addRowCombinations), block of rows after
 * block, and every entry is summed row by row, as a loop over the rows would.
 */
export function rowCombinations(
  x: Matrix64,
  coefficients: readonly Float64Array[],
  rows?: ArrayLike<number>,
): Float64Array[] {
  const count = rows?.length ?? x.rows;
  const { cols } = x;
  const combinations = coefficients.length;
  if (count === 0 || cols === 0 || combinations === 0) return coefficients.map(() => new Float64Array(cols));
  // The kernel takes rows of an even length: odd ones get a column of whatever the memory held, whose sums are dropped.
  const stride = cols + (cols & 1);
  const blockRows = Math.min(count, Math.max(1, Math.floor(ROW_BLOCK_DOUBLES / stride)));
  const { heap, at } = workspace(blockRows * stride, combinations * blockRows, combinations * stride);
  const [xAt, coefficientsAt, outAt] = at;
  heap.fill(0, outAt, outAt + combinations * stride);
  for (let first = 0; first < count; first += blockRows) {
    const size = Math.min(blockRows, count - first);
    for (let r = 0; r < size; r++) {
      const from = (rows ? rows[first + r] : first + r) * cols;
      heap.set(x.data.subarray(from, from + cols), xAt + r * stride);
    }
    coefficients.forEach((c, i) => heap.set(c.subarray(first, first + size), coefficientsAt + i * size));
    kernels().addRowCombinations(xAt * 8, size, stride, coefficientsAt * 8, combinations, outAt * 8);
  }
  return coefficients.map((_, i) => heap.slice(outAt + i * stride, outAt + i * stride + cols));
}

/** Doubles before block (s, s) in the tiled upper triangle of `blocks` × `blocks` 4 × 4 blocks (gram kernel). */
const blockRowStart = (s: number, blocks: number) => 16 * (s * blocks - ((s * (s + 1)) >> 1)) + 16 * s;

/** Copies the upper triangle of a row-major width × width matrix into the tiled layout at heap[at]. */
function upperToTiles(matrix: Float64Array, heap: Float64Array, at: number, width: number): void {
  const blocks = Math.ceil(width / 4);
  for (let i = 0; i < width; i++) {
    const s = i >> 2;
    // Row i − 4s of block (s, t) starts 16·(t − s) + 4(i − 4s) doubles after block (s, s).
    const row = at + blockRowStart(s, blocks) - 16 * s + 4 * (i - 4 * s);
    for (let j = i; j < width; j++) heap[row + 16 * (j >> 2) + (j & 3)] = matrix[i * width + j];
  }
}

/** Rows (and columns) of matrix per pass of tilesToSymmetric: 2 × 64 rows of pages stay in the TLB. */
const MIRROR_SPAN_BLOCKS = 16;

/**
 * Writes the tiled upper triangle at heap[at] into both triangles of a row-major width × width matrix, 64 × 64
 * entries at a time so that the transposed writes, one row of the matrix each, touch few pages at once.
 */
function tilesToSymmetric(heap: Float64Array, at: number, width: number, matrix: Float64Array): void {
  const blocks = Math.ceil(width / 4);
  for (let s0 = 0; s0 < blocks; s0 += MIRROR_SPAN_BLOCKS) {
    for (let t0 = s0; t0 < blocks; t0 += MIRROR_SPAN_BLOCKS) {
      for (let s = s0; s < Math.min(blocks, s0 + MIRROR_SPAN_BLOCKS); s++) {
        const first = at + blockRowStart(s, blocks);
        for (let t = Math.max(s, t0); t < Math.min(blocks, t0 + MIRROR_SPAN_BLOCKS); t++) {
          const block = first + 16 * (t - s);
          if (4 * t + 4 <= width && t > s) {
            // An interior block off the diagonal: all 16 entries, each written twice.
            for (let i = 0; i < 4; i++) {
              const row = (4 * s + i) * width + 4 * t;
              const column = 4 * t * width + 4 * s + i;
              const b = block + 4 * i;
              matrix[row] = matrix[column] = heap[b];
              matrix[row + 1] = matrix[column + width] = heap[b + 1];
              matrix[row + 2] = matrix[column + 2 * width] = heap[b + 2];
              matrix[row + 3] = matrix[column + 3 * width] = heap[b + 3];
            }
            continue;
          }
          for (let i = 4 * s; i < Math.min(width, 4 * s + 4); i++) {
            for (let j = Math.max(i, 4 * t); j < Math.min(width, 4 * t + 4); j++) {
              matrix[i * width + j] = matrix[j * width + i] = heap[block + 4 * (i - 4 * s) + j - 4 * t];
            }
          }
        }
      }
    }
  }
}

/** The gram kernel's regions in one kernels instance's memory: tiles, one row, packed slivers. */
export interface GramWorkspace {
  readonly heap: Float64Array;
  readonly tilesAt: number;
  readonly rowAt: number;
  readonly packAt: number;
}

/** Regions for a width-column Gram sum over panels of up to `depth` rows (valid until the instance's next use). */
export function gramWorkspace(instance: KernelExports, width: number, depth: number): GramWorkspace {
  const { heap, at } = workspaceOf(instance, [
    tileCount(width),
    width,
    packedSize(width, Math.max(1, Math.min(depth, PANEL_DEPTH))),
  ]);
  return { heap, tilesAt: at[0], rowAt: at[1], packAt: at[2] };
}

/** Adds sign · Σ_t z_t z_tᵀ over one panel of `depth` ≤ PANEL_DEPTH rows (fill(t, z) writes row t) to the tiles. */
export function accumulatePanel(
  instance: KernelExports,
  space: GramWorkspace,
  width: number,
  depth: number,
  sign: number,
  fill: (t: number, z: Float64Array) => void,
): void {
  const { heap, tilesAt, rowAt, packAt } = space;
  const row = heap.subarray(rowAt, rowAt + width);
  for (let t = 0; t < depth; t++) {
    fill(t, row);
    instance.packRow(rowAt * 8, width, t, depth, packAt * 8);
  }
  instance.gram(tilesAt * 8, width, packAt * 8, depth, sign);
}

/**
 * The gram kernel over `count` rows into the tiles (see accumulateGram), on the Gram team when one is installed
 * and the work is worth splitting (each thread sums whole panels; their sums are added in a fixed order).
 */
function accumulateTiles(
  width: number,
  count: number,
  fill: (r: number, z: Float64Array) => void,
  sign: number,
  start: (heap: Float64Array, tilesAt: number, size: number) => void,
  whileWaiting?: () => boolean,
): { heap: Float64Array; tilesAt: number } {
  const instance = kernels();
  const space = gramWorkspace(instance, width, count);
  const { heap, tilesAt } = space;
  const size = tileCount(width);
  start(heap, tilesAt, size);
  const ownPanel = (r0: number, depth: number) =>
    accumulatePanel(instance, space, width, depth, sign, (t, z) => fill(r0 + t, z));
  const team = installedGramTeam();
  if (team?.worthSplitting(width, count)) {
    try {
      const call = { variant: kernelVariant(), width, count, sign, fill, ownPanel, whileWaiting };
      team.accumulate(call, (from, piece) => {
        const at = tilesAt + from;
        for (let i = 0; i < piece.length; i++) heap[at + i] += piece[i];
      });
      return { heap, tilesAt };
    } catch (error) {
      // The team was dismissed (a helper stopped answering): this sum, and those after it, on one thread.
      if (!(error instanceof GramTeamError)) throw error;
      start(heap, tilesAt, size);
    }
  }
  for (let r0 = 0; r0 < count; r0 += PANEL_DEPTH) ownPanel(r0, Math.min(PANEL_DEPTH, count - r0));
  return { heap, tilesAt };
}

/**
 * gram (width × width, row-major, symmetric) += sign · Σ_r z_r z_rᵀ over `count` rows, where fill(r, z) writes
 * every entry of row r into z (reused memory). Reads the upper triangle of gram and writes both.
 */
export function accumulateGram(
  gram: Float64Array,
  width: number,
  count: number,
  fill: (r: number, z: Float64Array) => void,
  sign = 1,
): void {
  if (width === 0) return;
  const { heap, tilesAt } = accumulateTiles(width, count, fill, sign, (h, at) =>
    upperToTiles(gram, h, at, width),
  );
  tilesToSymmetric(heap, tilesAt, width, gram);
}

/** Σ_r z_r z_rᵀ over `count` rows (fill as in accumulateGram), a new symmetric width × width matrix. */
export function gramOfRows(
  width: number,
  count: number,
  fill: (r: number, z: Float64Array) => void,
): Float64Array {
  const gram = new Float64Array(width * width);
  if (width === 0) return gram;
  const { heap, tilesAt } = accumulateTiles(
    width,
    count,
    fill,
    1,
    (h, at, size) => h.fill(0, at, at + size),
    pageToucher(gram),
  );
  tilesToSymmetric(heap, tilesAt, width, gram);
  return gram;
}

/** Doubles per 4 KiB page, and pages touched per slice of pageToucher (≈ 0.2 ms at 14 µs a page fault). */
const PAGE_DOUBLES = 512;
const TOUCHED_PAGES = 16;

/**
 * Slices of work for a caller waiting on its Gram team: writing a zero into each page of a fresh (zero) array, so
 * that the page faults of its first use (on some machines as costly as a tenth of the sum) are taken meanwhile.
 */
function pageToucher(fresh: Float64Array): () => boolean {
  let next = 0;
  return () => {
    const end = Math.min(fresh.length, next + TOUCHED_PAGES * PAGE_DOUBLES);
    for (; next < end; next += PAGE_DOUBLES) fresh[next] = 0;
    return next < fresh.length;
  };
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
