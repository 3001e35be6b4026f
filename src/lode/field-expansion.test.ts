import { describe, expect, it } from 'vitest';
import { water } from '../chem/builders.ts';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { expandStructure, speciesChannels } from './expansion.ts';
import {
  channelExpansion,
  expansionByL,
  expansionOnSlice,
  powerPerL,
  sliceHarmonics,
  type ChannelExpansion,
} from './field-expansion.ts';
import { ballQuadrature, relativeL2Error, sliceGrid } from './field-grids.ts';
import { exactField } from './field-values.ts';
import { validateHypers } from './hypers.ts';
import { createRadialBasis, type RadialBasisKind } from './radial-basis.ts';
import { FIELDS, type Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';

const L = 8;
const CUTOFF = 3;
const SIGMA = 0.5;
const h2o = water([0, 0, 0]);
const molecule = makeStructure(h2o.species, h2o.positions);
/** A finer grid than the lesson's: the error integrals are then accurate to a few per cent. */
const ball = ballQuadrature(CUTOFF, { radialPanels: 6, radialOrder: 8, polar: 24, azimuthal: 48 });

/** The engine's coefficients of one centre, summed over channels (channel null) or one channel. */
function expansions(
  structure: Structure,
  nMax: number,
  basis: RadialBasisKind,
  channel: number | null = null,
  species = ['H', 'O'],
): Record<Field, ChannelExpansion> {
  const hypers = validateHypers({ cutoff: CUTOFF, sigma: SIGMA, nMax, lMax: L, species, radialBasis: basis });
  const all = radialTables(hypers);
  const tables = new Map(FIELDS.map((f) => [f, all[f]] as const));
  const channels = speciesChannels(structure, hypers);
  const c = expandStructure({ structure, channels, centres: [0], hypers, tables });
  const reduce = (f: Field) => channelExpansion(c.get(f)!, species.length, nMax, L, channel);
  return { density: reduce('density'), potential: reduce('potential') };
}

/** The density of the molecule around its O, written out here (a sum of Gaussians) rather than taken from the code. */
function waterDensity(points: Float64Array): Float64Array {
  const p = molecule.positions;
  return Float64Array.from({ length: points.length / 3 }, (_, q) => {
    let sum = 0;
    for (let j = 0; j < 3; j++) {
      const s2 =
        (points[3 * q] - p[3 * j]) ** 2 +
        (points[3 * q + 1] - p[3 * j + 1]) ** 2 +
        (points[3 * q + 2] - p[3 * j + 2]) ** 2;
      sum += Math.exp(-s2 / (2 * SIGMA * SIGMA));
    }
    return sum;
  });
}

const exactWater: Record<Field, Float64Array> = {
  density: waterDensity(ball.points),
  potential: exactField(
    'potential',
    {
      structure: molecule,
      channels: Int32Array.from([1, 0, 0]),
      centre: 0,
      sigma: SIGMA,
      includeCenter: true,
    },
    null,
    ball.points,
  ),
};

/** Ball errors of the truncation at every l ≤ L. */
function errorsByL(field: Field, nMax: number, basis: RadialBasisKind): number[] {
  const byL = expansionByL(
    expansions(molecule, nMax, basis)[field],
    createRadialBasis(basis, nMax, CUTOFF),
    ball.points,
  );
  return Array.from({ length: L + 1 }, (_, l) =>
    relativeL2Error(exactWater[field], byL, { weights: ball.weights, stride: L + 1, offset: l }),
  );
}

describe('truncated expansions of the fields of water, around its O', () => {
  it('converge to the exact density and potential inside the ball as l_max and n_max grow', () => {
    for (const field of FIELDS) {
      // Legendre polynomials of degree < n_max are nested: the error cannot grow with n_max, nor with l_max.
      const byN = [2, 4, 8, 12].map((n) => errorsByL(field, n, 'legendre'));
      for (const errors of byN)
        for (let l = 1; l <= L; l++) expect(errors[l]).toBeLessThanOrEqual(errors[l - 1] * (1 + 1e-9));
      for (let i = 1; i < byN.length; i++) expect(byN[i][L]).toBeLessThan(byN[i - 1][L]);
    }
    const [rho, v] = [errorsByL('density', 12, 'legendre'), errorsByL('potential', 12, 'legendre')];
    expect(rho[L]).toBeLessThan(1e-3); // measured 7.5e−4 (σ 0.5 Å, r_c 3 Å)
    expect(v[L]).toBeLessThan(5e-5); // measured 1.7e−5
    expect(rho[0]).toBeGreaterThan(0.3); // l = 0 alone misses the two H atoms
  });

  it('converge more slowly in n_max on the Gaussian-type basis (the engine default), still decreasing', () => {
    const [rho4, rho12] = [errorsByL('density', 4, 'gto'), errorsByL('density', 12, 'gto')];
    const [v4, v12] = [errorsByL('potential', 4, 'gto'), errorsByL('potential', 12, 'gto')];
    expect(rho12[L]).toBeLessThan(rho4[L] / 3);
    expect(v12[L]).toBeLessThan(v4[L] / 3);
    expect(rho12[L]).toBeLessThan(3e-3); // measured 1.8e−3
    expect(v12[L]).toBeLessThan(1e-3); // measured 6.5e−4
  });

  it('lose exactly the power they leave out: ‖f − f_L‖² = ‖f‖² − Σ_{l ≤ L} P_l (orthonormal basis)', () => {
    const nMax = 8;
    for (const field of FIELDS) {
      const expansion = expansions(molecule, nMax, 'legendre')[field];
      const power = powerPerL(expansion);
      const norm2 = exactWater[field].reduce((s, f, q) => s + ball.weights[q] * f * f, 0);
      const errors = errorsByL(field, nMax, 'legendre');
      for (const l of [0, 2, 4]) {
        const kept = power.slice(0, l + 1).reduce((a, b) => a + b, 0);
        const lost = norm2 - kept;
        expect(Math.abs(errors[l] ** 2 * norm2 - lost)).toBeLessThan(1e-5 * lost);
      }
    }
  });
});

describe('expansions on a slice', () => {
  it('equal the expansion at the slice’s points, for any plane, with NaN outside the ball', () => {
    const expansion = expansions(molecule, 6, 'gto').potential;
    const basis = createRadialBasis('gto', 6, CUTOFF);
    for (const plane of ['xz', [0.3, -1, 0.5]] as const) {
      const slice = sliceGrid(plane, 1.25 * CUTOFF, 40);
      const fast = expansionOnSlice(expansion, basis, sliceHarmonics(slice, L, CUTOFF));
      const direct = expansionByL(expansion, basis, slice.points);
      let defined = 0;
      for (let i = 0; i < direct.length; i++) {
        if (Number.isNaN(direct[i])) expect(fast[i]).toBeNaN();
        else {
          expect(Math.abs(fast[i] - direct[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(direct[i])));
          defined++;
        }
      }
      expect(defined).toBeGreaterThan(direct.length / 3);
    }
    expect(() => sliceHarmonics(sliceGrid('xy', 1, 5), L, CUTOFF)).toThrow(RangeError);
  });
});

describe('the potential of one distant point charge', () => {
  it('has the multipole l-power 4π r_c^(2l+3) / ((2l+1)(2l+3) d^(2l+2)), whatever the distance', () => {
    const dir = [0.36, -0.48, 0.8];
    for (const d of [9, 14, 30]) {
      const structure = makeStructure(['O', 'H'], [0, 0, 0, d * dir[0], d * dir[1], d * dir[2]]);
      // The H channel holds only the distant charge (the centre O is in the other channel).
      const power = powerPerL(expansions(structure, 12, 'legendre', 0).potential);
      for (let l = 0; l <= L; l++) {
        // Laplace: c_nlm = 4π/(2l+1) d^−(l+1) Y_lm(d̂) ∫ R_n r^(l+2) dr; Σ_m Y_lm² = (2l+1)/4π, and Σ_n of the
        // squared moments is ∫ r^(2l+2) dr = r_c^(2l+3)/(2l+3) once r^l lies in the basis (polynomials, l < n_max).
        const law = (4 * Math.PI * CUTOFF ** (2 * l + 3)) / ((2 * l + 1) * (2 * l + 3) * d ** (2 * l + 2));
        expect(power[l] / law).toBeCloseTo(1, 6);
      }
    }
  });
});
