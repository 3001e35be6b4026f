/**
 * The CPU engine as a pool worker runs it (see engine-pool.ts): one request at a time, cancelled by a message, its
 * progress sent at a bounded rate, and only its arrays and timings computed (the pool has the labels and rows), the
 * arrays in their place in the pool's result when it is shared.
 */
import type { FeatureProgress } from './feature-spec.ts';
import { computeFeatureArraysInSlices, type OutputAllocator } from './features.ts';
import type { FeatureArrays } from './feature-plan.ts';
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

/** The views of `into` as the engine's output memory, checked against the lengths the engine needs. */
function placed(into: PartRows): OutputAllocator {
  return (length, array) => {
    const view = into[array];
    if (view.length !== length) {
      throw new RangeError(
        `the part's ${array} need ${length} values, their place in the result has ${view.length}`,
      );
    }
    return view;
  };
}

export interface PartEngine {
  /**
   * Rejects with an AbortError when cancelled. `memory`: the place of the rows in the result (the output's arrays are
   * then views of it), or memory of earlier outputs, which this and later requests reuse.
   */
  compute(
    request: PartRequest,
    onProgress?: (progress: FeatureProgress) => void,
    memory?: PartMemory,
  ): Promise<FeatureArrays>;
  /** Cancels the request under way, if any. */
  cancel(): void;
}

export function createPartEngine(): PartEngine {
  let running: AbortController | null = null;
  const kept = new SpareBuffers(SPARES_KEPT);
  return {
    async compute(request, onProgress, memory = { spares: [] }) {
      running?.abort();
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
    cancel() {
      running?.abort();
    },
  };
}
