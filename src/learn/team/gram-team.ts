/**
 * The caller's side of a Gram team: helper threads (Web Workers, Node worker threads) that each sum the Gram
 * matrix of some panels of rows while the calling thread sums its own, factorise a matrix while the calling thread
 * factorises another, or take rows of one factorisation (split-cholesky.ts). The fits stay synchronous: the caller
 * hands work over through shared memory and waits with Atomics.wait, which a worker (and Node's main thread) may
 * do. Panel p goes to thread p mod (helpers + 1), the caller being thread 0 (but for its last turn), and the sums
 * are added in thread order, so a result depends on the team's size (summation order) but never on timing; a factor
 * is the same bits on any thread.
 *
 * Installed once per thread (installGramTeam); blas.ts uses it for every Gram sum worth splitting,
 * shifted-factors.ts for factorisations of one matrix with several shifts, and single large ones split by rows.
 */
import type { CholeskyResult } from '../linalg.ts';
import { packedRowStart } from '../linalg.ts';
import { CHOLESKY_BLOCK, packedSize, type KernelVariant } from '../wasm/kernels.ts';
import {
  awaitCount,
  awaitWord,
  EMPTY,
  FACTOR_JOB,
  factorFits,
  FAILED_AT,
  GRAM_JOB,
  JOB,
  KIND,
  panelRows,
  post,
  ROWS,
  setWord,
  SLOT_DOUBLES,
  SLOT_LENGTH,
  SLOT_STATE,
  SPLIT_FACTOR_JOB,
  teamMemory,
  THREAD,
  THREADS,
  tileCount,
  TILES,
  TO_CALLER,
  TO_HELPER,
  VARIANT,
  VARIANTS,
  WIDTH,
  type TeamBuffers,
  type TeamMemory,
} from './gram-job.ts';

/** A started helper thread, serving jobs in `buffers` (gram-helper.ts). */
export interface GramHelper {
  readonly buffers: TeamBuffers;
  terminate(): void;
}

/** A helper did not answer in time (it crashed, or its thread never started); the team is dismissed. */
export class GramTeamError extends Error {
  override readonly name = 'GramTeamError';
}

export interface GramCall {
  readonly variant: KernelVariant;
  readonly width: number;
  readonly count: number;
  readonly sign: number;
  /** Writes row r into z. */
  readonly fill: (r: number, z: Float64Array) => void;
  /** The caller's share: adds the Gram sum of rows r0 … r0 + depth − 1 to its own tiles. */
  readonly ownPanel: (r0: number, depth: number) => void;
  /**
   * Work for the caller while it waits for a helper, in slices (false when none is left), that changes no result:
   * touching the pages of the fresh matrix the sum will be written into.
   */
  readonly whileWaiting?: () => boolean;
}

/** Below this many multiply–adds (≈ 2–5 ms of one core) a split costs more in hand-overs than it saves. */
const MIN_SPLIT_WORK = 2e7;
/**
 * Smallest order whose factorisation is split by rows: below it the messages and waits of each block column cost
 * more than the second thread saves (here, 2 threads: order 1000 0.7×, 1500 0.9–1.4×, 2000 1.1–1.6×, 2500 1.6×).
 */
const MIN_SPLIT_ORDER = 1536;
/** How long the caller waits for a helper before giving up on the team: within the page's watchdog (15 s). */
const DEFAULT_PATIENCE_MS = 10_000;

export class GramTeam {
  private readonly memories: readonly TeamMemory[];
  /** Messages received from each helper in the split factorisation under way. */
  private received: number[] = [];

  constructor(
    private readonly helpers: readonly GramHelper[],
    private readonly patienceMs = DEFAULT_PATIENCE_MS,
    /** Smaller orders are factored on one thread (tests split smaller ones). */
    private readonly minSplitOrder = MIN_SPLIT_ORDER,
  ) {
    this.memories = helpers.map((helper) => teamMemory(helper.buffers));
  }

