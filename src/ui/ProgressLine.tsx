import type { SessionProgress } from '../experiments/lesson.ts';

/** A lesson's computation in progress: the stage and a determinate bar once the worker reports a fraction. */
export function ProgressLine({ progress }: { progress: SessionProgress | null }) {
  return (
    <p role="status" className="progress">
      <progress aria-label="Computing features and fits" value={progress?.fraction} max={1} />{' '}
      {progress
        ? `Computing ${progress.stage}: ${Math.round(100 * progress.fraction)} %`
        : 'Computing features and fits…'}
    </p>
  );
}
