/**
 * The CPU engine on several threads: a request is validated and planned here, split into parts (request-parts.ts)
 * that a pool of engine workers computes, and its result joined in order (written in place by the workers where
 * memory can be shared), bit for bit what one engine computes.
 * Workers are started when first needed and kept, with their radial tables, for later requests. Where they run
 * (Node worker threads, Web Workers) is the caller's choice: the pool sees them through PartWorker.
 */
import type { FeatureEngine, FeatureProgress, FeatureRequest, FeatureResult } from './feature-spec.ts';
import { planFeatures, type FeaturePlan } from './feature-plan.ts';
import { PoolProgress } from './pool-progress.ts';
import {
  PartJoin,
  partRequest,
  splitRequest,
  type PartMemory,
  type PartOutput,
  type PartRequest,
  type RequestPart,
} from './request-parts.ts';
import { SpareBuffers } from './spare-buffers.ts';

/** An engine in a worker thread, computing one part at a time. */
export interface PartWorker {
  /**
   * Computes a request (see part-engine.ts) into `memory`, reporting its progress; rejects with an AbortError once
   * cancelled, with the engine's error when it throws, and with an Error saying why when the worker itself stops.
   * Spare buffers in `memory` are given to the worker (transferred); shared memory is shared.
   */
  compute(
    request: PartRequest,
    onProgress: (progress: FeatureProgress) => void,
    memory: PartMemory,
  ): Promise<PartOutput>;
  /** Asks the request under way, if any, to stop. */
  cancel(): void;
  terminate(): void;
}

/** A worker failed on a part of a request: the request fails with this, and the worker is replaced. */
export class EngineWorkerError extends Error {
  override name = 'EngineWorkerError';
}

/** Parts per worker: enough that a worker finishing early finds more to do, few enough that parts stay large. */
const PARTS_PER_WORKER = 4;
/** Joined outputs' buffers sent with a part: its invariants and vectors. */
const SPARES_PER_PART = 2;

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * Whether this thread can share memory with its workers: always in Node, in a browser only on a cross-origin
 * isolated page (elsewhere SharedArrayBuffer is missing or cannot be sent).
 */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false;
}

export interface EnginePoolOptions {
  /**
   * Workers write their rows straight into the result's shared memory (default: where this thread can share memory);
   * otherwise they send them back, to be copied into the result.
   */
  readonly sharedMemory?: boolean;
}

interface Job {
  readonly parts: readonly RequestPart[];
  readonly join: PartJoin;
  readonly progress: PoolProgress;
  remaining: number;
  settled: boolean;
  resolve(result: FeatureResult): void;
  reject(error: unknown): void;
}

interface Task {
  readonly job: Job;
  readonly index: number;
  readonly request: PartRequest;
}

interface Slot {
  worker: PartWorker | null;
  task: Task | null;
}

export class EnginePool implements FeatureEngine {
  readonly backend = 'cpu';
  private readonly slots: Slot[];
  private queue: Task[] = [];
  /** Buffers of joined outputs, kept only until the next part is handed out. */
  private readonly spares = new SpareBuffers(SPARES_PER_PART);
  private closed = false;

  /** Whether results are written by the workers into shared memory (see EnginePoolOptions). */
  readonly sharesMemory: boolean;

  /** Up to `size` workers, each started by `spawn` when first needed (and again after one fails). */
  constructor(
    size: number,
    private readonly spawn: () => PartWorker,
    { sharedMemory = canShareMemory() }: EnginePoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`pool size: expected a whole number ≥ 1, got ${size}`);
    this.slots = Array.from({ length: size }, () => ({ worker: null, task: null }));
    this.sharesMemory = sharedMemory;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers with a part under way, including parts of requests that were cancelled and are still stopping. */
  get busy(): number {
    return this.slots.filter((slot) => slot.task !== null).length;
  }

