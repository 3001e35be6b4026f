/**
 * The engine worker's CPU engine: on a machine with three cores or more, a pool of Web Workers running it, one per
 * core but the page's (navigator.hardwareConcurrency − 1); otherwise, or where a worker cannot start workers, the
 * engine in the engine worker itself (a pool of one would only add the copies between workers). Results are the
 * same bit for bit either way.
 */
import { EnginePool, type PartWorker } from '../src/lode/engine-pool.ts';
import { cpuEngine, type FeatureEngine } from '../src/lode/features.ts';
import { linkPartWorker } from './part-worker-link.ts';

function spawn(): PartWorker {
  const worker = new Worker(new URL('./cpu-part.worker.ts', import.meta.url), { type: 'module' });
  const stopped = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => resolve(event.message || 'it failed to start or crashed'));
    worker.addEventListener('messageerror', () => resolve('it sent a message that could not be read'));
  });
  return linkPartWorker(worker, stopped, () => worker.terminate());
}

export function cpuEngineForCores(cores = globalThis.navigator?.hardwareConcurrency ?? 1): FeatureEngine {
  const workers = cores - 1;
  return workers >= 2 && typeof Worker === 'function' ? new EnginePool(workers, spawn) : cpuEngine;
}
