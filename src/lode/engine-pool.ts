/**
 * The CPU engine on several threads: a request is validated and planned here, split into parts (request-parts.ts)
 * that a pool of engine workers computes, and its result joined in order (written in place by the workers where
 * memory can be shared), bit for bit what one engine computes.
 * Workers are started when first needed and kept, with their radial tables, for later requests; tables the pool has
 * not got yet are built first, shared out among the workers (pool-tables.ts). Where the workers run (Node worker
 * threads, Web Workers) is the caller's choice: the pool sees them through PartWorker.
 */
import type { FeatureEngine, FeatureProgress, FeatureRequest, FeatureResult } from './feature-spec.ts';
import { planFeatures, type FeaturePlan } from './feature-plan.ts';
import type { LodeHypers } from './hypers.ts';
import { PoolProgress } from './pool-progress.ts';
import { TableBuild, type KnotRange } from './pool-tables.ts';
import { radialTableKey, type RadialTables, type RadialTableSlice } from './radial-tables.ts';
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
   * Spare buffers in `memory` are given to the worker (transferred); shared memory is shared. `tables`, when given,
   * are the request's radial tables, for the worker to keep (it has not got them).
   */
  compute(
    request: PartRequest,
    onProgress: (progress: FeatureProgress) => void,
    memory: PartMemory,
    tables?: RadialTables,
  ): Promise<PartOutput>;
  /** Builds knots `range` of the radial tables for `hypers` (stage 'tables' progress); rejects as compute does. */
  buildTables(
    hypers: LodeHypers,
    range: KnotRange,
    onProgress: (progress: FeatureProgress) => void,
  ): Promise<RadialTableSlice>;
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
/** Sets of radial tables the pool keeps (the most recently used): a lesson's sliders make a new set per move. */
const TABLES_KEPT = 8;
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
  /** The request's radial tables, once built. */
  tables: RadialTables | null;
  readonly tableKey: string;
  readonly join: PartJoin;
  readonly progress: PoolProgress;
  remaining: number;
  settled: boolean;
  resolve(result: FeatureResult): void;
  reject(error: unknown): void;
}

interface PartTask {
  readonly job: Job;
  readonly index: number;
  readonly request: PartRequest;
}

/** Slice `index` of a table build. */
interface SliceTask {
  readonly build: TableBuild;
  readonly index: number;
}

type Task = PartTask | SliceTask;

const isPart = (task: Task): task is PartTask => 'job' in task;

interface Slot {
  worker: PartWorker | null;
  task: Task | null;
  /** Keys (radialTableKey) of the tables its worker has. */
  readonly tables: Set<string>;
}

