/**
 * One thread's share of a Cholesky factorisation split by rows (split-cholesky.ts): the rows of the chunks it owns,
 * and the operations of the one-thread kernel (kernels.wat, `cholesky`) on them. That kernel is right-looking with
 * block columns of CHOLESKY_BLOCK columns; once the diagonal block of a block column is factored, each row below it
 * needs only that factor to get its part of the panel, and then only the whole panel for its trailing update. Each
 * entry goes through the same 4 × 4 register blocks, the same dot products and divisions, in the same order, as on
 * one thread (the blocks are aligned on the same rows: chunks are whole sub-blocks), so the factor has the same bits.
 */
import {
  CHOLESKY_BLOCK,
  CHOLESKY_SUB_BLOCK,
  packedSize,
  workspaceOf,
  type KernelExports,
} from '../wasm/kernels.ts';

/** Rows per chunk: chunk c (rows c·CHUNK_ROWS onwards) is updated by thread c mod threads, the caller being 0. */
export const CHUNK_ROWS = CHOLESKY_SUB_BLOCK;

/** The thread that updates row r. */
export const rowOwner = (r: number, threads: number) => Math.floor(r / CHUNK_ROWS) % threads;

/** The rows from, from + 1, … to − 1. */
export const rowRange = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Block columns [j0, j1) of the factorisation of order n. */
export function blockColumns(n: number): [number, number][] {
  const blocks: [number, number][] = [];
  for (let j0 = 0; j0 < n; j0 += CHOLESKY_BLOCK) blocks.push([j0, Math.min(n, j0 + CHOLESKY_BLOCK)]);
  return blocks;
}

/** First rows of the chunks that `thread` of `threads` updates, ascending. */
function chunkStarts(n: number, threads: number, thread: number): number[] {
  const starts: number[] = [];
  for (let c = thread; c * CHUNK_ROWS < n; c += threads) starts.push(c * CHUNK_ROWS);
  return starts;
}

/** The rows that `thread` of `threads` updates in [from, to), ascending. */
export function ownedRows(n: number, threads: number, thread: number, from = 0, to = n): number[] {
  const rows: number[] = [];
  for (const r0 of chunkStarts(n, threads, thread)) {
    for (let r = Math.max(from, r0); r < Math.min(to, n, r0 + CHUNK_ROWS); r++) rows.push(r);
  }
  return rows;
}

/** A thread's rows in its kernels' memory, and its scratch there. */
export interface RowShare {
  readonly instance: KernelExports;
  readonly heap: Float64Array;
  readonly n: number;
  /** First rows of its chunks, ascending. */
  readonly starts: readonly number[];
  /** Element offset of row r (one of the thread's) in heap; rows are n apart. */
  rowAt(r: number): number;
  /** Offsets of the further regions asked for, in doubles. */
  readonly regions: readonly number[];
  /** Offsets of the packed chunk rows and diagonal block rows of panelRows. */
  readonly scratch: readonly [number, number];
}

/**
 * The share of `thread` of `threads` in `instance`'s memory, with `regions` more (sizes in doubles) after its
 * scratch; its rows are either stacked (n apart, in order) in a region of their own or, when not `stacked`, those
 * of a whole n × n matrix in the first of `regions` (the caller's).
 */
export function rowShare(
  instance: KernelExports,
  n: number,
  threads: number,
  thread: number,
  regions: readonly number[],
  stacked: boolean,
): RowShare {
  const starts = chunkStarts(n, threads, thread);
  const owned = stacked ? ownedRows(n, threads, thread).length : 0;
  const { heap, at } = workspaceOf(instance, [
    packedSize(CHUNK_ROWS, CHOLESKY_BLOCK),
    packedSize(CHOLESKY_SUB_BLOCK, CHOLESKY_BLOCK),
    owned * n,
    ...regions,
  ]);
  const [chunkPack, diagonalPack, stackAt, matrixAt] = at;
  // Stacked, the k-th chunk's rows start at row k·CHUNK_ROWS of the stack.
  const stackedChunk = new Map(starts.map((r0, k) => [r0, k]));
  const rowAt = stacked
    ? (r: number) => {
        const r0 = r - (r % CHUNK_ROWS);
        return stackAt + (stackedChunk.get(r0)! * CHUNK_ROWS + r - r0) * n;
      }
    : (r: number) => matrixAt + r * n;
  return { instance, heap, n, starts, rowAt, regions: at.slice(3), scratch: [chunkPack, diagonalPack] };
}

/** First rows of the share's chunks at or after row `from`. */
const chunksFrom = ({ starts }: RowShare, from: number) => starts.filter((r0) => r0 >= from);

