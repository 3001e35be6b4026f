import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { coefficientCount, expandStructure, speciesChannels } from './expansion.ts';
import { validateHypers } from './hypers.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';
import { projectOnGrid } from './testing/grid-projection.ts';
import { harmonicCount, realSphericalHarmonics } from './spherical-harmonics.ts';

const hypers = validateHypers({ cutoff: 2.5, sigma: 0.5, nMax: 5, lMax: 4, species: ['H', 'O'] });
const molecule = makeStructure(
  ['O', 'H', 'H', 'O'],
  [0, 0, 0, 0.76, 0.59, 0.1, -0.7, 0.5, -0.3, 1.1, -2.3, 3.2],
);
const fields: Field[] = ['density', 'potential'];

function engineCoefficients(structure = molecule, centres = [0]) {
  const tables = new Map(fields.map((f) => [f, radialTables(hypers)[f]] as const));
  const channels = speciesChannels(structure, hypers);
  return expandStructure({ structure, channels, centres, hypers, tables });
}

describe('expansion coefficients', () => {
  it('equal brute-force 3D quadrature of ρ and V over the ball (PHYSICS §6.1)', () => {
    const brute = projectOnGrid(molecule, 0, hypers, {
      radialPanels: 10,
      radialOrder: 16,
      polar: 40,
      azimuthal: 80,
    });
    const engine = engineCoefficients();
    for (const field of fields) {
      const ref = brute[field];
      const got = engine.get(field)!;
      const scale = Math.max(...ref.map(Math.abs));
      let worst = 0;
      for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref[i]));
      // Spline tables carry ≤ 1e−8 of each radial integral; the quadrature itself is exact to ~1e−13.
      expect(worst / scale).toBeLessThan(2e-9);
    }
  });

  it('a single distant point source gives c^V ∝ d^−(l+1) Y_lm(d̂) (PHYSICS §6.4)', () => {
    const dir = [0.48, -0.6, 0.64];
    const at = (d: number) => makeStructure(['O', 'H'], [0, 0, 0, d * dir[0], d * dir[1], d * dir[2]]);
    const near = engineCoefficients(at(8), [0]).get('potential')!;
    const far = engineCoefficients(at(16), [0]).get('potential')!;
    const { nMax, lMax } = hypers;
    const Q = 2 * nMax;
    const ylm = new Float64Array(harmonicCount(lMax));
    realSphericalHarmonics(lMax, dir[0], dir[1], dir[2], ylm);
    for (let l = 0; l <= lMax; l++) {
      for (let m = -l; m <= l; m++) {
        const k = l * l + l + m;
        for (let n = 0; n < nMax; n++) {
          const i = k * Q + n; // the H channel (first species) holds only the distant atom
          expect(far[i]).toBeCloseTo(near[i] * 2 ** -(l + 1), 13);
          // Same radial factor for every m: c_nlm / Y_lm(d̂) is m-independent.
          const i0 = (l * l + l) * Q + n;
          if (Math.abs(ylm[k]) > 1e-3) expect(near[i] / ylm[k]).toBeCloseTo(near[i0] / ylm[l * l + l], 10);
        }
      }
    }
  });

  it('includes the central atom only in l = 0, and can leave it out', () => {
    const lone = makeStructure(['O'], [1, 2, 3]);
    const withCentre = engineCoefficients(lone).get('density')!;
    expect(withCentre.length).toBe(coefficientCount(hypers));
    const Q = 2 * hypers.nMax;
    for (let i = 0; i < withCentre.length; i++) {
      // Only the O channel (second species) at l = 0 is filled.
      if (i >= hypers.nMax && i < Q) expect(withCentre[i]).toBeGreaterThan(0);
      else expect(withCentre[i]).toBe(0);
    }
    const tables = new Map(fields.map((f) => [f, radialTables(hypers)[f]] as const));
    const without = expandStructure({
      structure: lone,
      channels: speciesChannels(lone, hypers),
      centres: [0],
      hypers: { ...hypers, includeCenter: false },
      tables,
    });
    expect(without.get('density')!.every((x) => x === 0)).toBe(true);
  });
});
