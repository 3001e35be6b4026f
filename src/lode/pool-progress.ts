/**
 * The progress of a request computed in parts, reported as one engine reports it (see FeatureProgress): the tables
 * stage follows the build of the request's tables (shared out by the pool) until the first structure report; the
 * structures stage adds up the parts.
 */
import type { FeatureProgress, FeatureRequest } from './feature-spec.ts';
import type { RequestPart } from './request-parts.ts';

export class PoolProgress {
  /** Structures done per part, in units of the request's structures. */
  private readonly done: Float64Array;
  /** A part's share of its structures: its fraction of the centres of a structure split by centres, else 1. */
  private readonly weights: Float64Array;
  private readonly finished: boolean[];
  /** For each structure split by centres, the parts that hold its centres. */
  private readonly splits = new Map<number, number[]>();
  private tablesDone = -1;
  private structuresDone = -1;
  private wholeDone = 0;

  constructor(
    private readonly parts: readonly RequestPart[],
    private readonly total: number,
    private readonly request: Pick<FeatureRequest, 'onProgress' | 'onStageProgress'>,
  ) {
    this.done = new Float64Array(parts.length);
    this.finished = parts.map(() => false);
    parts.forEach((part, i) => {
      if (part.centres) this.splits.set(part.first, [...(this.splits.get(part.first) ?? []), i]);
    });
    this.weights = Float64Array.from(parts, (part) => {
      if (!part.centres) return 1;
      const pieces = this.splits.get(part.first)!;
      const centres = parts[pieces.at(-1)!].centres!.to;
      return (part.centres.to - part.centres.from) / centres;
    });
  }

  /** A report of part `index`'s engine, in the part's own units (its structures, or its one structure). */
  report(index: number, progress: FeatureProgress): void {
    if (progress.stage === 'tables') return this.tables(progress);
    this.done[index] = Math.min(progress.done, this.parts[index].count) * this.weights[index];
    this.update();
  }

  /** A report of the tables' build (or of an engine building its own). */
  tables(progress: FeatureProgress): void {
    if (this.structuresDone >= 0 || progress.done <= this.tablesDone) return;
    this.tablesDone = progress.done;
    this.request.onStageProgress?.(progress);
  }

  /** Part `index` is computed. */
  finish(index: number): void {
    this.finished[index] = true;
    this.done[index] = this.parts[index].count * this.weights[index];
    this.update();
  }

  /** Whole structures first (onProgress), then the fractional count (onStageProgress), as one engine reports. */
  private update(): void {
    let whole = 0;
    this.parts.forEach((part, i) => {
      if (!part.centres) whole += Math.floor(this.done[i]);
    });
    for (const pieces of this.splits.values()) if (pieces.every((i) => this.finished[i])) whole++;
    if (whole > this.wholeDone) {
      this.wholeDone = whole;
      this.request.onProgress?.(whole, this.total);
    }
    const sum = this.finished.every(Boolean) ? this.total : this.done.reduce((a, b) => a + b, 0);
    const done = Math.min(this.total, sum);
    if (done > this.structuresDone) {
      this.structuresDone = done;
      this.request.onStageProgress?.({ stage: 'structures', done, total: this.total });
    }
  }
}