  /** Threads summing a split Gram matrix: the helpers and the caller. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  worthSplitting(width: number, count: number): boolean {
    return panelRows(width) > 0 && count > panelRows(width) && (count * width * width) / 2 >= MIN_SPLIT_WORK;
  }

  /** Whether handing over a factorisation of order n is worth its copies, and the slots hold it. */
  worthFactoring(n: number): boolean {
    return factorFits(n) && n ** 3 / 6 >= MIN_SPLIT_WORK;
  }

  /**
   * Hands helper h the Cholesky factorisation of A + shift·I (worthFactoring(n)), A given by the first i + 1
   * entries of each row i. The helper must be free: no factor of its own under way or unreleased.
   */
  startFactor(
    h: number,
    variant: KernelVariant,
    n: number,
    shift: number,
    lowerRow: (i: number) => Float64Array,
  ): void {
    const { control, scalars, slots } = this.memories[h];
    this.await(control, SLOT_STATE, EMPTY);
    this.await(control, SLOT_STATE + 1, EMPTY);
    for (let i = 0; i < n; i++) slots.set(lowerRow(i).subarray(0, i + 1), packedRowStart(i));
    control[KIND] = FACTOR_JOB;
    control[WIDTH] = n;
    control[VARIANT] = VARIANTS.indexOf(variant);
    scalars[0] = shift;
    control[SLOT_STATE] = ROWS;
    setWord(control, JOB, control[JOB] + 1);
  }

  /**
   * Waits for helper h's factorisation: its outcome and its factor L, packed by rows (packedRowStart), valid until
   * releaseFactor(h).
   */
  finishFactor(h: number, n: number): { readonly result: CholeskyResult; readonly l: Float64Array } {
    const { control, scalars, slots } = this.memories[h];
    this.await(control, SLOT_STATE + 1, TILES);
    const failedAt = control[FAILED_AT];
    return {
      result: { ok: failedAt < 0, failedAt, conditionEstimate: scalars[1] },
      l: slots.subarray(SLOT_DOUBLES, SLOT_DOUBLES + packedRowStart(n)),
    };
  }

  /** Helper h is free again (its factor's memory will be overwritten). */
  releaseFactor(h: number): void {
    setWord(this.memories[h].control, SLOT_STATE + 1, EMPTY);
  }

  /** Whether one factorisation of order n is worth splitting by rows across the team, and its messages fit a slot. */
  worthSplittingFactor(n: number): boolean {
    return n >= this.minSplitOrder && packedSize(n, CHOLESKY_BLOCK) <= SLOT_DOUBLES;
  }

  /** Starts a split factorisation of order n on every helper (split-cholesky.ts); the helpers must be free. */
  startSplitFactor(variant: KernelVariant, n: number): void {
    this.memories.forEach(({ control }, h) => {
      control[KIND] = SPLIT_FACTOR_JOB;
      control[WIDTH] = n;
      control[VARIANT] = VARIANTS.indexOf(variant);
      control[THREADS] = this.threads;
      control[THREAD] = h + 1;
      control[FAILED_AT] = -1;
      control[TO_HELPER] = 0;
      control[TO_CALLER] = 0;
      setWord(control, JOB, control[JOB] + 1);
    });
    this.received = this.memories.map(() => 0);
  }

  /** A split factorisation's message to helper h: `write` fills slot 0 (free: the helper answered the last one). */
  send(h: number, write: (slot: Float64Array, control: Int32Array) => void): void {
    const { control, slots } = this.memories[h];
    write(slots.subarray(0, SLOT_DOUBLES), control);
    post(control, TO_HELPER);
  }

  /** Waits for helper h's next message of a split factorisation and reads it from slot 1. */
  receive(h: number, read: (slot: Float64Array) => void): void {
    const { control, slots } = this.memories[h];
    const count = ++this.received[h];
    if (!awaitCount(control, TO_CALLER, count, this.patienceMs)) this.dismiss();
    read(slots.subarray(SLOT_DOUBLES));
  }

