import { describe, expect, it } from 'vitest';
import { CONTOUR_COLOUR, colourTexels, divergingColour, drawContours, symmetricLimit } from './colour-map.ts';

describe('diverging colour map', () => {
  it('is dark at zero, blue below, red above, and halfway between stops in between', () => {
    expect(divergingColour(0)).toEqual([24, 28, 34]);
    expect(divergingColour(-1)).toEqual([150, 210, 255]);
    expect(divergingColour(5)).toEqual([255, 190, 120]);
    expect(divergingColour(0.25)).toEqual([107, 39, 37]);
  });

  it('maps values on the symmetric limit, and leaves NaN transparent', () => {
    const values = [-2, Number.NaN, 1, 0.5];
    expect(symmetricLimit(values)).toBe(2);
    const texels = colourTexels(values, 2);
    expect([...texels.subarray(0, 4)]).toEqual([150, 210, 255, 255]);
    expect([...texels.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect([...texels.subarray(8, 12)]).toEqual([...divergingColour(0.5), 255]);
  });
});

describe('contour lines', () => {
  const onLine = (texels: Uint8Array, i: number) =>
    [...texels.subarray(4 * i, 4 * i + 3)].every((c, k) => c === CONTOUR_COLOUR[k]);

  it('draws a ramp along the rows as vertical lines, one per level crossed', () => {
    // value = column − 9.5 on a 20 × 20 image, limit 10, levels every 2: bands change between columns 1|2, 3|4, …
    const width = 20;
    const values = Float64Array.from({ length: width * width }, (_, i) => (i % width) - 9.5);
    const texels = colourTexels(values, 10);
    drawContours(texels, values, width, 10);
    const lineColumns = Array.from({ length: width }, (_, col) => col).filter((col) =>
      Array.from({ length: width }, (_, row) => onLine(texels, row * width + col)).every(Boolean),
    );
    // Levels −8, −6, …, 8 (zero included) lie between these columns and the next.
    const expected = [-8, -6, -4, -2, 0, 2, 4, 6, 8].map((level) => Math.floor(level + 9.5));
    expect(lineColumns).toEqual(expected);
    expect(onLine(texels, 0)).toBe(false);
  });

  it('leaves pixels outside the sphere (NaN) and a zero field alone', () => {
    const values = [Number.NaN, 1, -1, Number.NaN];
    const texels = colourTexels(values, 1);
    const unchanged = [...texels];
    drawContours(texels, values, 2, 1); // 1 and −1 differ in band, but each one's neighbours are NaN
    expect([...texels]).toEqual(unchanged);
    const zero = new Float64Array(4);
    const flat = colourTexels(zero, 0);
    drawContours(flat, zero, 2, 0);
    expect([...flat]).toEqual([...colourTexels(zero, 0)]);
  });
});
