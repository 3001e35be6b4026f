/**
 * What the UI may know about the engine worker: types only, so that importing this file never pulls the GPU
 * engine, the CPU engine or comlink's exposed API object into the UI bundle. The worker itself is started by URL
 * (src/ui/engine-worker.ts).
 */
import type { FeatureRequest } from '../src/lode/features.ts';

export type { EngineStatus } from '../src/gpu/auto-engine.ts';
export type { FitThreads } from './fit-team.ts';
/** The worker's comlink API (`typeof api` in engine.worker.ts). */
export type { EngineWorkerApi } from './engine.worker.ts';

/** A feature request as it crosses the worker boundary: progress and cancellation stay on the worker's side. */
export type EngineRequest = Omit<FeatureRequest, 'onProgress' | 'onStageProgress' | 'signal'>;

export interface FeaturizeOptions {
  /** Requests sharing a channel cancel their predecessors (default: each request stands alone). */
  readonly channel?: string;
}
