import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeNpy, npyHeader, NpyWriter, writeNpy } from './npy.ts';
import { readNpy } from './testing/read-npy.ts';

const dir = mkdtempSync(join(tmpdir(), 'npy-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NPY writer', () => {
  it('writes a v1.0 header that parses, aligned to 64 bytes', () => {
    const data = Float64Array.from({ length: 12 }, (_, i) => i / 7 - 0.5);
    const bytes = encodeNpy(data, [3, 4]);
    const parsed = readNpy(bytes);
    expect(parsed.descr).toBe('<f8');
    expect(parsed.fortranOrder).toBe(false);
    expect(parsed.shape).toEqual([3, 4]);
    expect((10 + parsed.headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + parsed.headerLength));
    expect(header.endsWith('\n')).toBe(true);
    expect(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }")).toBe(true);
  });

  it('round-trips values bit for bit through a file, including -0, tiny and huge numbers', () => {
    const data = Float64Array.from([0, -0, 1, -1.5, Math.PI, 5e-324, 1.7976931348623157e308, -2.5e-17]);
    const path = join(dir, 'values.npy');
    writeNpy(path, data, [2, 2, 2]);
    const parsed = readNpy(readFileSync(path));
    expect(parsed.shape).toEqual([2, 2, 2]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
    expect(Object.is(parsed.data[1], -0)).toBe(true);
  });

  it('writes large arrays block by block with the same bytes as the in-memory encoder', () => {
    const data = Float64Array.from({ length: 300_001 }, (_, i) => Math.sin(i) * 10 ** ((i % 40) - 20));
    const path = join(dir, 'large.npy');
    writeNpy(path, data, [300_001]);
    const bytes = readFileSync(path);
    expect(Buffer.compare(bytes, Buffer.from(encodeNpy(data, [300_001])))).toBe(0);
    const parsed = readNpy(bytes);
    expect(parsed.data[123_457]).toBe(data[123_457]);
    expect(parsed.data[300_000]).toBe(data[300_000]);
    const empty = join(dir, 'empty.npy');
    writeNpy(empty, new Float64Array(0), [0, 4]);
    expect(readNpy(readFileSync(empty)).shape).toEqual([0, 4]);
  });

  it('writes one-element shape tuples with the trailing comma, and empty arrays', () => {
    expect(npyHeader([5])).toContain("'shape': (5,)");
    const empty = readNpy(encodeNpy(new Float64Array(0), [3, 0]));
    expect(empty.shape).toEqual([3, 0]);
    expect(empty.data.length).toBe(0);
  });

  it('pads every header length to the alignment', () => {
    for (const shape of [[1], [10, 10], [123456, 789, 3], [0]]) {
      expect((10 + npyHeader(shape).length) % 64).toBe(0);
    }
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => encodeNpy(new Float64Array(5), [2, 3])).toThrow(/holds 6 values, data has 5/);
    expect(() => encodeNpy(new Float64Array(0), [-1])).toThrow(/bad shape/);
  });

  describe('NpyWriter', () => {
    const data = Float64Array.from({ length: 3 * 300_001 }, (_, i) => Math.cos(i) * 10 ** ((i % 50) - 25));
    data[7] = -0;
    const shape = [300_001, 3];

    /** Writes `data` in pieces of the given sizes (cycled), collecting what reaches the sink. */
    function written(
      pieces: readonly number[],
      nativeLayout?: boolean,
    ): { bytes: Buffer; sunk: Uint8Array[] } {
      const sunk: Uint8Array[] = [];
      const writer = new NpyWriter((bytes) => sunk.push(bytes.slice()), shape, nativeLayout);
      for (let from = 0, k = 0; from < data.length; k++) {
        const to = Math.min(data.length, from + pieces[k % pieces.length]!);
        writer.append(data.subarray(from, to));
        from = to;
      }
      writer.finish();
      return { bytes: Buffer.concat(sunk), sunk };
    }

    it('writes rows as they come, in pieces of any size, the same bytes as the whole-array encoder', () => {
      const whole = Buffer.from(encodeNpy(data, shape));
      for (const pieces of [[data.length], [3, 3000, 1], [0, 299_999]]) {
        expect(Buffer.compare(written(pieces).bytes, whole)).toBe(0);
        expect(Buffer.compare(written(pieces, false).bytes, whole)).toBe(0);
      }
    });

    it("hands the sink the typed array's own bytes, without converting value by value", () => {
      const sunk: Uint8Array[] = [];
      const writer = new NpyWriter((bytes) => sunk.push(bytes), [2, 3]);
      const rows = Float64Array.from([1, 2, 3, 4, 5, 6]);
      writer.append(rows.subarray(3));
      expect(sunk).toHaveLength(2); // the header, then the values
      expect(sunk[1]!.buffer).toBe(rows.buffer);
      expect(sunk[1]!.byteOffset).toBe(24);
      expect(sunk[1]!.byteLength).toBe(24);
    });

    it('refuses more values than the shape holds, and a finish before all of them', () => {
      const writer = new NpyWriter(() => undefined, [2, 2]);
      writer.append(new Float64Array(3));
      expect(() => writer.append(new Float64Array(2))).toThrow(/holds 4 values, got 5/);
      expect(() => writer.finish()).toThrow(/holds 4 values, 3 were written/);
      writer.append(new Float64Array(1));
      writer.finish();
      expect(writer.count).toBe(4);
      expect(() => new NpyWriter(() => undefined, [2, -1])).toThrow(/bad shape/);
    });
  });
});
