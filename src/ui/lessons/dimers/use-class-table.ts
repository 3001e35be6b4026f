/**
 * Table 1 rows computed on request, class by class, on their own worker channel so that the lesson's own requests
 * (another dimer, another class) neither wait for them nor cancel them. A row, once computed, stays (the worker's
 * session caches its study too); cancelling stops the class being computed and keeps the rows already done.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionProgress } from '../../../experiments/lesson.ts';
import type { ClassSummary } from '../../../experiments/dimers/session.ts';
import { dimersLesson } from '../../../experiments/dimers/spec.ts';
import type { ClassName } from '../../../experiments/dimers/split.ts';
import { engineWorker } from '../../engine-worker.ts';
import { isAbort } from '../../use-lesson.ts';

const CHANNEL = 'dimers-table';

export type TableRequestState =
  | { readonly status: 'idle' | 'cancelled' }
  | { readonly status: 'computing'; readonly cls: ClassName; readonly progress: SessionProgress | null }
  | { readonly status: 'failed'; readonly message: string };

export interface ClassTable {
  readonly rows: Partial<Record<ClassName, ClassSummary>>;
  readonly state: TableRequestState;
  /** Computes the full rows of the classes not done yet, in order (ignored while a computation runs). */
  compute(classes: readonly ClassName[]): void;
  cancel(): void;
}

export function useClassTable(): ClassTable {
  const [rows, setRows] = useState<Partial<Record<ClassName, ClassSummary>>>({});
  const [state, setState] = useState<TableRequestState>({ status: 'idle' });
  const done = useRef(rows);
  const computing = useRef(false);
  /** Bumped by cancel and unmount: answers of an older run are dropped. */
  const run = useRef(0);

  const compute = useCallback((classes: readonly ClassName[]) => {
    if (computing.current) return;
    const todo = classes.filter((cls) => !done.current[cls]);
    if (todo.length === 0) return;
    const id = ++run.current;
    const live = () => run.current === id;
    computing.current = true;
    void (async () => {
      try {
        for (const [i, cls] of todo.entries()) {
          const step = `Table 1, class ${cls} (${i + 1} of ${todo.length})`;
          setState({ status: 'computing', cls, progress: null });
          const onProgress = Comlink.proxy(
            (p: SessionProgress) =>
              live() &&
              setState({
                status: 'computing',
                cls,
                progress: { stage: `${step}: ${p.stage}`, fraction: (i + p.fraction) / todo.length },
              }),
          );
          const { series } = await engineWorker().lesson(dimersLesson.id, { tableOf: cls }, onProgress, {
            channel: CHANNEL,
          });
          if (!live()) return;
          done.current = { ...done.current, [cls]: series as ClassSummary };
          setRows(done.current);
        }
        if (live()) setState({ status: 'idle' });
      } catch (e: unknown) {
        if (live())
          setState(
            isAbort(e)
              ? { status: 'cancelled' }
              : { status: 'failed', message: e instanceof Error ? e.message : String(e) },
          );
      } finally {
        if (live()) computing.current = false;
      }
    })();
  }, []);

  const cancel = useCallback(() => {
    run.current++;
    computing.current = false;
    setState({ status: 'cancelled' });
    void engineWorker().cancel(CHANNEL);
  }, []);

  useEffect(
    () => () => {
      run.current++;
      void engineWorker().cancel(CHANNEL);
    },
    [],
  );

  // The same object while nothing changes, so that memoised charts skip a displacement drag's re-render.
  return useMemo(() => ({ rows, state, compute, cancel }), [rows, state, compute, cancel]);
}
