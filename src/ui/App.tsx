import { useMemo } from 'react';
import { dimerAt } from '../experiments/multipole-lesson.ts';
import { LessonCharts } from './charts/LessonCharts.tsx';
import { Controls } from './panels/Controls.tsx';
import { Header, Notices } from './Header.tsx';
import { useD2Dataset } from './use-dataset.ts';
import { useEngineDemo } from './use-engine-demo.ts';
import { useLesson } from './use-lesson.ts';
import { useView, viewStore } from './use-view.ts';
import { MoleculeViewer } from './viewer/MoleculeViewer.tsx';
import './app.css';

const CENTRE_ATOMS: Record<string, number[]> = { 'water-O': [0], 'co2-C': [3], all: [0, 1, 2, 3, 4, 5] };

function LessonViewer() {
  const data = useD2Dataset();
  const view = useView((s) => s.view);
  const curve = data.status === 'ready' ? data.dataset.curves[view.orientation] : undefined;
  const structure = useMemo(() => (curve ? dimerAt(curve, view.separation) : null), [curve, view.separation]);
  if (data.status === 'failed')
    return <p role="alert">The H2O–CO2 dataset could not be loaded: {data.message}</p>;
  if (!structure || data.status !== 'ready') return <p>Loading the H2O–CO2 dataset…</p>;
  return (
    <div className="lesson">
      <div className="viewer-box">
        <MoleculeViewer
          structure={structure}
          centres={CENTRE_ATOMS[view.centring] ?? []}
          cutoff={view.cutoff}
          camera={view.camera}
          target={view.target}
          label={`Water and CO2, orientation ${curve?.id ?? ''}, ${view.separation.toFixed(2)} Å apart`}
          onCameraChange={(camera, target) => viewStore.getState().update({ camera, target })}
        />
      </div>
      <Controls orientationIds={data.dataset.curves.map((c) => c.id)} />
    </div>
  );
}

function Charts() {
  const lesson = useLesson();
  const window = useView((s) => s.view.trainWindow);
  const lMax = useView((s) => s.view.lMax);
  const separation = useView((s) => s.view.separation);
  return <LessonCharts lesson={lesson} window={window} lMax={lMax} separation={separation} />;
}

export function App() {
  const demo = useEngineDemo();
  return (
    <div className="app">
      <Header engine={demo.status === 'done' ? demo.engine : null} />
      <Notices />
      <main>
        <p className="intro">
          Local models see only the neighbours within a cutoff. The atom-density potential V carries the far
          field into a local descriptor: ρ⊗V features act like a learned multipole expansion. Drag the
          separation and l_max to see which multipoles the H2O–CO2 interaction needs.
        </p>
        <LessonViewer />
        <Charts />
        <section aria-label="Engine check" className="engine-check">
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
    </div>
  );
}