/**
 * Columns j0 … j1 − 1 of L in the share's rows below the block column's diagonal block (rows ≥ j1), from that
 * block's factor (row j0, column j0 at heap[diagonalAt], rows ldd apart): by sub-blocks, the earlier sub-blocks'
 * products subtracted, then Crout, as the one-thread kernel does.
 */
export function panelRows(share: RowShare, j0: number, j1: number, diagonalAt: number, ldd: number): void {
  const { instance, n, rowAt } = share;
  const [chunkPack, diagonalPack] = share.scratch;
  const chunks = chunksFrom(share, j1);
  for (let k0 = j0; k0 < j1; k0 += CHOLESKY_SUB_BLOCK) {
    const k1 = Math.min(j1, k0 + CHOLESKY_SUB_BLOCK);
    const depth = k0 - j0;
    const diagonalRows = diagonalAt + depth * ldd;
    if (depth > 0) instance.packRows(8 * diagonalRows, ldd, k1 - k0, depth, 8 * diagonalPack);
    for (const r0 of chunks) {
      const count = Math.min(CHUNK_ROWS, n - r0);
      const row = rowAt(r0);
      if (depth > 0) {
        instance.packRows(8 * (row + j0), n, count, depth, 8 * chunkPack);
        instance.multiply(8 * (row + k0), n, 8 * chunkPack, count, 8 * diagonalPack, k1 - k0, depth, -1, 0);
      }
      instance.croutRows(8 * (row + k0), n, count, 8 * (diagonalRows + depth), ldd, k1 - k0);
    }
  }
}

/**
 * The trailing update A[r, j1 … r] −= L[r, j0 … j1)·L[j1 … r, j0 … j1)ᵀ of the share's rows r in [from, to)
 * (chunk boundaries, ≥ j1), with the panel L[j1 … n, j0 … j1) packed (packRows, depth j1 − j0) at heap[panelAt]:
 * each chunk's rows against the panel's rows before them, then against themselves (lower triangle).
 */
export function trailingUpdate(
  share: RowShare,
  [j0, j1]: readonly [number, number],
  panelAt: number,
  from: number,
  to: number,
): void {
  const { instance, n, rowAt } = share;
  const depth = j1 - j0;
  for (const r0 of share.starts) {
    if (r0 < from || r0 >= to) continue;
    const count = Math.min(CHUNK_ROWS, n - r0);
    const own = panelAt + sliverAt(r0 - j1, depth);
    const row = rowAt(r0);
    if (r0 > j1) instance.multiply(8 * (row + j1), n, 8 * own, count, 8 * panelAt, r0 - j1, depth, -1, 0);
    instance.multiply(8 * (row + r0), n, 8 * own, count, 8 * own, count, depth, -1, 2);
  }
}

/** Where the sliver of row i (a multiple of 4) of a packed operand of the given depth starts, in doubles. */
const sliverAt = (i: number, depth: number) => (i / 4) * packedSize(4, depth);

/**
 * Packs the panel L[j1 … n, j0 … j1) at heap[panelAt] (as packRows would in one call) chunk by chunk: the share's
 * chunks from its rows, the others' from row r of `others` at heap[othersAt + (r − j1)·(j1 − j0)].
 */
export function packPanel(
  share: RowShare,
  [j0, j1]: readonly [number, number],
  panelAt: number,
  othersAt: number,
) {
  const { instance, n, rowAt } = share;
  const depth = j1 - j0;
  const own = new Set(share.starts);
  for (let r0 = j1; r0 < n; r0 += CHUNK_ROWS) {
    const [from, ld] = own.has(r0) ? [rowAt(r0) + j0, n] : [othersAt + (r0 - j1) * depth, depth];
    instance.packRows(
      8 * from,
      ld,
      Math.min(CHUNK_ROWS, n - r0),
      depth,
      8 * (panelAt + sliverAt(r0 - j1, depth)),
    );
  }
}

/**
 * Copies columns c0 … end(r) − 1 of each of `rows` (row r's column 0 at heap[rowAt(r)]) into `buffer`, one row
 * after another, or back when `toHeap`; returns the doubles copied. The messages of a split factorisation.
 */
export function copySegments(
  heap: Float64Array,
  rowAt: (r: number) => number,
  rows: readonly number[],
  c0: number,
  end: (r: number) => number,
  buffer: Float64Array,
  toHeap: boolean,
): number {
  let at = 0;
  for (const r of rows) {
    const [from, to] = [rowAt(r) + c0, rowAt(r) + end(r)];
    if (toHeap) heap.set(buffer.subarray(at, at + to - from), from);
    else buffer.set(heap.subarray(from, to), at);
    at += to - from;
  }
  return at;
}
