import { useEffect, useMemo, useState } from 'react';
import type { LessonRequest, LessonSeries } from '../experiments/lesson-session.ts';
import type { Centring } from '../experiments/multipole-lesson.ts';
import type { FeatureKind } from '../lode/features.ts';
import { engineWorker } from './engine-worker.ts';
import { useView } from './use-view.ts';

export type LessonState =
  | { status: 'computing'; previous: LessonSeries | null }
  | { status: 'ready'; series: LessonSeries }
  | { status: 'failed'; message: string };

type Outcome = { key: string; series: LessonSeries } | { key: string; error: string };

/** Chart series for the current view; stale requests are superseded in the worker, their results dropped here. */
export function useLesson(): LessonState {
  const view = useView((s) => s.view);
  const { centring, features, cutoff, sigma, nMax, lMax, orientation } = view;
  const [from, to] = view.trainWindow;
  const request: LessonRequest = useMemo(
    () => ({
      centring: centring as Centring,
      kind: features as FeatureKind,
      hypers: { cutoff, sigma, nMax },
      lMax,
      orientation,
      window: [from, to],
    }),
    [centring, features, cutoff, sigma, nMax, lMax, orientation, from, to],
  );
  const key = JSON.stringify(request);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [lastSeries, setLastSeries] = useState<LessonSeries | null>(null);
  useEffect(() => {
    let live = true;
    engineWorker()
      .lesson(request)
      .then(({ series }) => {
        if (!live) return;
        setOutcome({ key, series });
        setLastSeries(series);
      })
      .catch((e: unknown) => {
        if (!live || (e instanceof Error && e.name === 'AbortError')) return;
        setOutcome({ key, error: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      live = false;
    };
  }, [request, key]);
  if (!outcome || outcome.key !== key) return { status: 'computing', previous: lastSeries };
  return 'series' in outcome
    ? { status: 'ready', series: outcome.series }
    : { status: 'failed', message: outcome.error };
}
