/**
 * The Chromium side of e2e/engine-pool.spec.ts: the engine worker's CPU engine as it is on a 3-core machine, a pool
 * of two Web Workers (cpuEngineForCores), computing the shared request, the same on one engine in the page, and one request cancelled part-way.
 */
import { EnginePool } from '../../src/lode/engine-pool.ts';
import { cpuEngine, type FeatureResult } from '../../src/lode/features.ts';
import { cpuEngineForCores } from '../../workers/cpu-engine-pool.ts';
import { poolRequest } from './pool-request.ts';

interface Features {
  readonly invariants: number[];
  readonly vectors: number[];
}

interface PoolFeatures {
  readonly workers: number;
  readonly pool: Features;
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
    return {
      workers: pool.size,
      pool: asArrays(await pool.compute(poolRequest())),
      single: asArrays(await cpuEngine.compute(poolRequest())),
      cancelled,
      busyAfterCancel,
    };
  } finally {
    pool.close();
  }
};

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