  /**
   * Rejects as one engine would on bad input (before any work is sent), with the signal's reason when cancelled,
   * and with an EngineWorkerError when a worker fails.
   */
  async compute(request: FeatureRequest): Promise<FeatureResult> {
    request.signal?.throwIfAborted();
    if (this.closed) throw new Error('the engine pool is closed');
    const plan = planFeatures(request);
    const parts = splitRequest(plan, this.slots.length * PARTS_PER_WORKER);
    return parts.length > 0 ? this.schedule(request, plan, parts) : new PartJoin(plan, parts, false).result();
  }

  /** Queues the parts of a request; resolves with their joined result. */
  private schedule(
    request: FeatureRequest,
    plan: FeaturePlan,
    parts: readonly RequestPart[],
  ): Promise<FeatureResult> {
    return new Promise((resolve, reject) => {
      const { signal } = request;
      const onAbort = () => this.fail(job, signal!.reason);
      const job: Job = {
        parts,
        join: new PartJoin(plan, parts, this.sharesMemory),
        progress: new PoolProgress(parts, request.structures.length, request),
        remaining: parts.length,
        settled: false,
        resolve(result) {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
        reject(error) {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(
        ...parts.map((part, index) => ({ job, index, request: partRequest(request, plan, part) })),
      );
      this.pump();
    });
  }

  /** Stops every worker; requests under way reject. */
  close(): void {
    this.closed = true;
    const error = new Error('the engine pool was closed');
    for (const task of this.queue) this.fail(task.job, error);
    for (const slot of this.slots) {
      if (slot.task) this.fail(slot.task.job, error);
      slot.worker?.terminate();
      slot.worker = null;
      slot.task = null;
    }
    this.spares.take(Infinity);
  }

  /** Hands queued parts to idle workers. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task) continue;
      const task = this.queue.shift()!;
      slot.worker ??= this.spawn();
      slot.task = task;
      this.run(slot, slot.worker, task);
    }
  }

  private run(slot: Slot, worker: PartWorker, task: Task): void {
    const { job, index } = task;
    const place = job.join.placeOf(index);
    const memory: PartMemory = place ? { into: place } : { spares: this.spares.take(SPARES_PER_PART) };
    worker
      .compute(task.request, (progress) => job.progress.report(index, progress), memory)
      .then((output) => {
        if (!job.settled) job.join.add(index, output);
        return output;
      })
      .then(
        (output) => {
          if (slot.task === task) slot.task = null;
          // Its memory goes to the next part handed out, if any: the pool holds none between requests.
          if (this.queue.length > 0 && 'invariants' in output)
            this.spares.add([output.invariants.buffer, output.vectors.buffer]);
          if (!job.settled) {
            job.progress.finish(index);
            if (--job.remaining === 0) {
              job.settled = true;
              job.resolve(job.join.result());
            }
          }
          this.pump();
        },
        (error: unknown) => {
          if (slot.task === task) slot.task = null;
          // A part stopped on request leaves its worker ready; anything else may have left it broken.
          if (!(job.settled && isAbort(error))) {
            worker.terminate();
            if (slot.worker === worker) slot.worker = null;
          }
          const part = job.parts[index];
          const structures =
            part.count === 1
              ? `structure ${part.first}`
              : `structures ${part.first}–${part.first + part.count - 1}`;
          const message = error instanceof Error ? error.message : String(error);
          this.fail(
            job,
            new EngineWorkerError(`an engine worker failed on ${structures}: ${message}`, { cause: error }),
          );
          this.pump();
        },
      );
  }

  /** Ends a job with `error` (the first one only): its queued parts are dropped, and those under way cancelled. */
  private fail(job: Job, error: unknown): void {
    if (job.settled) return;
    job.settled = true;
    this.queue = this.queue.filter((task) => task.job !== job);
    for (const slot of this.slots) if (slot.task?.job === job) slot.worker?.cancel();
    job.reject(error);
  }
}
