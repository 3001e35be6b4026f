import { lessonById } from '../experiments/registry.ts';
import { Header, Notices } from './Header.tsx';
import { QrLink } from './QrLink.tsx';
import { LessonPage } from './LessonPage.tsx';
import { StartScreen } from './StartScreen.tsx';
import { useEngineDemo } from './use-engine-demo.ts';
import { useView } from './use-view.ts';
import './app.css';

function Main() {
  const id = useView((s) => s.view.lesson);
  const spec = id === null ? undefined : lessonById(id);
  return spec ? <LessonPage key={spec.id} spec={spec} /> : <StartScreen />;
}

/** The engine check (developer output): featurises one structure and shows the norm the tests recompute. */
function Diagnostics() {
  const demo = useEngineDemo();
  return (
    <details className="diagnostics">
      <summary>Diagnostics</summary>
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
    </details>
  );
}

export function App() {
  const present = useView((s) => s.view.present);
  return (
    <div className={present ? 'app presenting' : 'app'}>
      <Header />
      <Notices />
      <main>
        {present && <QrLink />}
        <Main />
        <Diagnostics />
      </main>
    </div>
  );
}
