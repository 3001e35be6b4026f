/**
 * Entry of a helper thread of the fits' Gram team (see node-gram-team.ts). A worker does not inherit the
 * TypeScript loader, so it registers it first.
 */
import { register } from 'tsx/esm/api';

register();
await import('./gram-team-worker.ts');
