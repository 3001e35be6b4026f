import type { EngineStatus } from '../gpu/auto-engine.ts';
import { useEngineDemo } from './use-engine-demo.ts';

function engineLabel(engine: EngineStatus): string {
  return engine.backend === 'webgpu'
    ? `WebGPU (${engine.adapter ?? 'unknown adapter'})`
    : `CPU fallback: ${engine.fallbackReason ?? 'unknown reason'}`;
}

export function App() {
  const demo = useEngineDemo();
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '2rem auto', padding: '0 1rem' }}
    >
      <header>
        <h1>LODE Explorer</h1>
        <p role="status" data-testid="engine-status">
          Engine: {demo.status === 'done' ? engineLabel(demo.engine) : 'starting…'}
        </p>
      </header>
      <p>
        Long-distance equivariant (LODE) features in the browser: the atom density ρ and its potential V
        around each atom, and the ρ⊗V features that let a local model see electrostatics.
      </p>
      <section aria-label="Engine check">
        <h2>Engine check</h2>
        <p
          data-testid="engine-demo"
          data-status={demo.status}
          data-backend={demo.status === 'done' ? demo.engine.backend : ''}
        >
          {demo.status === 'running' && 'Computing ρ⊗V for water and CO2 8 Å apart in a Web Worker…'}
          {demo.status === 'done' && (
            <>
              {demo.columns} ρ⊗V features for water + CO2 in {demo.ms.toFixed(0)} ms; norm{' '}
              <span data-testid="feature-norm">{demo.norm.toPrecision(15)}</span>
            </>
          )}
          {demo.status === 'failed' && `The feature engine failed: ${demo.message}`}
        </p>
      </section>
    </main>
  );
}
