/**
 * The shared memory between a Gram team's caller and one helper, sent once when the helper starts: after that the
 * two talk only through it (Atomics.wait / notify), because a browser delivers no message to a worker's helper
 * while the worker itself waits. It holds the job's parameters and two slots. A Gram job's slots carry panels of
 * rows to the helper and, at its end, the helper's tiled sum back in pieces; a factor job's first slot carries a
 * symmetric matrix's lower triangle (packed by rows) to the helper, its second the Cholesky factor back. A split
 * factor job's first slot carries the caller's messages to the helper, its second the helper's to the caller.
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
/** control[KIND]: GRAM_JOB or FACTOR_JOB. */
export const KIND = 7;
/** control[FAILED_AT]: a factor job's first failed pivot, or −1; a split factor job stops when it is set. */
export const FAILED_AT = 8;
/** A split factor job's team size, and the helper's thread in it (1 … THREADS − 1; the caller is 0). */
export const THREADS = 9;
export const THREAD = 10;
/**
 * Messages of a split factor job, counted: control[TO_HELPER] is incremented by the caller once it has written
 * slot 0, control[TO_CALLER] by the helper once it has written slot 1 (or to acknowledge). The two alternate, so
 * neither side overwrites a slot the other has yet to read.
 */
export const TO_HELPER = 11;
export const TO_CALLER = 12;
const CONTROL_WORDS = 13;
/** The job's f64 parameters and results, after the control words (see TeamMemory.scalars). */
const SCALARS_BYTE = 56;
const SCALARS = 2;

export const GRAM_JOB = 0;
export const FACTOR_JOB = 1;
/** One Cholesky factorisation split by rows across the team (split-cholesky.ts, cholesky-rows.ts). */
export const SPLIT_FACTOR_JOB = 2;

export const EMPTY = 0;
export const ROWS = 1;
export const TILES = 2;

export const VARIANTS: readonly KernelVariant[] = ['fma', 'simd'];

/**
 * Doubles per slot (16 MiB, touched only as far as used): panels hold up to PANEL_DEPTH rows of up to this many
 * columns together, and a factor job's triangle an order up to 2047.
 */
export const SLOT_DOUBLES = 1 << 21;

export interface TeamMemory {
  readonly control: Int32Array;
  /** [0]: a Gram job's sign, or a factor job's shift; [1]: a factor's condition estimate. */
  readonly scalars: Float64Array;
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
    control: new SharedArrayBuffer(SCALARS_BYTE + 8 * SCALARS),
    slots: new SharedArrayBuffer(2 * SLOT_DOUBLES * 8),
  };
}

export function teamMemory(buffers: TeamBuffers): TeamMemory {
  return {
    control: new Int32Array(buffers.control, 0, CONTROL_WORDS),
    scalars: new Float64Array(buffers.control, SCALARS_BYTE, SCALARS),
    slots: new Float64Array(buffers.slots),
  };
}

/** Rows per panel of a split Gram sum: whole gram-kernel panels while a slot holds them. */
export const panelRows = (width: number) => Math.min(PANEL_DEPTH, Math.floor(SLOT_DOUBLES / width));

/** Whether a factor job's triangle (order n) fits a slot. */
export const factorFits = (n: number) => (n * (n + 1)) / 2 <= SLOT_DOUBLES;

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

/** Waits until the count control[index] reaches `count`; false if `patienceMs` passed without a change. */
export function awaitCount(
  control: Int32Array,
  index: number,
  count: number,
  patienceMs = Infinity,
): boolean {
  for (;;) {
    const now = Atomics.load(control, index);
    if (now >= count) return true;
    if (Atomics.wait(control, index, now, patienceMs) === 'timed-out') return false;
  }
}

/** Increments the count control[index] and wakes whoever waits on it. */
export function post(control: Int32Array, index: number): void {
  Atomics.add(control, index, 1);
  Atomics.notify(control, index);
}

/** Sets control[index] and wakes whoever waits on it. */
export function setWord(control: Int32Array, index: number, value: number): void {
  Atomics.store(control, index, value);
  Atomics.notify(control, index);
}
