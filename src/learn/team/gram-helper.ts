/**
 * A Gram team's helper side (see gram-team.ts): waits for jobs in the shared memory it was given and runs them in
 * this thread's own WebAssembly kernels: sums the Gram matrix of the panels the caller hands over and hands its
 * tiled sum back, factorises the matrix handed over, or takes its share of a split factorisation
 * (split-cholesky-helper.ts). It never returns: the thread is the team's until it is
 * terminated.
 */
import { accumulatePanel, gramWorkspace } from '../blas.ts';
import { choleskyOnHeap, packedRowStart } from '../linalg.ts';
import { kernels } from '../wasm/kernels.ts';
import {
  awaitWord,
  EMPTY,
  FACTOR_JOB,
  FAILED_AT,
  JOB,
  KIND,
  panelRows,
  ROWS,
  setWord,
  SLOT_DOUBLES,
  SLOT_LENGTH,
  SLOT_STATE,
  SPLIT_FACTOR_JOB,
  teamMemory,
  tileCount,
  TILES,
  VARIANT,
  VARIANTS,
  WIDTH,
  type TeamBuffers,
  type TeamMemory,
} from './gram-job.ts';
import { runSplitFactorJob } from './split-cholesky-helper.ts';

export function serveGramJobs(buffers: TeamBuffers): never {
  const memory = teamMemory(buffers);
  const { control } = memory;
  for (let job = 0; ;) {
    Atomics.wait(control, JOB, job);
    job = Atomics.load(control, JOB);
    if (control[KIND] === FACTOR_JOB) runFactorJob(memory);
    else if (control[KIND] === SPLIT_FACTOR_JOB) runSplitFactorJob(memory);
    else runGramJob(memory);
  }
}

function runGramJob({ control, scalars, slots }: TeamMemory): void {
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
    accumulatePanel(instance, space, width, rows, scalars[0], (t, z) =>
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

/** The Cholesky factor of the triangle in slot 0 plus scalars[0]·I, packed by rows into slot 1. */
function runFactorJob({ control, scalars, slots }: TeamMemory): void {
  const n = control[WIDTH];
  const { l, result } = choleskyOnHeap(
    n,
    scalars[0],
    (i) => slots.subarray(packedRowStart(i), packedRowStart(i + 1)),
    kernels(VARIANTS[control[VARIANT]]),
  );
  setWord(control, SLOT_STATE, EMPTY);
  if (result.ok) {
    for (let i = 0; i < n; i++) slots.set(l.subarray(i * n, i * n + i + 1), SLOT_DOUBLES + packedRowStart(i));
  }
  control[FAILED_AT] = result.failedAt;
  scalars[1] = result.conditionEstimate;
  setWord(control, SLOT_STATE + 1, TILES);
}
