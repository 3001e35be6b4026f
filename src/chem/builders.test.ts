import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { bcc100Slab, LI_BCC_A, randomCluster } from './builders.ts';

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

  it('builds a bcc (100) slab: 5×5 × 13 layers, nearest neighbours a·√3/2 apart across adjacent layers', () => {
    const slab = bcc100Slab('Li', { a: LI_BCC_A, size: 5, layers: 13 });
    const positions = Float64Array.from(slab.positions);
    const li = Array.from({ length: 325 }, (_, i) => i);
    expect(slab.species).toHaveLength(325);
    expect(minDistance(positions, li)).toBeCloseTo((LI_BCC_A * Math.sqrt(3)) / 2, 12);
    expect(Math.max(...li.map((i) => positions[3 * i + 2]))).toBeCloseTo(6 * LI_BCC_A, 12);
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
