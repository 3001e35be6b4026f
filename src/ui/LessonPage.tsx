/** A lesson's frame: title, teaching text, its steps (what to look for and a question), a glossary, then its view. */
import { Suspense } from 'react';
import { GLOSSARY, PAPER } from '../experiments/glossary.ts';
import type { LessonSpec } from '../experiments/lesson.ts';
import { LESSON_VIEWS } from './lessons/registry.ts';
import { usePrefetchSeries } from './use-lesson.ts';
import { useView, viewStore } from './use-view.ts';

function Steps({ spec }: { spec: LessonSpec }) {
  const current = useView((s) => s.view.step);
  const step = spec.steps.find((s) => s.id === current) ?? spec.steps[0];
  return (
    <nav aria-label="Lesson steps" className="steps">
      <ol>
        {spec.steps.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              aria-pressed={s.id === step.id}
              onClick={() => viewStore.getState().selectStep(s.id)}
            >
              {i + 1}. {s.title}
            </button>
          </li>
        ))}
      </ol>
      <p data-testid="step-text">{step.text}</p>
      <p className="question" data-testid="step-question">
        <strong>Question:</strong> {step.question}
      </p>
    </nav>
  );
}

function Glossary() {
  return (
    <details className="glossary">
      <summary>Glossary</summary>
      <dl>
        {GLOSSARY.map(({ term, text }) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function LessonPage({ spec }: { spec: LessonSpec }) {
  const View = Object.hasOwn(LESSON_VIEWS, spec.id) ? LESSON_VIEWS[spec.id] : undefined;
  usePrefetchSeries(spec);
  return (
    <article className="lesson-page" aria-labelledby="lesson-title">
      <h2 id="lesson-title">{spec.title}</h2>
      <p className="intro">
        {spec.teaching}{' '}
        <cite>
          <a href={PAPER.url} target="_blank" rel="noreferrer">
            {PAPER.citation}
          </a>
          , {spec.source}
        </cite>
      </p>
      <Steps spec={spec} />
      <Glossary />
      {View ? (
        <Suspense fallback={<p role="status">Loading the lesson…</p>}>
          <View />
        </Suspense>
      ) : (
        <p role="alert">This lesson has no view.</p>
      )}
    </article>
  );
}
