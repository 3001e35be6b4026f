/**
 * The charts section of a lesson: an alert when the lesson failed, a progress line while it computes (the previous
 * series stays on screen meanwhile), and the lesson's own charts of the series shown. data-status tells end-to-end
 * tests and benchmarks when the series on screen is the current one.
 */
import type { ReactNode } from 'react';
import { ProgressLine } from '../ProgressLine.tsx';
import type { LessonState } from '../use-lesson.ts';

export function LessonCharts<S>({
  lesson,
  children,
}: {
  lesson: LessonState<S>;
  children: (series: S) => ReactNode;
}) {
  if (lesson.status === 'failed')
    return <p role="alert">The lesson could not be computed: {lesson.message}</p>;
  const series = lesson.status === 'ready' ? lesson.series : lesson.previous;
  return (
    <section
      className="charts"
      aria-label="Charts"
      aria-busy={lesson.status === 'computing'}
      data-testid="charts"
      data-status={lesson.status}
    >
      {lesson.status === 'computing' && <ProgressLine progress={lesson.progress} />}
      {series !== null && children(series)}
    </section>
  );
}
