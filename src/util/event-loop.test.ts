import { describe, expect, it } from 'vitest';
import { breathe } from './event-loop.ts';

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
