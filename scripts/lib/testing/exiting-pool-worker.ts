/** A CPU engine pool worker that exits with code 3 when asked for nMax 1, and computes anything else. */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { createPartEngine } from '../../../src/lode/part-engine.ts';
import { exposePartEngine } from '../../../workers/part-worker-link.ts';

const engine = createPartEngine();
exposePartEngine(nodeEndpoint(parentPort!), {
  ...engine,
  compute: (request, ...rest) =>
    request.hypers.nMax === 1 ? process.exit(3) : engine.compute(request, ...rest),
});
