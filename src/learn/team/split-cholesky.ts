/**
 * One Cholesky factorisation split by rows across the installed Gram team (the caller's side; the helpers' is
 * split-cholesky-helper.ts). Thread t updates the rows of chunks c ≡ t (mod threads) and keeps them in its own
 * kernels' memory; the caller, which holds the whole matrix and relays every message, factors each diagonal block
 * from its rows and the helpers' and sends the factor; then every thread computes the panel in its rows below the
 * block, the threads exchange their panel rows (through the caller) and each packs the whole panel, updates its rows
 * of the next diagonal block and sends them (so that the caller factors it while the others go on), then its other
 * rows (the trailing update, most of the work). Messages carry O(n·block) doubles per block column, O(n²) in all.
 * The operations on each row are those of the one-thread kernel (cholesky-rows.ts), so the factor has the same bits
 * on any team. A helper silent too long dismisses the team, and the factorisation is made again on this thread.
 */
import { choleskyOnHeap, type HeapCholesky } from '../linalg.ts';
import { CHOLESKY_BLOCK, kernels, kernelVariant, packedSize } from '../wasm/kernels.ts';
import {
  blockColumns,
  copySegments,
  ownedRows,
  panelRows,
  rowOwner,
  rowRange,
  rowShare,
  trailingUpdate,
} from './cholesky-rows.ts';
import { FAILED_AT, SLOT_LENGTH } from './gram-job.ts';
import { GramTeamError, installedGramTeam, type GramTeam } from './gram-team.ts';

type HeapFactor = ReturnType<HeapCholesky>;

/**
 * choleskyOnHeap (in the kernels in use), split across the installed Gram team when there is one and the order is
 * worth it (GramTeam.worthSplittingFactor). The team's helpers must be free.
 */
export const choleskyOnTeam: HeapCholesky = (n, shift, lowerRow) => {
  const team = installedGramTeam();
  if (team?.worthSplittingFactor(n)) {
    try {
      return splitCholesky(team, n, shift, lowerRow);
    } catch (error) {
      // The team was dismissed (a helper stopped answering): this factorisation, and those after it, on one thread.
      if (!(error instanceof GramTeamError)) throw error;
    }
  }
  return choleskyOnHeap(n, shift, lowerRow);
};

function splitCholesky(
  team: GramTeam,
  n: number,
  shift: number,
  lowerRow: (i: number) => Float64Array,
): HeapFactor {
  const helpers = Array.from({ length: team.threads - 1 }, (_, h) => h);
  const rowsOf = (h: number, from?: number, to?: number) => ownedRows(n, team.threads, h + 1, from, to);
  const block = CHOLESKY_BLOCK;
  // The matrix, the packed panel, the diagonal blocks' scratch.
  const regions = [n * n, packedSize(n, block), packedSize(block, block)];
  const share = rowShare(kernels(), n, team.threads, 0, regions, false);
  const { instance, heap, rowAt } = share;
  const [matrixAt, panelAt, diagonalPackAt] = share.regions;
  team.startSplitFactor(kernelVariant(), n);
  // The helpers' rows in slot-sized pieces, each acknowledged before the next is written over it; its own meanwhile.
  const sent = helpers.map((h) => sendPiece(team, h, rowsOf(h), 0, lowerRow, shift));
  for (const r of ownedRows(n, team.threads, 0)) {
    heap.set(lowerRow(r).subarray(0, r + 1), rowAt(r));
    heap[rowAt(r) + r] += shift;
  }
  for (const h of helpers) {
    for (team.receive(h, () => {}); sent[h] < rowsOf(h).length; team.receive(h, () => {})) {
      sent[h] = sendPiece(team, h, rowsOf(h), sent[h], lowerRow, shift);
    }
  }
  const l = heap.subarray(matrixAt, matrixAt + n * n);
  const pivots = { min: Infinity, max: 0 };
  const lower = (r: number) => r + 1;
  /**
   * Factors a diagonal block from the helpers' rows and its own and sends them the factor (if they need it); the
   * first failed pivot, or −1.
   */
  const factorDiagonal = ([j0, j1]: readonly [number, number]): number => {
    for (const h of helpers) {
      team.receive(h, (slot) => copySegments(heap, rowAt, rowsOf(h, j0, j1), j0, lower, slot, true));
    }
    const failedAt = instance.cholesky(8 * (rowAt(j0) + j0), j1 - j0, n, 8 * diagonalPackAt);
    if (failedAt >= 0) {
      if (j1 < n) abort(team, helpers, j0 + failedAt);
      return j0 + failedAt;
    }
    pivots.min = Math.min(pivots.min, instance.minPivot.value);
    pivots.max = Math.max(pivots.max, instance.maxPivot.value);
    if (j1 < n) {
      const rows = rowRange(j0, j1);
      for (const h of helpers)
        team.send(h, (slot) => copySegments(heap, rowAt, rows, j0, lower, slot, false));
    }
    return -1;
  };
  const blocks = blockColumns(n);
  let failedAt = factorDiagonal(blocks[0]);
  for (let b = 0; failedAt < 0 && b + 1 < blocks.length; b++) {
    const [j0, j1] = blocks[b];
    panelRows(share, j0, j1, rowAt(j0) + j0, n);
    // Every thread's rows of the panel to every other thread, through this one.
    const panel = () => j1;
    for (const h of helpers) {
      team.receive(h, (slot) => copySegments(heap, rowAt, rowsOf(h, j1), j0, panel, slot, true));
    }
    for (const h of helpers) {
      const others = rowRange(j1, n).filter((r) => rowOwner(r, team.threads) !== h + 1);
      team.send(h, (slot) => copySegments(heap, rowAt, others, j0, panel, slot, false));
    }
    instance.packRows(8 * (rowAt(j1) + j0), n, n - j1, j1 - j0, 8 * panelAt);
    // The next diagonal block's rows first, so that it is factored while the helpers update their other rows.
    const next = blocks[b + 1];
    trailingUpdate(share, blocks[b], panelAt, j1, next[1]);
    failedAt = factorDiagonal(next);
    if (failedAt < 0) trailingUpdate(share, blocks[b], panelAt, next[1], n);
  }
  const ok = failedAt < 0;
  return { l, result: { ok, failedAt, conditionEstimate: ok ? pivots.max / pivots.min : Infinity } };
}

/**
 * Writes the lower parts of rows[next], rows[next + 1], … of A + shift·I, as many as fit, into helper h's slot;
 * returns the index of the first row left (a piece may be empty: the helper expects at least one).
 */
function sendPiece(
  team: GramTeam,
  h: number,
  rows: readonly number[],
  next: number,
  lowerRow: (i: number) => Float64Array,
  shift: number,
): number {
  let end = next;
  team.send(h, (slot, control) => {
    for (let at = 0; end < rows.length && at + rows[end] + 1 <= slot.length; end++) {
      const r = rows[end];
      slot.set(lowerRow(r).subarray(0, r + 1), at);
      slot[at + r] += shift;
      at += r + 1;
    }
    control[SLOT_LENGTH] = end - next;
  });
  return end;
}

/** Stops the helpers (waiting for a diagonal block's factor) after a failed pivot; they acknowledge. */
function abort(team: GramTeam, helpers: readonly number[], failedAt: number): void {
  for (const h of helpers) {
    team.send(h, (_, control) => {
      control[FAILED_AT] = failedAt;
    });
    team.receive(h, () => {});
  }
}
