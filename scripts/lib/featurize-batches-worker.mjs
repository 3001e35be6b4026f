/**
 * Entry of the worker thread that reads and parses the featurize CLI's input ahead of the engine (see
 * BatchReader in featurize-input.ts). A worker does not inherit the TypeScript loader, so it registers it first.
 */
import { register } from 'tsx/esm/api';

register();
await import('./featurize-batches-worker.ts');
