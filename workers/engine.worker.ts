/**
 * The feature engine off the UI thread: comlink exposes the CPU engine; results come back as transferable typed
 * arrays, never JSON.
 */
import * as Comlink from 'comlink';
import { computeFeatures, type FeatureRequest, type FeatureResult } from '../src/lode/features.ts';

export type EngineRequest = Omit<FeatureRequest, 'onProgress'>;

const api = {
  featurize(request: EngineRequest, onProgress?: (done: number, total: number) => void): FeatureResult {
    const result = computeFeatures({ ...request, onProgress });
    return Comlink.transfer(result, [result.invariants.buffer, result.vectors.buffer]);
  },
  info(): { backend: 'cpu'; precision: 'f64' } {
    return { backend: 'cpu', precision: 'f64' };
  },
};

export type EngineWorkerApi = typeof api;

Comlink.expose(api);
