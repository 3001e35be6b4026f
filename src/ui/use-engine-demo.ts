import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { EngineStatus } from '../gpu/auto-engine.ts';
import type { EngineWorkerApi } from '../../workers/engine.worker.ts';
import { demoRequest, featureNorm } from './demo.ts';

export type DemoState =
  | { status: 'running' }
  | { status: 'done'; columns: number; norm: number; ms: number; engine: EngineStatus }
  | { status: 'failed'; message: string };

/** Featurises the demo structure in the engine worker once, on mount. */
export function useEngineDemo(): DemoState {
  const [state, setState] = useState<DemoState>({ status: 'running' });
  useEffect(() => {
    const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
    const engine = Comlink.wrap<EngineWorkerApi>(worker);
    const start = performance.now();
    engine
      .featurize(demoRequest)
      .then(({ result, status }) =>
        setState({
          status: 'done',
          columns: result.invariantLabels.length,
          norm: featureNorm(result.invariants),
          ms: performance.now() - start,
          engine: status,
        }),
      )
      .catch((e: unknown) =>
        setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => worker.terminate();
  }, []);
  return state;
}
