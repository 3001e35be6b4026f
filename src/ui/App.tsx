export function App() {
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '2rem auto', padding: '0 1rem' }}
    >
      <h1>LODE Explorer</h1>
      <p>
        Long-distance equivariant (LODE) features in the browser: the atom density ρ and its potential V
        around each atom, and the ρ⊗V features that let a local model see electrostatics.
      </p>
    </main>
  );
}
