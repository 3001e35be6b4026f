/**
 * The Chromium side of e2e/engine-pool.spec.ts: the engine worker's CPU engine as it is on a 3-core machine, a pool
 * of two Web Workers (cpuEngineForCores), computing the shared request, the same on one engine in the page, one
 * request cancelled part-way, and the pool's result sent to the page from a worker as the engine worker sends it.
 */
import * as Comlink from 'comlink';
import { EnginePool } from '../../src/lode/engine-pool.ts';
import { cpuEngine, type FeatureResult } from '../../src/lode/features.ts';
import { cpuEngineForCores } from '../../workers/cpu-engine-pool.ts';
import type { PoolReplyApi } from './engine-pool-reply.worker.ts';
import { poolRequest } from './pool-request.ts';

interface Features {
  readonly invariants: number[];
  readonly vectors: number[];
}

interface PoolFeatures {
  readonly crossOriginIsolated: boolean;
  readonly workers: number;
  readonly pool: Features;
  /** Whether the pool's result is in shared memory (its workers wrote their rows in place). */
  readonly poolShared: boolean;
  /** The pool's result computed in a worker and sent to the page; whether it was shared there and is here. */
  readonly sent: Features & { readonly sharedThere: boolean; readonly sharedHere: boolean };
  /** The same request on one engine in the page. */
  readonly single: Features;
  /** The error of a request cancelled at its first progress report, and how many workers were busy after it. */
  readonly cancelled: string;
  readonly busyAfterCancel: number;
}

declare global {
  interface Window {
    poolFeatures(): Promise<PoolFeatures>;
  }
}

window.poolFeatures = async () => {
  const pool = cpuEngineForCores(3);
  if (!(pool instanceof EnginePool)) throw new Error('expected a pool for three cores');
  try {
    const controller = new AbortController();
    const cancelled = await pool
      .compute({ ...poolRequest(), signal: controller.signal, onProgress: () => controller.abort() })
      .then(
        () => 'not cancelled',
        (error: Error) => error.name,
      );
    const busyAfterCancel = await waitUntilIdle(pool);
    const result = await pool.compute(poolRequest());
    return {
      crossOriginIsolated,
      workers: pool.size,
      pool: asArrays(result),
      poolShared: result.invariants.buffer instanceof SharedArrayBuffer,
      sent: await sentFromWorker(),
      single: asArrays(await cpuEngine.compute(poolRequest())),
      cancelled,
      busyAfterCancel,
    };
  } finally {
    pool.close();
  }
};

async function sentFromWorker(): Promise<PoolFeatures['sent']> {
  const worker = new Worker(new URL('./engine-pool-reply.worker.ts', import.meta.url), { type: 'module' });
  try {
    const { result, sharedHere } = await Comlink.wrap<PoolReplyApi>(worker).featurize();
    return {
      ...asArrays(result),
      sharedThere: sharedHere,
      sharedHere: result.invariants.buffer instanceof SharedArrayBuffer,
    };
  } finally {
    worker.terminate();
  }
}

const asArrays = (result: FeatureResult): Features => ({
  invariants: Array.from(result.invariants),
  vectors: Array.from(result.vectors),
});

/** The workers still busy after up to 10 s (the parts of a cancelled request stop between structures). */
async function waitUntilIdle(pool: EnginePool): Promise<number> {
  for (let waited = 0; pool.busy > 0 && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return pool.busy;
}
