import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { seededRandom } from '../util/random.ts';
import { DisplacementTable, distinctDisplacementShare } from './displacement-table.ts';
import { latticeOf } from './lattice.ts';

describe('DisplacementTable', () => {
  it('finds each inserted vector by its exact value, across growth, like a Map of its digits', () => {
    const random = seededRandom(7);
    const table = new DisplacementTable(2, 100_000, 4);
    const reference = new Map<string, number>();
    // Repeats (a coarse grid) and near misses (one ulp apart) among 5000 vectors.
    for (let draw = 0; draw < 5000; draw++) {
      const v = [0, 1, 2].map(() => Math.round(random() * 8) / 4);
      if (draw % 7 === 0) v[draw % 3] += Number.EPSILON * 4;
      const key = v.join(' ');
      const row = table.find(v[0], v[1], v[2]);
      expect(row).toBe(reference.has(key) ? reference.get(key) : -1);
      if (row < 0) {
        const added = table.insert(v[0], v[1], v[2]);
        table.rows[added * table.stride + 3] = draw;
        reference.set(key, added);
      }
    }
    expect(reference.size).toBeGreaterThan(700);
    for (const [key, row] of reference) {
      const [x, y, z] = key.split(' ').map(Number);
      expect(table.find(x, y, z)).toBe(row);
      expect(table.rows.subarray(row * table.stride, row * table.stride + 3)).toEqual(
        Float64Array.of(x, y, z),
      );
    }
  });

  it('takes no rows beyond its bound, and forgets them all on clear()', () => {
    const table = new DisplacementTable(1, 3);
    expect([0, 1, 2, 3].map((x) => table.insert(x, 0, 0))).toEqual([0, 1, 2, -1]);
    expect(table.find(3, 0, 0)).toBe(-1);
    table.clear();
    expect(table.find(1, 0, 0)).toBe(-1);
    expect(table.insert(5, 0, 0)).toBe(0);
  });
});

describe('distinctDisplacementShare', () => {
  const a = 2.5;
  /** An n×n×n supercell of a one-atom cubic cell: n³ − 1 displacements, each from n³ ordered pairs. */
  function cubic(n: number, jitter: number) {
    const random = seededRandom(3);
    const positions: number[] = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) positions.push(...[i, j, k].map((x) => x * a + jitter * random()));
    const side = n * a;
    const structure = makeStructure(Array<string>(n ** 3).fill('Li'), positions, {
      cell: [side, 0, 0, 0, side, 0, 0, 0, side],
      pbc: [true, true, true],
    });
    const atoms = Array.from({ length: n ** 3 }, (_, j) => j);
    return distinctDisplacementShare(latticeOf(structure)!, structure.positions, atoms);
  }

  it('is 2/n³ for a crystal of n³ cells and about 1 when no displacement repeats', () => {
    expect((cubic(3, 0) * 27) / 2).toBeGreaterThan(0.85);
    expect((cubic(3, 0) * 27) / 2).toBeLessThan(1.15);
    expect((cubic(6, 0) * 216) / 2).toBeGreaterThan(0.8);
    expect((cubic(6, 0) * 216) / 2).toBeLessThan(1.25);
    expect(cubic(6, 0.1)).toBeGreaterThan(0.7);
  });
});
