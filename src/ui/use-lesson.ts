import * as Comlink from 'comlink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LessonSpec, SessionProgress } from '../experiments/lesson.ts';
import { sessionValues } from '../experiments/params.ts';
import type { EngineStatus } from '../../workers/protocol.ts';
import { reportEngineStatus } from './engine-status.ts';
import { shareEqualParts } from '../util/structural-sharing.ts';
import { afterNextPaint } from './after-paint.ts';
import { SERIES_MARK } from './series-mark.ts';
import { engineWorker, WorkerLostError } from './engine-worker.ts';
import { useView, viewStore } from './use-view.ts';

export type LessonState<S> =
  | { status: 'computing'; previous: S | null; progress: SessionProgress | null }
  | { status: 'ready'; series: S; engine: EngineStatus }
  | { status: 'failed'; message: string; previous: S | null };

type Outcome<S> = { key: string; series: S; engine: EngineStatus } | { key: string; error: string };

export const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';
/** Background requests and the refreshes after them never supersede the view's own request. */
const background = { channel: 'background' } as const;

/**
 * Starts the lesson's computation as soon as the lesson opens, while its view (three.js, the charts) still
 * downloads: the worker shares the featurisation with the view's own request when it comes, so nothing is computed
 * twice. The answer itself is dropped.
 */
export function usePrefetchSeries(spec: LessonSpec): void {
  useEffect(() => {
    const values = sessionValues(spec.params, viewStore.getState().view.params);
    engineWorker()
      .lesson(spec.id, values, undefined, { channel: 'prefetch' })
      .catch(() => undefined);
  }, [spec]);
}

/**
 * A lesson's chart series for the current view, computed by its worker session from the session-scoped values only
 * (moving the camera never recomputes), and from `extra` values the view adds that links do not carry (a structure
 * the user pasted); the spec's background requests receive them too. Stale requests are superseded in the worker and their results dropped here.
 * Once the series is shown and drawn, the spec's background requests run one by one, each followed by a (cached, cheap)
 * refresh of the series so that it can include what they computed; any change of the view cancels them.
 */
export function useLessonSeries<S>(
  spec: LessonSpec,
  extra?: Readonly<Record<string, unknown>>,
): LessonState<S> {
  const params = useView((s) => s.view.params);
  const key = JSON.stringify({ ...sessionValues(spec.params, params), ...extra });
  const values = useMemo(() => JSON.parse(key) as Record<string, unknown>, [key]);
  const [outcome, setOutcome] = useState<Outcome<S> | null>(null);
  const [lastSeries, setLastSeries] = useState<S | null>(null);
  const [progress, setProgress] = useState<{ key: string; progress: SessionProgress } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The series last shown: a new one shares the parts that did not change, so memoised views skip them.
  const shown = useRef<S | null>(null);
  useEffect(() => {
    let live = true;
    const worker = engineWorker();
    const onProgress = Comlink.proxy((p: SessionProgress) => live && setProgress({ key, progress: p }));
    const show = ({ series, status }: { series: unknown; status: EngineStatus }) => {
      if (!live) return false;
      // On the page's performance timeline: benchmarks tell the engine's share of a change from the drawing's.
      performance.mark(SERIES_MARK);
      reportEngineStatus(status);
      const shared = shareEqualParts(shown.current, series as S);
      shown.current = shared;
      setOutcome({ key, series: shared, engine: status });
      setLastSeries(shared);
      return true;
    };
    void (async () => {
      try {
        if (!show(await worker.lesson(spec.id, values, onProgress))) return;
      } catch (e: unknown) {
        // A replaced worker: ask the new one (what is on screen stays marked as computing meanwhile).
        if (live && e instanceof WorkerLostError) setAttempt((n) => n + 1);
        else if (live && !isAbort(e)) setOutcome({ key, error: e instanceof Error ? e.message : String(e) });
        return;
      }
      try {
        const extras = spec.background?.(values) ?? [];
        // The first drawing of a series can take a core for a second or more on a small machine: the background
        // work waits for it rather than slowing it down.
        if (extras.length > 0) await afterNextPaint();
        for (const extra of extras) {
          if (!live) return;
          await worker.lesson(spec.id, extra, undefined, background);
          if (!live || !show(await worker.lesson(spec.id, values, undefined, background))) return;
        }
      } catch {
        // Background work only adds to what is shown; when it fails or is cancelled, the charts stay as they are.
      }
    })();
    return () => {
      live = false;
      void worker.cancel(background.channel);
    };
  }, [spec, values, key, attempt]);
  if (!outcome || outcome.key !== key) {
    return {
      status: 'computing',
      previous: lastSeries,
      progress: progress?.key === key ? progress.progress : null,
    };
  }
  return 'series' in outcome
    ? { status: 'ready', series: outcome.series, engine: outcome.engine }
    : { status: 'failed', message: outcome.error, previous: lastSeries };
}
