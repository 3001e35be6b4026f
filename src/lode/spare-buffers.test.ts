import { describe, expect, it } from 'vitest';
import { SpareBuffers } from './spare-buffers.ts';

const filled = (bytes: number) => {
  const buffer = new ArrayBuffer(bytes);
  new Uint8Array(buffer).fill(0xff);
  return buffer;
};

describe('SpareBuffers', () => {
  it('gives zeros in the smallest kept buffer that holds them, then in new memory', () => {
    const spares = new SpareBuffers(3);
    const [small, middle, large] = [filled(16), filled(80), filled(800)];
    spares.add([large, small, middle]);
    const first = spares.zeros(5);
    expect(first.buffer).toBe(middle);
    expect([...first]).toEqual([0, 0, 0, 0, 0]);
    const second = spares.zeros(2);
    expect(second.buffer).toBe(small);
    expect([...second]).toEqual([0, 0]);
    expect(spares.zeros(200).buffer).not.toBe(large); // 1600 bytes: none kept holds them
    const [rest, ...none] = spares.take(5);
    expect(rest).toBe(large);
    expect(none).toEqual([]);
  });

  it('keeps only its limit of buffers, the largest, and no empty or detached ones', () => {
    const spares = new SpareBuffers(2);
    const detached = filled(64);
    structuredClone(detached, { transfer: [detached] });
    const kept = [filled(48), filled(32)];
    spares.add([filled(8), kept[1], new ArrayBuffer(0), detached, kept[0]]);
    expect(spares.take(Infinity).map((buffer) => kept.indexOf(buffer))).toEqual([0, 1]);
    expect(spares.take(1)).toEqual([]);
  });

  it('takes no buffer for an empty array', () => {
    const spares = new SpareBuffers(1);
    spares.add([filled(8)]);
    expect(spares.zeros(0).length).toBe(0);
    expect(spares.take(1)).toHaveLength(1);
  });
});
