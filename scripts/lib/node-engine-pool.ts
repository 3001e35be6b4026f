/** The CPU engine pool on Node worker threads, for the CLI and the benchmarks. */
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { EnginePool, type EnginePoolOptions, type PartWorker } from '../../src/lode/engine-pool.ts';
import { linkPartWorker } from '../../workers/part-worker-link.ts';

const ENTRY = new URL('./engine-pool-worker.mjs', import.meta.url);

/**
 * A worker allocates little on its JavaScript heap, so with the default young generation it collects garbage rarely
 * and keeps its views of earlier results' shared memory (so that memory) alive: every new result then lands in memory
 * new to the process, and its first writes cost page faults (31 MB of 130 dimers' features: ≈ 7900 faults, as long
 * as computing them). A small young generation has those views collected within a request or two, and the memory
 * reused. Measured on 2 cores, 130 dimers: 170 → 104 ms per request, page faults per request (median) 7881 → 140.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** One engine worker thread, running `entry` (default: the pool's workers' script). */
export function spawnNodePartWorker(entry: URL = ENTRY): PartWorker {
  const worker = new Worker(entry, { resourceLimits: WORKER_LIMITS });
  const stopped = new Promise<string>((resolve) => {
    worker.once('error', (error) => resolve(`it threw ${error.name}: ${error.message}`));
    worker.once('exit', (code) => resolve(`it exited with code ${code}`));
  });
  return linkPartWorker(nodeEndpoint(worker), stopped, () => void worker.terminate());
}

/**
 * A pool of `threads` workers, started when first needed; close() it when done (workers keep the process alive).
 * `entry` is the workers' script (tests pass one that fails); results are written into shared memory unless
 * `sharedMemory` is false.
 */
export function createNodeEnginePool(
  threads: number,
  { entry = ENTRY, ...options }: EnginePoolOptions & { readonly entry?: URL } = {},
): EnginePool {
  return new EnginePool(threads, () => spawnNodePartWorker(entry), options);
}
