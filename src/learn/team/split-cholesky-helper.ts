/**
 * A helper's side of a Cholesky factorisation split by rows (see split-cholesky.ts): receives its rows, then for
 * each block column with rows below its diagonal block receives that block's factor, sends back its rows of the
 * panel, receives the whole panel packed, updates its rows, and sends its rows of the next diagonal block.
 */
import { CHOLESKY_BLOCK, kernels, packedSize } from '../wasm/kernels.ts';
import {
  blockColumns,
  copySegments,
  ownedRows,
  panelRows,
  rowShare,
  trailingUpdate,
} from './cholesky-rows.ts';
import {
  awaitCount,
  FAILED_AT,
  post,
  SLOT_DOUBLES,
  SLOT_LENGTH,
  THREAD,
  THREADS,
  TO_CALLER,
  TO_HELPER,
  VARIANT,
  VARIANTS,
  WIDTH,
  type TeamMemory,
} from './gram-job.ts';

export function runSplitFactorJob({ control, slots }: TeamMemory): void {
  const [n, threads, thread] = [control[WIDTH], control[THREADS], control[THREAD]];
  const share = rowShare(
    kernels(VARIANTS[control[VARIANT]]),
    n,
    threads,
    thread,
    [CHOLESKY_BLOCK * CHOLESKY_BLOCK, packedSize(n, CHOLESKY_BLOCK)],
    true,
  );
  const { heap, rowAt } = share;
  const [diagonalAt, panelAt] = share.regions;
  const [inbox, outbox] = [slots.subarray(0, SLOT_DOUBLES), slots.subarray(SLOT_DOUBLES)];
  let received = 0;
  const receive = () => awaitCount(control, TO_HELPER, ++received);
  const send = () => post(control, TO_CALLER);
  const lower = (r: number) => r + 1;
  const rows = ownedRows(n, threads, thread);
  for (let next = 0; next < rows.length; send()) {
    receive();
    const piece = rows.slice(next, next + control[SLOT_LENGTH]);
    copySegments(heap, rowAt, piece, 0, lower, inbox, true);
    next += piece.length;
  }
  const blocks = blockColumns(n);
  const sendDiagonalRows = ([j0, j1]: [number, number]) => {
    copySegments(heap, rowAt, ownedRows(n, threads, thread, j0, j1), j0, lower, outbox, false);
    send();
  };
  sendDiagonalRows(blocks[0]);
  for (const [b, [j0, j1]] of blocks.entries()) {
    if (j1 === n) break;
    receive();
    if (control[FAILED_AT] >= 0) {
      send();
      return;
    }
    // The diagonal block's factor, rows CHOLESKY_BLOCK apart.
    const diagonalRowAt = (r: number) => diagonalAt + (r - j0) * CHOLESKY_BLOCK - j0;
    const diagonalRows = Array.from({ length: j1 - j0 }, (_, i) => j0 + i);
    copySegments(heap, diagonalRowAt, diagonalRows, j0, lower, inbox, true);
    panelRows(share, j0, j1, diagonalAt, CHOLESKY_BLOCK);
    copySegments(heap, rowAt, ownedRows(n, threads, thread, j1), j0, () => j1, outbox, false);
    send();
    receive();
    heap.set(inbox.subarray(0, packedSize(n - j1, j1 - j0)), panelAt);
    trailingUpdate(share, j0, j1, panelAt);
    sendDiagonalRows(blocks[b + 1]);
  }
}
