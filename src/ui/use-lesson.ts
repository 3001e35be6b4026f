import * as Comlink from 'comlink';
import { useEffect, useMemo, useState } from 'react';
import type { LessonSpec, SessionProgress } from '../experiments/lesson.ts';
import { sessionValues } from '../experiments/params.ts';
import { engineWorker } from './engine-worker.ts';
import { useView } from './use-view.ts';

export type LessonState<S> =
  | { status: 'computing'; previous: S | null; progress: SessionProgress | null }
  | { status: 'ready'; series: S }
  | { status: 'failed'; message: string };

type Outcome<S> = { key: string; series: S } | { key: string; error: string };

/**
 * A lesson's chart series for the current view, computed by its worker session from the session-scoped values only
 * (moving the camera never recomputes). Stale requests are superseded in the worker and their results dropped here.
 */
export function useLessonSeries<S>(spec: LessonSpec): LessonState<S> {
  const params = useView((s) => s.view.params);
  const key = JSON.stringify(sessionValues(spec.params, params));
  const values = useMemo(() => JSON.parse(key) as Record<string, unknown>, [key]);
  const [outcome, setOutcome] = useState<Outcome<S> | null>(null);
  const [lastSeries, setLastSeries] = useState<S | null>(null);
  const [progress, setProgress] = useState<{ key: string; progress: SessionProgress } | null>(null);
  useEffect(() => {
    let live = true;
    const onProgress = Comlink.proxy((p: SessionProgress) => live && setProgress({ key, progress: p }));
    engineWorker()
      .lesson(spec.id, values, onProgress)
      .then(({ series }) => {
        if (!live) return;
        setOutcome({ key, series: series as S });
        setLastSeries(series as S);
      })
      .catch((e: unknown) => {
        if (!live || (e instanceof Error && e.name === 'AbortError')) return;
        setOutcome({ key, error: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      live = false;
    };
  }, [spec.id, values, key]);
  if (!outcome || outcome.key !== key) {
    return {
      status: 'computing',
      previous: lastSeries,
      progress: progress?.key === key ? progress.progress : null,
    };
  }
  return 'series' in outcome
    ? { status: 'ready', series: outcome.series }
    : { status: 'failed', message: outcome.error };
}
