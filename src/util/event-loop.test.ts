import { describe, expect, it } from 'vitest';
import { runBreathing } from './event-loop.ts';

function* steps(log: string[], count: number) {
  for (let i = 0; i < count; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return count;
}

describe('runBreathing', () => {
  it('lets timers run between steps and returns the result', async () => {
    const log: string[] = [];
    setTimeout(() => log.push('timer'), 0);
    await expect(runBreathing(steps(log, 3))).resolves.toBe(3);
    expect(log[0]).toBe('step 0');
    expect(log.indexOf('timer')).toBeGreaterThan(0);
    expect(log.indexOf('timer')).toBeLessThan(log.indexOf('step 2'));
  });

  it('stops at the first turn after the signal fires', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 0);
    await expect(runBreathing(steps(log, 10), controller.signal)).rejects.toThrow('cancelled');
    expect(log.length).toBeLessThan(10);
  });
});
