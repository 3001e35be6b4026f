/**
 * The shared memory between a Gram team's caller and one helper, sent once when the helper starts: after that the
 * two talk only through it (Atomics.wait / notify), because a browser delivers no message to a worker's helper
 * while the worker itself waits. It holds the job's parameters and two slots that carry panels of rows to the
 * helper and, at the end of a job, its tiled sum back in pieces.
 */
import type { KernelVariant } from '../wasm/kernels.ts';
import { PANEL_DEPTH } from '../wasm/kernels.ts';

/** control[JOB]: incremented by the caller to start a job. */
export const JOB = 0;
export const WIDTH = 1;
/** Index of the job's kernel variant in VARIANTS. */
export const VARIANT = 2;
/** control[SLOT_STATE + s]: who may use slot s next (EMPTY: the caller; ROWS: the helper; TILES: the caller). */
export const SLOT_STATE = 3;
/** control[SLOT_LENGTH + s]: rows (ROWS; 0 ends the job's panels) or doubles (TILES) in slot s. */
export const SLOT_LENGTH = 5;
const CONTROL_WORDS = 7;
/** The job's sign, an f64 after the control words. */
const SIGN_BYTE = 32;

export const EMPTY = 0;
export const ROWS = 1;
export const TILES = 2;

export const VARIANTS: readonly KernelVariant[] = ['fma', 'simd'];

/** Doubles per slot (8 MiB): panels hold up to PANEL_DEPTH rows of up to this many columns together. */
export const SLOT_DOUBLES = 1 << 20;

export interface TeamMemory {
  readonly control: Int32Array;
  readonly sign: Float64Array;
  /** Slot s is slots.subarray(s · SLOT_DOUBLES, (s + 1) · SLOT_DOUBLES). */
  readonly slots: Float64Array;
}

/** What the caller sends a helper once. */
export interface TeamBuffers {
  readonly control: SharedArrayBuffer;
  readonly slots: SharedArrayBuffer;
}

export function newTeamBuffers(): TeamBuffers {
  return {
    control: new SharedArrayBuffer(SIGN_BYTE + 8),
    slots: new SharedArrayBuffer(2 * SLOT_DOUBLES * 8),
  };
}

export function teamMemory(buffers: TeamBuffers): TeamMemory {
  return {
    control: new Int32Array(buffers.control, 0, CONTROL_WORDS),
    sign: new Float64Array(buffers.control, SIGN_BYTE, 1),
    slots: new Float64Array(buffers.slots),
  };
}

/** Rows per panel of a split Gram sum: whole gram-kernel panels while a slot holds them. */
export const panelRows = (width: number) => Math.min(PANEL_DEPTH, Math.floor(SLOT_DOUBLES / width));

/** Doubles of the tiled upper triangle of a width × width Gram matrix (4 × 4 blocks, see blas.ts). */
export function tileCount(width: number): number {
  const blocks = Math.ceil(width / 4);
  return (16 * blocks * (blocks + 1)) / 2;
}

/** Waits until control[index] is `value`; false if `patienceMs` passed without a change. */
export function awaitWord(control: Int32Array, index: number, value: number, patienceMs = Infinity): boolean {
  for (;;) {
    const now = Atomics.load(control, index);
    if (now === value) return true;
    if (Atomics.wait(control, index, now, patienceMs) === 'timed-out') return false;
  }
}

/** Sets control[index] and wakes whoever waits on it. */
export function setWord(control: Int32Array, index: number, value: number): void {
  Atomics.store(control, index, value);
  Atomics.notify(control, index);
}
