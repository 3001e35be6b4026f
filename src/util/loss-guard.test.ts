import { describe, expect, it } from 'vitest';
import { LossGuard } from './loss-guard.ts';

describe('LossGuard', () => {
  it('passes results and errors through while not failed', async () => {
    const guard = new LossGuard();
    await expect(guard.guard(Promise.resolve(42))).resolves.toBe(42);
    await expect(guard.guard(Promise.reject(new RangeError('bad')))).rejects.toThrow(RangeError);
    expect(guard.failed).toBe(false);
  });

  it('rejects the calls under way and every later one with the first failure', async () => {
    const guard = new LossGuard();
    const never = new Promise<number>(() => undefined);
    const under = [guard.guard(never), guard.guard(never)];
    guard.fail(new Error('the worker stopped'));
    guard.fail(new Error('a second reason'));
    for (const call of under) await expect(call).rejects.toThrow('the worker stopped');
    await expect(guard.guard(Promise.resolve(1))).rejects.toThrow('the worker stopped');
    expect(guard.failed).toBe(true);
  });

  it('keeps a call that settled before the failure', async () => {
    const guard = new LossGuard();
    const done = guard.guard(Promise.resolve('kept'));
    await done;
    guard.fail(new Error('later'));
    await expect(done).resolves.toBe('kept');
  });
});
