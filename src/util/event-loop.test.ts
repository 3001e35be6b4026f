import { describe, expect, it } from 'vitest';
import { breathe, runBreathing } from './event-loop.ts';

function* steps(log: string[], count: number) {
  for (let i = 0; i < count; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return count;
}

describe('runBreathing', () => {
  it('lets queued tasks run between steps and returns the result', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('task'));
    await expect(runBreathing(steps(log, 3))).resolves.toBe(3);
    expect(log[0]).toBe('step 0');
    expect(log.indexOf('task')).toBeGreaterThan(0);
    expect(log.indexOf('task')).toBeLessThan(log.indexOf('step 2'));
  });

  it('stops at the first turn after the signal fires', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    setImmediate(() => controller.abort(new Error('cancelled')));
    await expect(runBreathing(steps(log, 10), controller.signal)).rejects.toThrow('cancelled');
    expect(log.length).toBeLessThan(10);
  });
});

describe('breathe', () => {
  it('gives the tasks queued before it their turn, not only the microtasks', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('task'));
    void Promise.resolve().then(() => order.push('microtask'));
    await breathe();
    order.push('breathed');
    expect(order).toEqual(['microtask', 'task', 'breathed']);
  });

  it('throws the reason of a request cancelled during the turn', async () => {
    const controller = new AbortController();
    const turn = breathe(controller.signal);
    controller.abort(new Error('superseded'));
    await expect(turn).rejects.toThrow('superseded');
    await expect(breathe(new AbortController().signal)).resolves.toBeUndefined();
  });
});
