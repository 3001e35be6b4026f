/** A worker thread of the CPU engine pool: serves part requests to its parent (see node-engine-pool.ts). */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { exposePartEngine } from '../../workers/part-worker-link.ts';

exposePartEngine(nodeEndpoint(parentPort!));
