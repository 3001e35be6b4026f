/** Progress reporting and cancellation shared by every long-running fit. */
import { FitCancelledError } from './errors.ts';

export interface Progress {
  /** What is running, e.g. 'cross-validation' or 'committee'. */
  readonly stage: string;
  readonly done: number;
  readonly total: number;
}

export interface FitControl {
  /** Checked between folds, members and draws; a fired signal throws FitCancelledError. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

export function throwIfCancelled(control: FitControl | undefined, stage: string): void {
  if (control?.signal?.aborted) throw new FitCancelledError(stage);
}

export function reportProgress(
  control: FitControl | undefined,
  stage: string,
  done: number,
  total: number,
): void {
  control?.onProgress?.({ stage, done, total });
}

/**
 * A long fit written as a generator that yields between its folds, members or draws and returns its result: run
 * at once by runSteps, or by a caller that gives its event loop a turn at every yield (a worker answering pings).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
