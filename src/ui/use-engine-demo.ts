import { useEffect, useState } from 'react';
import type { EngineStatus } from '../gpu/auto-engine.ts';
import { demoRequest, featureNorm } from './demo.ts';
import { engineWorker } from './engine-worker.ts';

export type DemoState =
  | { status: 'running' }
  | { status: 'done'; columns: number; norm: number; ms: number; engine: EngineStatus }
  | { status: 'failed'; message: string };

/** Featurises the demo structure in the engine worker once, on mount. */
export function useEngineDemo(): DemoState {
  const [state, setState] = useState<DemoState>({ status: 'running' });
  useEffect(() => {
    let live = true;
    const start = performance.now();
    engineWorker()
      .featurize(demoRequest)
      .then(
        ({ result, status }) =>
          live &&
          setState({
            status: 'done',
            columns: result.invariantLabels.length,
            norm: featureNorm(result.invariants),
            ms: performance.now() - start,
            engine: status,
          }),
      )
      .catch(
        (e: unknown) =>
          live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
