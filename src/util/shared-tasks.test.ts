import { describe, expect, it } from 'vitest';
import { SharedTasks } from './shared-tasks.ts';

/** A task that resolves when told to and records whether its own signal was aborted. */
function controllable() {
  const state = { starts: 0, aborted: false, finish: (() => {}) as (value: number) => void };
  const start = (signal: AbortSignal) => {
    state.starts++;
    return new Promise<number>((resolve, reject) => {
      state.finish = resolve;
      signal.addEventListener('abort', () => {
        state.aborted = true;
        reject(signal.reason);
      });
    });
  };
  return { state, start };
}

const nextMacrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shared tasks', () => {
  it('a request that supersedes a cancelled one gets the running task, not the cancellation', async () => {
    const tasks = new SharedTasks<number>();
    const { state, start } = controllable();
    const first = new AbortController();
    const a = tasks.run('features', start, first.signal);
    first.abort(new DOMException('superseded', 'AbortError'));
    const b = tasks.run('features', start, new AbortController().signal);
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    await nextMacrotask();
    state.finish(42);
    await expect(b).resolves.toBe(42);
    expect(state.starts).toBe(1);
    expect(state.aborted).toBe(false);
  });

  it('a task nobody waits for any more is aborted and forgotten; the next request starts it again', async () => {
    const tasks = new SharedTasks<number>();
    const { state, start } = controllable();
    const only = new AbortController();
    const a = tasks.run('features', start, only.signal);
    only.abort(new DOMException('superseded', 'AbortError'));
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    await nextMacrotask();
    expect(state.aborted).toBe(true);
    expect(tasks.size).toBe(0);
    const b = tasks.run('features', start);
    state.finish(7);
    await expect(b).resolves.toBe(7);
    expect(state.starts).toBe(2);
  });

  it('a request for the same key made while the task starts (before its first await) joins it', async () => {
    const tasks = new SharedTasks<number>();
    let starts = 0;
    let joined: Promise<number> | undefined;
    const start = async () => {
      starts++;
      // As a progress report sent synchronously could: a second request for the key, re-entering run().
      joined ??= tasks.run('k', start);
      await nextMacrotask();
      return starts;
    };
    const first = tasks.run('k', start);
    expect(await first).toBe(1);
    expect(await joined).toBe(1);
    expect(starts).toBe(1);
  });

  it('finished results are shared; a failure is forgotten so that a retry runs again', async () => {
    const tasks = new SharedTasks<number>();
    let runs = 0;
    const failing = () => {
      runs++;
      return Promise.reject(new Error('boom'));
    };
    await expect(tasks.run('k', failing)).rejects.toThrow('boom');
    await expect(tasks.run('k', failing)).rejects.toThrow('boom');
    expect(runs).toBe(2);
    expect(tasks.done('ok')).toBeUndefined();
    await tasks.run('ok', () => Promise.resolve(1));
    await expect(tasks.run('ok', () => Promise.resolve(2))).resolves.toBe(1);
    expect(tasks.done('ok')).toBe(1);
    expect(tasks.done('k')).toBeUndefined();
  });

  it('keeps at most `keep` finished results, dropping the least recently used', async () => {
    const tasks = new SharedTasks<string>(2);
    const run = (key: string) => tasks.run(key, () => Promise.resolve(key));
    await run('a');
    await run('b');
    await run('a');
    await run('c');
    expect([tasks.done('a'), tasks.done('b'), tasks.done('c')]).toEqual(['a', undefined, 'c']);
    expect(tasks.size).toBe(2);
  });

  it('an already aborted request throws at once and starts nothing', () => {
    const tasks = new SharedTasks<number>();
    const { state, start } = controllable();
    const c = new AbortController();
    c.abort(new DOMException('gone', 'AbortError'));
    expect(() => tasks.run('k', start, c.signal)).toThrow('gone');
    expect(state.starts).toBe(0);
  });
});
