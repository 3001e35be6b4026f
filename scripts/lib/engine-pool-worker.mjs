/**
 * Entry of a worker thread of the CPU engine pool (see node-engine-pool.ts). A worker does not inherit the
 * TypeScript loader, so it registers it first.
 */
import { register } from 'tsx/esm/api';

register();
await import('./engine-pool-worker.ts');
