/** Entry of bench:cpu's cold pool workers (see engine-pool-cold-worker.ts); registers the TypeScript loader first. */
import { register } from 'tsx/esm/api';

register();
await import('./engine-pool-cold-worker.ts');
