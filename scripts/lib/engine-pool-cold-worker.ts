/**
 * A worker thread of the CPU engine pool that starts every request with no radial tables: bench:cpu's cold rows,
 * where each run pays for its tables on every thread, as a fresh start would. A request reaches a worker as several
 * parts back to back, so the worker forgets its tables when a part comes after a pause (the benchmark runs other
 * setups between two runs of this one), not before every part.
 */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { createPartEngine } from '../../src/lode/part-engine.ts';
import { clearRadialTableCache } from '../../src/lode/radial-tables.ts';
import { exposePartEngine } from '../../workers/part-worker-link.ts';

/** Longer than the gap between two parts of one request (a message each way), far shorter than a run. */
const PAUSE_MS = 10;

const engine = createPartEngine();
let lastDone = -Infinity;
exposePartEngine(nodeEndpoint(parentPort!), {
  async compute(request, onProgress, memory) {
    if (performance.now() - lastDone > PAUSE_MS) clearRadialTableCache();
    try {
      return await engine.compute(request, onProgress, memory);
    } finally {
      lastDone = performance.now();
    }
  },
  cancel: () => engine.cancel(),
});
