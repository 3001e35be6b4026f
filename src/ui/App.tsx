import { useEngineDemo } from './use-engine-demo.ts';

export function App() {
  const demo = useEngineDemo();
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '2rem auto', padding: '0 1rem' }}
    >
      <h1>LODE Explorer</h1>
      <p>
        Long-distance equivariant (LODE) features in the browser: the atom density ρ and its potential V
        around each atom, and the ρ⊗V features that let a local model see electrostatics.
      </p>
      <section aria-label="Engine check">
        <h2>Engine check</h2>
        <p data-testid="engine-demo" data-status={demo.status}>
          {demo.status === 'running' && 'Computing ρ⊗V for water and CO2 8 Å apart in a Web Worker…'}
          {demo.status === 'done' && (
            <>
              CPU engine (f64, Web Worker): {demo.columns} ρ⊗V features for water + CO2 in{' '}
              {demo.ms.toFixed(0)} ms; norm{' '}
              <span data-testid="feature-norm">{demo.norm.toPrecision(15)}</span>
            </>
          )}
          {demo.status === 'failed' && `The feature engine failed: ${demo.message}`}
        </p>
      </section>
    </main>
  );
}
