/**
 * A worker of e2e/engine-pool.spec.ts standing in for the engine worker on a 3-core machine: its CPU engine is a pool
 * of two nested Web Workers (cpuEngineForCores), whose result goes to the page as the engine worker's featurize sends
 * it (featureReply).
 */
import * as Comlink from 'comlink';
import { EnginePool } from '../../src/lode/engine-pool.ts';
import type { FeatureResult } from '../../src/lode/features.ts';
import { cpuEngineForCores } from '../../workers/cpu-engine-pool.ts';
import { featureReply } from '../../workers/feature-reply.ts';
import { poolRequest } from './pool-request.ts';

const api = {
  async featurize(): Promise<{ result: FeatureResult; sharedHere: boolean }> {
    const pool = cpuEngineForCores(3);
    if (!(pool instanceof EnginePool)) throw new Error('expected a pool for three cores');
    try {
      const result = await pool.compute(poolRequest());
      return featureReply({ result, sharedHere: result.invariants.buffer instanceof SharedArrayBuffer });
    } finally {
      pool.close();
    }
  },
};

export type PoolReplyApi = typeof api;

Comlink.expose(api);
