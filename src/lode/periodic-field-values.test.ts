/** Exact periodic fields at points against the textbook pointwise Ewald sums (testing/ewald-reference.ts). */
import { describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import { exactField } from './field-values.ts';
import { validateHypers } from './hypers.ts';
import { periodicFieldsAt } from './testing/ewald-reference.ts';
import { periodicFieldSource } from './testing/periodic-fixtures.ts';
import { seededRandom } from '../util/random.ts';

const hypers = validateHypers({ cutoff: 3, sigma: 0.4, nMax: 1, lMax: 8, species: ['Na', 'Cl'] });
const triclinic: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
const species = ['Na', 'Cl', 'Na'];
const positions = [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2];
const bulk = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, true] });
const slab = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, false] });

/** Points inside the sphere (and the centre itself). */
function ballPoints(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(3 * count);
  for (let q = 1; q < count; q++) {
    const r = hypers.cutoff * Math.cbrt(random());
    const ct = 2 * random() - 1;
    const phi = 2 * Math.PI * random();
    const st = Math.sqrt(1 - ct * ct);
    out.set([r * st * Math.cos(phi), r * st * Math.sin(phi), r * ct], 3 * q);
  }
  return out;
}

/** The reference's density and potential at each point, per channel. */
function reference(structure: Structure, centre: number, points: Float64Array, eta: number) {
  const at = periodicFieldsAt(structure, centre, hypers, { eta });
  const count = points.length / 3;
  const channels = hypers.species.length;
  const density = new Float64Array(count * channels);
  const potential = new Float64Array(count * channels);
  for (let q = 0; q < count; q++) {
    at(
      points[3 * q],
      points[3 * q + 1],
      points[3 * q + 2],
      density.subarray(q * channels, (q + 1) * channels),
      potential.subarray(q * channels, (q + 1) * channels),
    );
  }
  return { density, potential };
}

function worstRelative(got: Float64Array, want: Float64Array, channels: number, channel: number | null) {
  let scale = 0;
  let worst = 0;
  for (let q = 0; q < got.length; q++) {
    let expected = 0;
    for (let a = 0; a < channels; a++)
      if (channel === null || a === channel) expected += want[q * channels + a];
    scale = Math.max(scale, Math.abs(expected));
    worst = Math.max(worst, Math.abs(got[q] - expected));
  }
  return worst / scale;
}

describe('exact fields of periodic structures', () => {
  const points = ballPoints(60, 17);
  for (const [name, structure] of [
    ['bulk', bulk],
    ['slab', slab],
  ] as const) {
    it(`equal the textbook Ewald sums inside the sphere (${name}, every channel, ≤ 1e−7)`, () => {
      for (const centre of [0, 1]) {
        const source = periodicFieldSource(structure, centre, hypers);
        // The reference at another η than the engine's: the sum does not depend on it.
        expect(Math.abs(source.periodic!.parameters.eta - 0.9)).toBeGreaterThan(0.1);
        const want = reference(structure, centre, points, 0.9);
        for (const channel of [0, 1, null]) {
          for (const field of ['density', 'potential'] as const) {
            const got = exactField(field, source, channel, points);
            expect(worstRelative(got, want[field], 2, channel), `${field} ${channel}`).toBeLessThan(1e-7);
          }
        }
      }
    });
  }

  it('leave the centre’s own Gaussian out when asked, and keep its periodic images', () => {
    const want = reference(slab, 0, points, 0.9);
    const without = exactField('potential', periodicFieldSource(slab, 0, hypers, false), null, points);
    const own = exactField(
      'potential',
      {
        structure: makeStructure(['Na'], [0, 0, 0]),
        channels: Int32Array.of(0),
        centre: 0,
        sigma: 0.4,
        includeCenter: true,
      },
      null,
      points,
    );
    expect(
      worstRelative(
        Float64Array.from(without, (v, q) => v + own[q]),
        want.potential,
        2,
        null,
      ),
    ).toBeLessThan(1e-7);
  });
});
