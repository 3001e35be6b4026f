/** The exact potential's far sums on the kernels against the TypeScript loop (periodic-field-values.ts): same bits. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { seededRandom } from '../util/random.ts';
import { exactField, type FieldSource } from './field-values.ts';
import { validateHypers } from './hypers.ts';
import { setSimdFieldFarSums, simdFieldFarSumsEnabled } from './periodic-field-simd.ts';
import { periodicFieldSource, slabWithWater } from './testing/periodic-fixtures.ts';

const random = seededRandom(29);
const hypers = validateHypers({ cutoff: 4, sigma: 0.5, nMax: 1, lMax: 4, species: ['H', 'Li', 'O'] });

/** A triclinic bulk cell of 12 atoms, three species. */
function triclinicBulk(): Structure {
  const names = ['H', 'Li', 'O'];
  return makeStructure(
    Array.from({ length: 12 }, (_, j) => names[j % names.length]),
    Array.from({ length: 36 }, () => 5 * random()),
    { cell: [5.3, 0.2, -0.3, 0.9, 5.0, 0.4, -0.6, 0.5, 5.6], pbc: [true, true, true] },
  );
}

/**
 * `count` points relative to the centre: the centre itself and other atoms exactly (s = 0 to an image), points
 * near atoms (inside 8.5σ, the erf terms), and points up to 14 Å away (above a slab, in its vacuum).
 */
function pointsAround(structure: Structure, centre: number, count: number): Float64Array {
  const p = structure.positions;
  const out = new Float64Array(3 * count);
  for (let q = 0; q < count; q++) {
    const j = q % structure.species.length;
    for (let x = 0; x < 3; x++) {
      const onAtom = p[3 * j + x] - p[3 * centre + x];
      if (q % 3 === 0) out[3 * q + x] = onAtom;
      else if (q % 3 === 1) out[3 * q + x] = onAtom + 2 * (random() - 0.5);
      else out[3 * q + x] = x === 2 ? 6 + 8 * random() : 10 * (random() - 0.5);
    }
  }
  return out;
}

function potential(source: FieldSource, channel: number | null, points: Float64Array, simd: boolean) {
  setSimdFieldFarSums(simd);
  return exactField('potential', source, channel, points);
}

afterEach(() => setSimdFieldFarSums(true));

describe('the exact potential’s far sums on the WebAssembly SIMD kernels', () => {
  it('run in Node (WebAssembly SIMD)', () => {
    expect(simdFieldFarSumsEnabled()).toBe(true);
    setSimdFieldFarSums(false);
    expect(simdFieldFarSumsEnabled()).toBe(false);
  });

  for (const [name, structure, centre] of [
    ['Li slab with water', slabWithWater(2.5), 37],
    ['triclinic bulk', triclinicBulk(), 4],
  ] as const) {
    // Groups of 64 points: a single point, an odd group, and two full groups and an odd one.
    for (const count of [1, 3, 131]) {
      it(`equal the TypeScript loop bit for bit (${name}, ${count} points, each channel and all)`, () => {
        const source = periodicFieldSource(structure, centre, hypers);
        const points = pointsAround(structure, centre, count);
        for (const channel of [0, 1, 2, null]) {
          const want = potential(source, channel, points, false);
          const got = potential(source, channel, points, true);
          expect(want.every(Number.isFinite)).toBe(true);
          expect(new Uint8Array(got.buffer), `channel ${channel}`).toEqual(new Uint8Array(want.buffer));
        }
      });
    }
  }
});
