/** A Web Worker of the CPU engine pool (see cpu-engine-pool.ts): serves part requests to the engine worker. */
import { exposePartEngine } from './part-worker-link.ts';

exposePartEngine();
