import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { LI_BCC_A, lithiumSlabWithWater, randomCluster } from './builders.ts';

function distance(p: Float64Array, i: number, j: number): number {
  return Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]);
}

function minDistance(p: Float64Array, among: number[]): number {
  let min = Infinity;
  for (const i of among) for (const j of among) if (i < j) min = Math.min(min, distance(p, i, j));
  return min;
}

describe('benchmark structures', () => {
  it('seededRandom is deterministic and in [0, 1)', () => {
    const [a, b] = [seededRandom(7), seededRandom(7)];
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('builds Li(100) 5×5×13 with a water molecule 3 Å above the top layer', () => {
    const s = lithiumSlabWithWater();
    expect(s.species.length).toBe(328);
    expect(s.species.filter((x) => x === 'Li').length).toBe(325);
    const li = Array.from({ length: 325 }, (_, i) => i);
    // bcc nearest neighbours are a·√3/2 apart, across adjacent layers.
    expect(minDistance(s.positions, li)).toBeCloseTo((LI_BCC_A * Math.sqrt(3)) / 2, 12);
    const z = (i: number) => s.positions[3 * i + 2];
    const top = Math.max(...li.map(z));
    expect(top).toBeCloseTo(6 * LI_BCC_A, 12);
    expect(z(325) - top).toBeCloseTo(3, 12);
    expect(distance(s.positions, 325, 326)).toBeCloseTo(0.9572, 12);
    expect(distance(s.positions, 325, 327)).toBeCloseTo(0.9572, 12);
    const hh = distance(s.positions, 326, 327);
    expect(2 * Math.asin(hh / 2 / 0.9572) * (180 / Math.PI)).toBeCloseTo(104.52, 10);
  });

  it('places random atoms at the requested density, no closer than the minimum distance', () => {
    const options = { atoms: 300, species: ['H', 'C', 'O'], density: 0.1, minDistance: 0.8, seed: 1 };
    const s = randomCluster(options);
    expect(s.species.length).toBe(300);
    expect(new Set(s.species)).toEqual(new Set(['H', 'C', 'O']));
    const side = Math.cbrt(300 / 0.1);
    expect(Math.max(...s.positions)).toBeLessThan(side);
    expect(Math.min(...s.positions)).toBeGreaterThanOrEqual(0);
    expect(
      minDistance(
        s.positions,
        Array.from({ length: 300 }, (_, i) => i),
      ),
    ).toBeGreaterThanOrEqual(0.8);
    const again = randomCluster(options);
    expect(again).toEqual(s);
  });
});
