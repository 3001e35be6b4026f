import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { latticeOf } from '../lode/lattice.ts';
import { seededRandom } from '../util/random.ts';
import { periodicImages } from './periodic-images.ts';

const cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6] as const;

/** Every image (atom, n) with n ≠ 0 within `range` of a centre, by trying all |n_k| ≤ 6. */
function bruteForce(positions: number[], vectors: number[][], centres: number[], range: number): string[] {
  const found: string[] = [];
  const span = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6];
  const third = vectors.length === 3 ? span : [0];
  for (let j = 0; j < positions.length / 3; j++) {
    for (const n0 of span) {
      for (const n1 of span) {
        for (const n2 of third) {
          if (n0 === 0 && n1 === 0 && n2 === 0) continue;
          const p = [0, 1, 2].map(
            (x) =>
              positions[3 * j + x] + n0 * vectors[0][x] + n1 * vectors[1][x] + n2 * (vectors[2]?.[x] ?? 0),
          );
          const near = centres.some(
            (i) =>
              Math.hypot(p[0] - positions[3 * i], p[1] - positions[3 * i + 1], p[2] - positions[3 * i + 2]) <
              range,
          );
          if (near) found.push(key(j, p));
        }
      }
    }
  }
  return found;
}

const key = (atom: number, p: ArrayLike<number>) => `${atom}:${Array.from(p, (x) => x.toFixed(6)).join(',')}`;

describe('periodicImages', () => {
  const random = seededRandom(5);
  const positions = Array.from({ length: 3 * 7 }, () => 12 * random() - 4);
  const rows = [0, 1, 2].map((k) => cell.slice(3 * k, 3 * k + 3));

  it.each([
    ['bulk', [true, true, true] as const, rows],
    ['slab', [true, true, false] as const, rows.slice(0, 2)],
  ])(
    '%s: lists every image within range of a centre, none twice, never the atom itself',
    (_, pbc, vectors) => {
      const lattice = latticeOf(makeStructure(Array(7).fill('H'), positions, { cell, pbc }))!;
      for (const centres of [[0, 1, 2, 3, 4, 5, 6], [2], [1, 5]]) {
        const range = 5.8;
        const images = periodicImages(lattice, Float64Array.from(positions), centres, range);
        const listed = Array.from(images.atoms, (j, i) =>
          key(j, images.positions.subarray(3 * i, 3 * i + 3)),
        );
        expect(new Set(listed).size).toBe(listed.length);
        const expected = bruteForce(positions, vectors, centres, range);
        expect(expected.length).toBeGreaterThan(10);
        for (const k of expected) expect(listed).toContain(k);
        for (let i = 0; i < images.atoms.length; i++) {
          const j = images.atoms[i];
          const shift = [0, 1, 2].map((x) => images.positions[3 * i + x] - positions[3 * j + x]);
          expect(Math.hypot(...shift)).toBeGreaterThan(1);
        }
      }
    },
  );
});
