/**
 * Radial tables for the engine pool: built once per set of hyper-parameters by the pool's workers, a range of knots
 * each (the knots are the tables' cost, about as much as computing 130 dimers' features), joined in the pool's thread
 * and given to each worker with its first part that needs them. A fresh request thus pays for its tables once, shared
 * out, instead of once on every worker.
 */
import type { FeatureProgress } from './feature-spec.ts';
import type { LodeHypers } from './hypers.ts';
import {
  joinRadialTables,
  radialTableKnotCount,
  type RadialTables,
  type RadialTableSlice,
} from './radial-tables.ts';

/** A range of knots [from, to) of the tables being built. */
export interface KnotRange {
  readonly from: number;
  readonly to: number;
}

/** One build: its slices, as workers deliver them, and the progress of them all. */
export class TableBuild {
  readonly ranges: readonly KnotRange[];
  readonly tables: Promise<RadialTables>;
  /** The tables, once joined. */
  result: RadialTables | null = null;
  private readonly slices: (RadialTableSlice | null)[];
  private readonly done: number[];
  private readonly totals: number[];
  private readonly listeners = new Set<(progress: FeatureProgress) => void>();
  private settle!: { resolve(tables: RadialTables): void; reject(error: unknown): void };
  private settled = false;

  /** A build of the tables for `hypers` in `pieces` ranges of knots (fewer when there are fewer knots). */
  constructor(
    readonly hypers: LodeHypers,
    pieces: number,
  ) {
    const knots = radialTableKnotCount(hypers);
    const count = Math.max(1, Math.min(pieces, knots));
    this.ranges = Array.from({ length: count }, (_, i) => ({
      from: Math.floor((i * knots) / count),
      to: Math.floor(((i + 1) * knots) / count),
    }));
    this.slices = this.ranges.map(() => null);
    this.done = this.ranges.map(() => 0);
    this.totals = this.ranges.map(() => 0);
    this.tables = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  /** Calls `listener` with the build's progress (stage 'tables') until it ends; returns the way to stop. */
  listen(listener: (progress: FeatureProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Progress of slice `index`, in its worker's units. */
  report(index: number, { done, total }: FeatureProgress): void {
    if (this.settled) return;
    this.done[index] = done;
    this.totals[index] = total;
    // Until every slice has reported its total, the total so far would shrink the fraction done: wait for them.
    if (this.totals.some((t) => t === 0)) return;
    const progress: FeatureProgress = {
      stage: 'tables',
      done: this.done.reduce((a, b) => a + b, 0),
      total: this.totals.reduce((a, b) => a + b, 0),
    };
    for (const listener of this.listeners) listener(progress);
  }

  /** Slice `index` is built; the last one joins the tables. */
  add(index: number, slice: RadialTableSlice): void {
    if (this.settled) return;
    this.slices[index] = slice;
    if (this.slices.some((s) => s === null)) return;
    this.settled = true;
    try {
      this.result = joinRadialTables(this.hypers, this.slices as RadialTableSlice[]);
      this.settle.resolve(this.result);
    } catch (error) {
      this.settle.reject(error);
    }
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.settle.reject(error);
  }
}
