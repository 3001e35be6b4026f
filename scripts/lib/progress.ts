/** Progress on stderr: a bar redrawn in place on a terminal, a few plain lines when redirected to a file or CI log. */

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar's line (a terminal) so that later output starts on a fresh line. */
  finish(): void;
}

const BAR_WIDTH = 30;
/** Non-TTY streams get a line at each of these percentages, enough to show life without flooding a log. */
const LOG_STEPS = [25, 50, 75, 100];

function bar(percent: number): string {
  const filled = Math.round((percent / 100) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}]`;
}

export interface ProgressOptions {
  /** Nothing is drawn until this many ms after creation, so a stage that ends sooner stays silent (default 0). */
  readonly quietMs?: number;
  /**
   * Show (done/total) after the percentage (default true); off for work units that mean nothing to a reader; or a
   * function giving the text inside the parentheses.
   */
  readonly counts?: boolean | ((done: number, total: number) => string);
  /** Clock in ms (tests pass a fake one). */
  readonly now?: () => number;
}

/** `done` may be fractional (part of a structure); counts are shown as whole numbers. */
export function createProgress(
  stream: ProgressStream,
  label: string,
  options: ProgressOptions = {},
): Progress {
  const { quietMs = 0, counts = true, now = () => performance.now() } = options;
  const created = now();
  let lastPercent = -1;
  let drawn = false;
  return {
    update(done, total) {
      const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
      if (percent === lastPercent) return; // redraw only when something visible changes
      if (quietMs > 0 && now() - created < quietMs) return;
      const count =
        typeof counts === 'function'
          ? ` (${counts(done, total)})`
          : counts
            ? ` (${Math.floor(done)}/${total})`
            : '';
      if (stream.isTTY) {
        stream.write(`\r${label} ${bar(percent)} ${String(percent).padStart(3)}%${count}`);
        drawn = true;
      } else {
        const step = LOG_STEPS.find((s) => lastPercent < s && percent >= s);
        if (step !== undefined) stream.write(`${label}: ${percent}%${count}\n`);
      }
      lastPercent = percent;
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
