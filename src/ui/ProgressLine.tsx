import type { SessionProgress } from '../experiments/lesson.ts';

/**
 * A computation in progress: the stage and a determinate bar once the worker reports a fraction. `label` names the
 * bar (default: a lesson's own computation) and stands for the stage until the first report.
 */
export function ProgressLine({
  progress,
  label = 'Computing features and fits',
}: {
  progress: SessionProgress | null;
  label?: string;
}) {
  return (
    <p role="status" className="progress">
      <progress aria-label={label} value={progress?.fraction} max={1} />{' '}
      {progress ? `Computing ${progress.stage}: ${Math.round(100 * progress.fraction)} %` : `${label}…`}
    </p>
  );
}
