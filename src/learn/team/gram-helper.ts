/**
 * A Gram team's helper side (see gram-team.ts): waits for jobs in the shared memory it was given, sums the Gram
 * matrix of the panels the caller hands over in this thread's own WebAssembly kernels, and hands its tiled sum
 * back. It never returns: the thread is the team's until it is terminated.
 */
import { accumulatePanel, gramWorkspace } from '../blas.ts';
import { kernels } from '../wasm/kernels.ts';
import {
  awaitWord,
  EMPTY,
  JOB,
  panelRows,
  ROWS,
  setWord,
  SLOT_DOUBLES,
  SLOT_LENGTH,
  SLOT_STATE,
  teamMemory,
  tileCount,
  TILES,
  VARIANT,
  VARIANTS,
  WIDTH,
  type TeamBuffers,
} from './gram-job.ts';

export function serveGramJobs(buffers: TeamBuffers): never {
  const memory = teamMemory(buffers);
  const { control } = memory;
  for (let job = 0; ;) {
    Atomics.wait(control, JOB, job);
    job = Atomics.load(control, JOB);
    runJob(memory);
  }
}

function runJob({ control, sign, slots }: ReturnType<typeof teamMemory>): void {
  const width = control[WIDTH];
  const instance = kernels(VARIANTS[control[VARIANT]]);
  const space = gramWorkspace(instance, width, panelRows(width));
  const size = tileCount(width);
  space.heap.fill(0, space.tilesAt, space.tilesAt + size);
  let slot = 0;
  for (; ; slot ^= 1) {
    awaitWord(control, SLOT_STATE + slot, ROWS);
    const rows = control[SLOT_LENGTH + slot];
    if (rows === 0) {
      Atomics.store(control, SLOT_STATE + slot, EMPTY);
      break;
    }
    const at = slot * SLOT_DOUBLES;
    accumulatePanel(instance, space, width, rows, sign[0], (t, z) =>
      z.set(slots.subarray(at + t * width, at + (t + 1) * width)),
    );
    setWord(control, SLOT_STATE + slot, EMPTY);
  }
  // The sum goes back in slot-sized pieces, starting in the slot that carried the end of the panels.
  for (let from = 0; from < size; from += SLOT_DOUBLES, slot ^= 1) {
    awaitWord(control, SLOT_STATE + slot, EMPTY);
    const piece = Math.min(SLOT_DOUBLES, size - from);
    const start = space.tilesAt + from;
    slots.set(space.heap.subarray(start, start + piece), slot * SLOT_DOUBLES);
    control[SLOT_LENGTH + slot] = piece;
    setWord(control, SLOT_STATE + slot, TILES);
  }
}
