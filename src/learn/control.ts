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
