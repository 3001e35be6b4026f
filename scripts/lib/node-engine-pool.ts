/** The CPU engine pool on Node worker threads, for the CLI and the benchmarks. */
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { EnginePool, type EnginePoolOptions, type PartWorker } from '../../src/lode/engine-pool.ts';
import { linkPartWorker } from '../../workers/part-worker-link.ts';

const ENTRY = new URL('./engine-pool-worker.mjs', import.meta.url);

function spawnWorker(entry: URL): PartWorker {
  const worker = new Worker(entry);
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
  return new EnginePool(threads, () => spawnWorker(entry), options);
}
