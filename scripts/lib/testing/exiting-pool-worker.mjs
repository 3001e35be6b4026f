/** A CPU engine pool worker that exits (as on a crash) when asked for nMax 1; see exiting-pool-worker.ts. */
import { register } from 'tsx/esm/api';

register();
await import('./exiting-pool-worker.ts');