  /** Runs the call's panels across the team; addTiles receives each helper's tiled sum in pieces, in helper order. */
  accumulate(call: GramCall, addTiles: (from: number, piece: Float64Array) => void): void {
    const { width, count, fill } = call;
    const depth = panelRows(width);
    const nextSlot = this.memories.map(() => 0);
    for (const { control, scalars } of this.memories) {
      control[KIND] = GRAM_JOB;
      control[WIDTH] = width;
      control[VARIANT] = VARIANTS.indexOf(call.variant);
      scalars[0] = call.sign;
      setWord(control, JOB, control[JOB] + 1);
    }
    const handOver = (h: number, r0: number, rows: number) => {
      const { control, slots } = this.memories[h];
      const slot = nextSlot[h];
      nextSlot[h] ^= 1;
      this.await(control, SLOT_STATE + slot, EMPTY, call.whileWaiting);
      const at = slot * SLOT_DOUBLES;
      for (let t = 0; t < rows; t++) fill(r0 + t, slots.subarray(at + t * width, at + (t + 1) * width));
      control[SLOT_LENGTH + slot] = rows;
      setWord(control, SLOT_STATE + slot, ROWS);
    };
    // The caller also fills the helpers' panels, adds their sums and writes the result: its last turn goes to a
    // helper, and it touches the result's pages meanwhile (whileWaiting).
    const panels = Math.ceil(count / depth);
    const lastTurn = panels - 1 - ((panels - 1) % this.threads);
    // At the last turn (p a multiple of the team's size) the caller's panel goes to the helpers in rotation.
    const threadOf = (p: number) =>
      p === lastTurn && p > 0 ? 1 + ((p / this.threads) % (this.threads - 1)) : p % this.threads;
    const rowsOf = (p: number) => Math.min(depth, count - p * depth);
    // Turn by turn (a panel for each thread), the helpers' panels are handed over before the caller sums its own:
    // no helper waits for its first rows while the caller sums, and each still gets its panels in order (same bits).
    for (let first = 0; first < panels; first += this.threads) {
      for (let p = first; p < Math.min(panels, first + this.threads); p++) {
        if (threadOf(p) > 0) handOver(threadOf(p) - 1, p * depth, rowsOf(p));
      }
      if (threadOf(first) === 0) call.ownPanel(first * depth, rowsOf(first));
    }
    this.memories.forEach((_, h) => handOver(h, 0, 0));
    const size = tileCount(width);
    this.memories.forEach(({ control, slots }, h) => {
      // The pieces come back from the slot that carried the end of the panels on.
      let slot = nextSlot[h] ^ 1;
      for (let from = 0; from < size; from += SLOT_DOUBLES, slot ^= 1) {
        this.await(control, SLOT_STATE + slot, TILES, call.whileWaiting);
        addTiles(
          from,
          slots.subarray(slot * SLOT_DOUBLES, slot * SLOT_DOUBLES + control[SLOT_LENGTH + slot]),
        );
        setWord(control, SLOT_STATE + slot, EMPTY);
      }
    });
  }

  terminate(): void {
    for (const helper of this.helpers) helper.terminate();
  }

  /**
   * Waits until control[index] is `value`, doing slices of `meanwhile` first; a helper silent for patienceMs
   * (once `meanwhile` has no more to do) dismisses the team.
   */
  private await(control: Int32Array, index: number, value: number, meanwhile?: () => boolean): void {
    while (meanwhile && Atomics.load(control, index) !== value) if (!meanwhile()) break;
    if (!awaitWord(control, index, value, this.patienceMs)) this.dismiss();
  }

  private dismiss(): never {
    if (installed === this) installed = null;
    this.terminate();
    throw new GramTeamError(
      `a helper thread of the fits did not answer within ${this.patienceMs / 1000} s; ` +
        'the fits go on with one thread',
    );
  }
}

let installed: GramTeam | null = null;

/** The calling thread's Gram sums use `team` from now on (null: one thread). The caller owns the team's threads. */
export function installGramTeam(team: GramTeam | null): void {
  installed = team;
}

export const installedGramTeam = (): GramTeam | null => installed;
