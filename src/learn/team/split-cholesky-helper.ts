/**
 * A helper's side of a Cholesky factorisation split by rows (see split-cholesky.ts): receives its rows and sends
 * those of the first diagonal block; then, for each block column with rows below its diagonal block, receives that
 * block's factor, sends its rows of the panel, receives the other threads' rows of it and packs the whole panel,
 * updates its rows of the next diagonal block and sends them, and updates its other rows.
 */
import { CHOLESKY_BLOCK, kernels, packedSize } from '../wasm/kernels.ts';
import {
  blockColumns,
  copySegments,
  ownedRows,
  packPanel,
  panelRows,
  rowOwner,
  rowRange,
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
  const block = CHOLESKY_BLOCK;
  const share = rowShare(
    kernels(VARIANTS[control[VARIANT]]),
    n,
    threads,
    thread,
    // The diagonal block's factor, the other threads' rows of the panel (n × block), the packed panel.
    [block * block, n * block, packedSize(n, block)],
    true,
  );
  const { heap, rowAt } = share;
  const [diagonalAt, othersAt, panelAt] = share.regions;
  const [inbox, outbox] = [slots.subarray(0, SLOT_DOUBLES), slots.subarray(SLOT_DOUBLES)];
  let received = 0;
  const receive = () => awaitCount(control, TO_HELPER, ++received);
  const send = () => post(control, TO_CALLER);
  const lower = (r: number) => r + 1;
  const rows = ownedRows(n, threads, thread);
  // At least one piece, if only to say that there are no rows.
  for (let next = 0; next === 0 || next < rows.length; send()) {
    receive();
    const piece = rows.slice(next, next + control[SLOT_LENGTH]);
    copySegments(heap, rowAt, piece, 0, lower, inbox, true);
    next += Math.max(1, piece.length);
  }
  const blocks = blockColumns(n);
  const sendDiagonalRows = ([j0, j1]: readonly [number, number]) => {
    copySegments(heap, rowAt, ownedRows(n, threads, thread, j0, j1), j0, lower, outbox, false);
    send();
  };
  sendDiagonalRows(blocks[0]);
  for (let b = 0; b + 1 < blocks.length; b++) {
    const [j0, j1] = blocks[b];
    receive();
    if (control[FAILED_AT] >= 0) {
      send();
      return;
    }
    // The diagonal block's factor, rows `block` apart.
    copySegments(heap, (r) => diagonalAt + (r - j0) * block - j0, rowRange(j0, j1), j0, lower, inbox, true);
    panelRows(share, j0, j1, diagonalAt, block);
    const panel = () => j1;
    copySegments(heap, rowAt, ownedRows(n, threads, thread, j1), j0, panel, outbox, false);
    send();
    receive();
    const others = rowRange(j1, n).filter((r) => rowOwner(r, threads) !== thread);
    copySegments(heap, (r) => othersAt + (r - j1) * block - j0, others, j0, panel, inbox, true);
    packPanel(share, blocks[b], panelAt, othersAt);
    const next = blocks[b + 1];
    trailingUpdate(share, blocks[b], panelAt, j1, next[1]);
    sendDiagonalRows(next);
    trailingUpdate(share, blocks[b], panelAt, next[1], n);
  }
}
