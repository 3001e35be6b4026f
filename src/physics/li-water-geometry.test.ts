import { describe, expect, it } from 'vitest';
import { LI_BCC_A } from '../chem/builders.ts';
import { liWaterCell, lithiumSlabWithWater, placeWater, waterConfigurations } from './li-water-geometry.ts';

const atom = (p: Float64Array, i: number) => [p[3 * i], p[3 * i + 1], p[3 * i + 2]];

describe('Li(100) slab with water', () => {
  it('puts an ideal water 3 Å above the hollow site the dataset uses', () => {
    const s = lithiumSlabWithWater();
    expect(s.species).toHaveLength(328);
    expect(s.species.filter((x) => x === 'Li')).toHaveLength(325);
    const [o, h1, h2] = [325, 326, 327].map((i) => atom(s.positions, i));
    const top = 6 * LI_BCC_A;
    expect(o[2] - top).toBeCloseTo(3, 12);
    expect(Math.hypot(h1[0] - o[0], h1[1] - o[1], h1[2] - o[2])).toBeCloseTo(0.9572, 12);
    const hh = Math.hypot(h1[0] - h2[0], h1[1] - h2[1], h1[2] - h2[2]);
    expect(2 * Math.asin(hh / 2 / 0.9572) * (180 / Math.PI)).toBeCloseTo(104.52, 10);
    // A hollow site of the square top layer: four Li at a/√2 laterally, none closer.
    const lateral = Array.from({ length: 325 }, (_, i) => atom(s.positions, i))
      .filter((p) => Math.abs(p[2] - top) < 1e-9)
      .map((p) => Math.hypot(p[0] - o[0], p[1] - o[1]))
      .sort((a, b) => a - b);
    expect(lateral.slice(0, 4).every((d) => Math.abs(d - LI_BCC_A / Math.SQRT2) < 1e-12)).toBe(true);
    expect(lateral[4]).toBeGreaterThan(LI_BCC_A);
    // The same site as the dataset's water placement.
    const placed = placeWater(waterConfigurations(1)[0], 1);
    expect([placed[0], placed[1]]).toEqual([...liWaterCell().site]);
    expect([o[0], o[1]]).toEqual([...liWaterCell().site]);
  });
});
