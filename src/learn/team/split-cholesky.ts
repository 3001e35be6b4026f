/**
 * One Cholesky factorisation split by rows across the installed Gram team (the caller's side; the helpers' is
 * split-cholesky-helper.ts). Thread t updates the rows of chunks c ≡ t (mod threads) and keeps them in its own
 * kernels' memory; for each block column the caller, which holds the whole matrix,
 *   1. gathers the helpers' rows of the diagonal block and factors that block,
 *   2. sends its factor to the helpers; every thread computes the panel in its rows below the block,
 *   3. gathers the helpers' panel rows, packs the whole panel and sends it to them,
 *   4. and every thread subtracts the panel's products from its rows (the trailing update, most of the work).
 * Messages carry O(n·block) doubles per block column, O(n²) in all. The operations on each row are those of the
 * one-thread kernel (cholesky-rows.ts), so the factor has the same bits on any team. A helper silent too long
 * dismisses the team, and the factorisation is made again on this thread.
 */
import { choleskyOnHeap, type CholeskyResult } from '../linalg.ts';
import { CHOLESKY_BLOCK, kernels, kernelVariant, packedSize } from '../wasm/kernels.ts';
import {
  blockColumns,
  copySegments,
  ownedRows,
  panelRows,
  rowShare,
  trailingUpdate,
} from './cholesky-rows.ts';
import { FAILED_AT, SLOT_LENGTH } from './gram-job.ts';
import { GramTeamError, installedGramTeam, type GramTeam } from './gram-team.ts';

type HeapFactor = ReturnType<typeof choleskyOnHeap>;

/**
 * choleskyOnHeap (in the kernels in use), split across the installed Gram team when there is one and the order is
 * worth it (GramTeam.worthSplittingFactor). The team's helpers must be free.
 */
export function choleskyOnTeam(n: number, shift: number, lowerRow: (i: number) => Float64Array): HeapFactor {
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
}

function splitCholesky(
  team: GramTeam,
  n: number,
  shift: number,
  lowerRow: (i: number) => Float64Array,
): HeapFactor {
  const helpers = Array.from({ length: team.threads - 1 }, (_, h) => h);
  const rowsOf = (h: number, from?: number, to?: number) => ownedRows(n, team.threads, h + 1, from, to);
  const share = rowShare(kernels(), n, team.threads, 0, [n * n, packedSize(n, CHOLESKY_BLOCK)], false);
  const { instance, heap, rowAt } = share;
  const [matrixAt, panelAt] = share.regions;
  team.startSplitFactor(kernelVariant(), n);
  const sent = helpers.map(() => 0);
  const sendRows = (h: number) =>
    team.send(h, (slot, control) => {
      const rows = rowsOf(h);
      let at = 0;
      const first = sent[h];
      for (; sent[h] < rows.length && at + rows[sent[h]] + 1 <= slot.length; sent[h]++) {
        const r = rows[sent[h]];
        slot.set(lowerRow(r).subarray(0, r + 1), at);
        slot[at + r] += shift;
        at += r + 1;
      }
      control[SLOT_LENGTH] = sent[h] - first;
    });
  helpers.forEach(sendRows);
  for (const r of ownedRows(n, team.threads, 0)) {
    heap.set(lowerRow(r).subarray(0, r + 1), rowAt(r));
    heap[rowAt(r) + r] += shift;
  }
  for (const h of helpers) {
    // Each piece is acknowledged before the next is written over it.
    team.receive(h, () => {});
    while (sent[h] < rowsOf(h).length) {
      sendRows(h);
      team.receive(h, () => {});
    }
  }
  let [minPivot, maxPivot] = [Infinity, 0];
  const l = heap.subarray(matrixAt, matrixAt + n * n);
  for (const [j0, j1] of blockColumns(n)) {
    const diagonalRows = Array.from({ length: j1 - j0 }, (_, i) => j0 + i);
    const lower = (r: number) => r + 1;
    for (const h of helpers) {
      team.receive(h, (slot) => copySegments(heap, rowAt, rowsOf(h, j0, j1), j0, lower, slot, true));
    }
    const diagonalAt = rowAt(j0) + j0;
    const failedAt = instance.cholesky(8 * diagonalAt, j1 - j0, n, 8 * panelAt);
    if (failedAt >= 0) {
      if (j1 < n) abort(team, helpers, j0 + failedAt);
      return { l, result: { ok: false, failedAt: j0 + failedAt, conditionEstimate: Infinity } };
    }
    minPivot = Math.min(minPivot, instance.minPivot.value);
    maxPivot = Math.max(maxPivot, instance.maxPivot.value);
    if (j1 === n) break;
    for (const h of helpers) {
      team.send(h, (slot) => copySegments(heap, rowAt, diagonalRows, j0, lower, slot, false));
    }
    panelRows(share, j0, j1, diagonalAt, n);
    for (const h of helpers) {
      team.receive(h, (slot) => copySegments(heap, rowAt, rowsOf(h, j1), j0, () => j1, slot, true));
    }
    instance.packRows(8 * (rowAt(j1) + j0), n, n - j1, j1 - j0, 8 * panelAt);
    const panel = heap.subarray(panelAt, panelAt + packedSize(n - j1, j1 - j0));
    for (const h of helpers) team.send(h, (slot) => slot.set(panel));
    trailingUpdate(share, j0, j1, panelAt);
  }
  const result: CholeskyResult = { ok: true, failedAt: -1, conditionEstimate: maxPivot / minPivot };
  return { l, result };
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
