import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

function stream(isTTY: boolean) {
  const out = { text: '', isTTY, write: (t: string) => (out.text += t) };
  return out;
}

describe('createProgress', () => {
  it('logs fractional progress at 25% steps, with whole counts', () => {
    const log = stream(false);
    const progress = createProgress(log, 'job');
    for (const done of [0.1, 0.3, 0.55, 0.8, 1]) progress.update(done, 1);
    expect(log.text).toBe('job: 30% (0/1)\njob: 55% (0/1)\njob: 80% (0/1)\njob: 100% (1/1)\n');
  });

  it('stays silent during the quiet period, then shows where it is', () => {
    let now = 0;
    const log = stream(false);
    const progress = createProgress(log, 'tables', { quietMs: 1000, counts: false, now: () => now });
    progress.update(10, 100);
    now = 999;
    progress.update(40, 100);
    expect(log.text).toBe('');
    now = 1000;
    progress.update(45, 100);
    progress.update(100, 100);
    expect(log.text).toBe('tables: 45%\ntables: 100%\n');
  });

  it('a stage that ends within the quiet period draws nothing on a terminal either', () => {
    const tty = stream(true);
    const progress = createProgress(tty, 'tables', { quietMs: 1000, now: () => 0 });
    progress.update(100, 100);
    progress.finish();
    expect(tty.text).toBe('');
  });

  it('shows the counts a function gives, inside the parentheses', () => {
    const log = stream(false);
    const progress = createProgress(log, 'featurize', {
      counts: (done, total) => `${Math.floor(done)}/${total} frames, ${10 * Math.floor(done)} atoms`,
    });
    for (const done of [1, 2.5, 4]) progress.update(done, 4);
    expect(log.text).toBe(
      'featurize: 25% (1/4 frames, 10 atoms)\nfeaturize: 62% (2/4 frames, 20 atoms)\nfeaturize: 100% (4/4 frames, 40 atoms)\n',
    );
  });
});
