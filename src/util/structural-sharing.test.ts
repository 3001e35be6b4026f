import { describe, expect, it } from 'vitest';
import { shareEqualParts } from './structural-sharing.ts';

const deepCopy = <T>(x: T): T => structuredClone(x);

describe('shareEqualParts', () => {
  const previous = {
    curve: { x: [1, 2, 3], y: Float64Array.of(0.5, Number.NaN, -0) },
    rows: [
      { l: 0, p: 1 },
      { l: 1, p: 2 },
    ],
    at: { height: 3 },
    label: 'w12',
  };

  it('returns the previous value itself when a copy of it arrives', () => {
    expect(shareEqualParts(previous, deepCopy(previous))).toBe(previous);
  });

  it('keeps the unchanged parts of a changed value, and its changed parts with their new content', () => {
    const next = deepCopy(previous);
    next.at.height = 3.05;
    next.rows[1]!.p = 2.5;
    const shared = shareEqualParts(previous, next);
    expect(shared).not.toBe(previous);
    expect(shared).toEqual(next);
    expect(shared.curve).toBe(previous.curve);
    expect(shared.rows[0]).toBe(previous.rows[0]);
    expect(shared.rows[1]).not.toBe(previous.rows[1]);
    expect(shared.at).toEqual({ height: 3.05 });
  });

  it('compares typed arrays by content, type and length, and numbers as Object.is does', () => {
    const a = { v: Float64Array.of(1, 2) };
    expect(shareEqualParts(a, { v: Float64Array.of(1, 2) })).toBe(a);
    expect(shareEqualParts(a, { v: Float32Array.of(1, 2) }).v).toBeInstanceOf(Float32Array);
    expect(shareEqualParts(a, { v: Float64Array.of(1, 2, 3) }).v).toHaveLength(3);
    const zero = { v: Float64Array.of(0) };
    expect(shareEqualParts(zero, { v: Float64Array.of(-0) })).not.toBe(zero);
  });

  it('notices added and removed keys and items', () => {
    expect(shareEqualParts({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    const list = [1, 2];
    expect(shareEqualParts(list, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(shareEqualParts(list, [1])).toEqual([1]);
    expect(shareEqualParts(null, { a: 1 })).toEqual({ a: 1 });
  });

  it('keeps an empty object or array that has nothing to share with', () => {
    expect(shareEqualParts(undefined, {})).toEqual({});
    expect(shareEqualParts(undefined, [])).toEqual([]);
    expect(shareEqualParts({ learning: undefined }, { learning: {} })).toEqual({ learning: {} });
    expect(shareEqualParts({ a: 1 }, { a: 1, b: { c: [] } })).toEqual({ a: 1, b: { c: [] } });
    expect(shareEqualParts([1], { 0: 1, length: 1 })).toEqual({ 0: 1, length: 1 });
  });
});
