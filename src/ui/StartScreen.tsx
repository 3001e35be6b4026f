/** The lesson picker: what each lesson teaches, in two sentences, with a link to each of its steps. */
import { PAPER } from '../experiments/glossary.ts';
import { LESSONS } from '../experiments/registry.ts';
import { encodeView } from '../state/url-codec.ts';
import { lessonView } from '../state/view-state.ts';
import { useView } from './use-view.ts';

export function StartScreen() {
  const engine = useView((s) => s.view.engine);
  return (
    <section aria-labelledby="lessons-title" className="start">
      <h2 id="lessons-title">Lessons</h2>
      <p className="intro">
        Local machine-learning models see only the atoms within a cutoff. Multi-scale LODE adds the potential
        of the atom density, so that a local descriptor carries the far field: pick a lesson to see what that
        buys.
      </p>
      <ul className="lesson-cards">
        {LESSONS.map((spec) => (
          <li key={spec.id} className="lesson-card">
            <h3>
              <a href={encodeView(lessonView(spec, undefined, { engine, present: false }))}>{spec.title}</a>
            </h3>
            <p>{spec.summary}</p>
            <p className="steps-line">
              Steps:{' '}
              {spec.steps.map((step, i) => (
                <span key={step.id}>
                  {i > 0 && ' · '}
                  <a href={encodeView(lessonView(spec, step.id, { engine, present: false }))}>{step.title}</a>
                </span>
              ))}
            </p>
            <p className="source">
              {PAPER.citation}, {spec.source}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
