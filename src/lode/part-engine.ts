/**
 * The CPU engine as a pool worker runs it (see engine-pool.ts): one request at a time, cancelled by a message, its
 * progress sent at a bounded rate, and only its arrays and timings computed (the pool has the labels and rows), the
 * arrays in their place in the pool's result when it is shared.
 */
import type { FeatureProgress } from './feature-spec.ts';
import { computeFeatureArraysInSlices, type OutputAllocator } from './features.ts';
import type { FeatureArrays } from './feature-plan.ts';
import type { LodeHypers } from './hypers.ts';
import type { KnotRange } from './pool-tables.ts';
import {
  buildRadialTableSlice,
  installRadialTables,
  type RadialTables,
  type RadialTableSlice,
} from './radial-tables.ts';
import type { PartMemory, PartRequest, PartRows } from './request-parts.ts';
import { SpareBuffers } from './spare-buffers.ts';

/** A worker serves no page: it looks for a cancel message this often (a task of its own each time). */
const SLICE_MS = 50;
/** Buffers kept from those the pool hands back: a part's invariants and vectors. */
const SPARES_KEPT = 2;
/** Progress reports at most this often (each is a message), besides the end of each stage. */
const REPORT_EVERY_MS = 20;

function throttled(report: (progress: FeatureProgress) => void): (progress: FeatureProgress) => void {
  let last: FeatureProgress | null = null;
  let lastAt = 0;
  return (progress) => {
    const now = performance.now();
    const due = now - lastAt >= REPORT_EVERY_MS || progress.done === progress.total;
    if (!due && last?.stage === progress.stage) return;
    last = progress;
    lastAt = now;
    report(progress);
  };
}

/**
 * The views of `into` as the engine's output memory, checked against the lengths the engine needs. They hold zeros
 * already; they are written once more so that each of their pages, new to the process, is first touched by a write
 * (see writtenZeros), here in the part's own thread.
 */
function placed(into: PartRows): OutputAllocator {
  return (length, array) => {
    const view = into[array];
    if (view.length !== length) {
      throw new RangeError(
        `the part's ${array} need ${length} values, their place in the result has ${view.length}`,
      );
    }
    return view.fill(0);
  };
}

export interface PartEngine {
  /**
   * Rejects with an AbortError when cancelled. `memory`: the place of the rows in the result (the output's arrays are
   * then views of it), or memory of earlier outputs, which this and later requests reuse. `tables`: the request's
   * radial tables, kept for later requests too (built elsewhere: otherwise the engine builds its own).
   */
  compute(
    request: PartRequest,
    onProgress?: (progress: FeatureProgress) => void,
    memory?: PartMemory,
    tables?: RadialTables,
  ): Promise<FeatureArrays>;
  /** Knots `range` of the radial tables for `hypers`, for a pool that joins them (pool-tables.ts). */
  buildTables(
    hypers: LodeHypers,
    range: KnotRange,
    onProgress?: (progress: FeatureProgress) => void,
  ): RadialTableSlice;
  /** Cancels the request under way, if any. */
  cancel(): void;
}

export function createPartEngine(): PartEngine {
  let running: AbortController | null = null;
  const kept = new SpareBuffers(SPARES_KEPT);
  return {
    async compute(request, onProgress, memory = { spares: [] }, tables) {
      running?.abort();
      if (tables) installRadialTables(request.hypers, tables);
      if ('spares' in memory) kept.add(memory.spares);
      const controller = new AbortController();
      running = controller;
      try {
        const onStageProgress = onProgress && throttled(onProgress);
        return await computeFeatureArraysInSlices(
          { ...request, onStageProgress, signal: controller.signal },
          SLICE_MS,
          'into' in memory ? placed(memory.into) : (length) => kept.zeros(length),
        );
      } finally {
        if (running === controller) running = null;
      }
    },
    buildTables(hypers, { from, to }, onProgress) {
      const report = onProgress && throttled(onProgress);
      return buildRadialTableSlice(
        hypers,
        from,
        to,
        report && ((done, total) => report({ stage: 'tables', done, total })),
      );
    },
    cancel() {
      running?.abort();
    },
  };
}
