import { describe, expect, it } from 'vitest';
import { colourTexels, divergingColour, symmetricLimit } from './colour-map.ts';

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