export class EnginePool implements FeatureEngine {
  readonly backend = 'cpu';
  private readonly slots: Slot[];
  private queue: Task[] = [];
  /** Buffers of joined outputs, kept only until the next part is handed out. */
  private readonly spares = new SpareBuffers(SPARES_PER_PART);
  /** Radial tables by key: being built, or built (kept for later requests until forgetTables). */
  private readonly tableBuilds = new Map<string, TableBuild>();
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
    this.slots = Array.from({ length: size }, () => ({
      worker: null,
      task: null,
      tables: new Set<string>(),
    }));
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
    const parts = splitRequest(plan, request.structures, this.slots.length * PARTS_PER_WORKER);
    return parts.length > 0 ? this.schedule(request, plan, parts) : new PartJoin(plan, parts, false).result();
  }

  /**
   * Drops the radial tables the pool holds and has given its workers: the next request builds them again, as after
   * a fresh start (the workers keep theirs until given new ones). For memory, and for benchmarks of cold requests.
   */
  forgetTables(): void {
    this.tableBuilds.clear();
    for (const slot of this.slots) slot.tables.clear();
  }

  /** Queues the parts of a request, after its tables if they are still to be built; resolves with their joined result. */
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
        tables: null,
        tableKey: radialTableKey(plan.hypers),
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
      const queueParts = (tables: RadialTables) => {
        job.tables = tables;
        this.queue.push(
          ...parts.map((part, index) => ({ job, index, request: partRequest(request, plan, part) })),
        );
        this.pump();
      };
      const build = this.tablesFor(plan.hypers, job.tableKey);
      if (build.result) return queueParts(build.result);
      const started = performance.now();
      const stopListening = build.listen((progress) => {
        if (!job.settled) job.progress.tables(progress);
      });
      build.tables.then(
        (tables) => {
          stopListening();
          if (job.settled) return;
          job.join.tablesTook(performance.now() - started);
          queueParts(tables);
        },
        (error: unknown) => {
          stopListening();
          this.fail(job, error);
        },
      );
      this.pump();
    });
  }

  /** The build of the tables with `key`, started (its slices queued) if the pool has none. */
  private tablesFor(hypers: LodeHypers, key: string): TableBuild {
    const known = this.tableBuilds.get(key);
    if (known) {
      // Most recently used last.
      this.tableBuilds.delete(key);
      this.tableBuilds.set(key, known);
      return known;
    }
    const build = new TableBuild(hypers, this.slots.length);
    this.tableBuilds.set(key, build);
    if (this.tableBuilds.size > TABLES_KEPT) {
      const [oldest] = this.tableBuilds.keys();
      this.tableBuilds.delete(oldest);
      for (const slot of this.slots) slot.tables.delete(oldest);
    }
    build.tables.catch(() => {
      if (this.tableBuilds.get(key) === build) this.tableBuilds.delete(key);
      this.queue = this.queue.filter((task) => isPart(task) || task.build !== build);
    });
    this.queue.push(...build.ranges.map((_, index) => ({ build, index })));
    return build;
  }

  /** Stops every worker; requests under way reject. */
  close(): void {
    this.closed = true;
    const error = new Error('the engine pool was closed');
    for (const task of [...this.queue, ...this.slots.map((slot) => slot.task)]) {
      if (task) this.failTask(task, error);
    }
    for (const slot of this.slots) {
      slot.worker?.terminate();
      this.dismiss(slot, slot.worker);
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
      if (isPart(task)) this.run(slot, slot.worker, task);
      else this.build(slot, slot.worker, task);
    }
  }

  /** Forgets `slot`'s worker (and the tables it had) if it is still `worker`. */
  private dismiss(slot: Slot, worker: PartWorker | null): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.tables.clear();
  }

  private build(slot: Slot, worker: PartWorker, task: SliceTask): void {
    const { build, index } = task;
    worker
      .buildTables(build.hypers, build.ranges[index], (progress) => build.report(index, progress))
      .then(
        (slice) => {
          if (slot.task === task) slot.task = null;
          build.add(index, slice);
          this.pump();
        },
        (error: unknown) => {
          if (slot.task === task) slot.task = null;
          worker.terminate();
          this.dismiss(slot, worker);
          const message = error instanceof Error ? error.message : String(error);
          build.fail(
            new EngineWorkerError(`an engine worker failed building radial tables: ${message}`, {
              cause: error,
            }),
          );
          this.pump();
        },
      );
  }

  private run(slot: Slot, worker: PartWorker, task: PartTask): void {
    const { job, index } = task;
    const place = job.join.placeOf(index);
    const memory: PartMemory = place ? { into: place } : { spares: this.spares.take(SPARES_PER_PART) };
    const tables = slot.tables.has(job.tableKey) ? undefined : job.tables!;
    slot.tables.add(job.tableKey);
    worker
      .compute(task.request, (progress) => job.progress.report(index, progress), memory, tables)
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
            this.dismiss(slot, worker);
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

  private failTask(task: Task, error: unknown): void {
    if (isPart(task)) this.fail(task.job, error);
    else task.build.fail(error);
  }

  /** Ends a job with `error` (the first one only): its queued parts are dropped, and those under way cancelled. */
  private fail(job: Job, error: unknown): void {
    if (job.settled) return;
    job.settled = true;
    this.queue = this.queue.filter((task) => !isPart(task) || task.job !== job);
    for (const slot of this.slots) {
      if (slot.task && isPart(slot.task) && slot.task.job === job) slot.worker?.cancel();
    }
    job.reject(error);
  }
}
