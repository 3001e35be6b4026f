import type { EngineStatus } from '../../workers/protocol.ts';
import { demoRequest, featureNorm } from './demo.ts';
import { reportEngineStatus } from './engine-status.ts';
import { engineWorker } from './engine-worker.ts';
import { useMountPromise } from './use-mount-promise.ts';

export type DemoState =
  | { status: 'running' }
  | { status: 'done'; columns: number; norm: number; ms: number; engine: EngineStatus }
  | { status: 'failed'; message: string };

async function runDemo(): Promise<DemoState> {
  const start = performance.now();
  const { result, status } = await engineWorker().featurize(demoRequest);
  reportEngineStatus(status);
  return {
    status: 'done',
    columns: result.invariantLabels.length,
    norm: featureNorm(result.invariants),
    ms: performance.now() - start,
    engine: status,
  };
}

/** Featurises the demo structure in the engine worker once, on mount. */
export function useEngineDemo(): DemoState {
  return useMountPromise<DemoState>(runDemo, { status: 'running' }, (message) => ({
    status: 'failed',
    message,
  }));
}
