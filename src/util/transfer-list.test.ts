import { describe, expect, it } from 'vitest';
import { transferList } from './transfer-list.ts';

describe('transferList', () => {
  it('moves arrays in their own memory and shares those in shared memory, which cannot be transferred', () => {
    const own = Float64Array.of(1, 2, 3);
    const shared = new Float64Array(new SharedArrayBuffer(3 * 8));
    shared.set([4, 5, 6]);
    // Node: a TypeError; browsers: a DataCloneError.
    expect(() => structuredClone(shared, { transfer: [shared.buffer] })).toThrow();

    const sent = structuredClone({ own, shared }, { transfer: transferList(own, shared) });
    expect(own.buffer.byteLength).toBe(0); // moved, not copied
    expect([...sent.own]).toEqual([1, 2, 3]);
    sent.shared[0] = 7; // the same memory on both sides
    expect([...shared]).toEqual([7, 5, 6]);
  });

  it('lists a buffer behind several arrays once', () => {
    const buffer = new ArrayBuffer(4 * 8);
    const [head, tail] = [new Float64Array(buffer, 0, 2), new Float64Array(buffer, 16, 2)];
    const list = transferList(head, tail);
    expect(list).toEqual([buffer]);
    expect(() => structuredClone([head, tail], { transfer: list })).not.toThrow();
  });
});
