/** Periodic features (PHYSICS §5, §6.8): bulk and slab Ewald sums against independent computations. */
import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import { farFieldOf } from './ewald.ts';
import { expandStructure, speciesChannels } from './expansion.ts';
import { validateHypers, type LodeHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import { compositeGaussLegendre } from './quadrature.ts';
import { createRadialBasis } from './radial-basis.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';
import { periodicFieldsAt } from './testing/ewald-reference.ts';
import { projectFields } from './testing/grid-projection.ts';
import { maxRelativeDifference } from './testing/relative-difference.ts';

const fields: Field[] = ['density', 'potential'];

/** Engine coefficients of one centre: map field → coefficients. */
function engineCoefficients(
  structure: Structure,
  centre: number,
  hypers: LodeHypers,
  options: EwaldOptions = {},
) {
  const h = validateHypers(hypers);
  const lattice = latticeOf(structure)!;
  const channels = speciesChannels(structure, h);
  const all = radialTables(h);
  const tables = new Map(fields.map((f) => [f, all[f]] as const));
  const centres = [centre];
  const nearRange = all.potential.rangeEnd;
  const farField = farFieldOf({ lattice, structure, channels, centres, hypers: h, nearRange, options });
  return expandStructure({
    structure,
    channels,
    centres,
    hypers: h,
    tables,
    periodic: { lattice, farField },
  });
}

// A small triclinic cell (images of every atom inside the ball), atoms partly outside the cell.
const triclinic: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
const species = ['Na', 'Cl', 'Na'];
const positions = [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2];
const bulk = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, true] });
const slab = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, false] });
const small: LodeHypers = { cutoff: 2.5, sigma: 0.7, nMax: 4, lMax: 3, species: ['Na', 'Cl'] };

describe('coefficients equal a textbook pointwise Ewald sum projected on a grid (PHYSICS §6.1 analogue)', () => {
  const grid = { radialPanels: 3, radialOrder: 10, polar: 16, azimuthal: 32 };
  for (const [name, structure] of [
    ['bulk (T T T)', bulk],
    ['slab (T T F)', slab],
  ] as const) {
    it(name, () => {
      const hypers = validateHypers(small);
      const reference = projectFields(periodicFieldsAt(structure, 1, hypers, { eta: 0.9 }), hypers, grid);
      const engine = engineCoefficients(structure, 1, small);
      for (const f of fields) {
        expect(maxRelativeDifference(reference[f], engine.get(f)!)).toBeLessThan(1e-7);
      }
    });
  }

  it('slab, wide cell at a small η: many in-plane waves, each with its own period along the normal', () => {
    const wide = makeStructure(species, [0.1, -0.2, 0.3, 2.4, 1.9, 3.2, -1.1, 3.0, 6.2], {
      cell: [12, 0, 0, 3, 11, 0, 0, 0, 30],
      pbc: [true, true, false],
    });
    const hypers = validateHypers(small);
    const reference = projectFields(periodicFieldsAt(wide, 1, hypers, { eta: 2 }), hypers, grid);
    const engine = engineCoefficients(wide, 1, small, { eta: 1.6 });
    for (const f of fields) {
      expect(maxRelativeDifference(reference[f], engine.get(f)!)).toBeLessThan(1e-7);
    }
  });

  it('bulk without the centre itself (includeCenter: false): its periodic images stay', () => {
    const hypers = validateHypers({ ...small, includeCenter: false });
    const withCentre = periodicFieldsAt(bulk, 0, hypers, { eta: 0.9 });
    // The centre's own Gaussian at x, without its images, subtracted pointwise.
    const a = 1 / (Math.SQRT2 * hypers.sigma);
    const reference = projectFields(
      (x, y, z, rho, pot) => {
        withCentre(x, y, z, rho, pot);
        const r = Math.sqrt(x * x + y * y + z * z);
        rho[0] -= Math.exp(-((a * r) ** 2));
        pot[0] -= erf(a * r) / r;
      },
      hypers,
      grid,
    );
    const engine = engineCoefficients(bulk, 0, hypers);
    for (const f of fields) expect(maxRelativeDifference(reference[f], engine.get(f)!)).toBeLessThan(1e-7);
  });
});

describe('Ewald sums of point-like charges at the ions reproduce Madelung constants (PHYSICS §6.8)', () => {
  // σ = 0.05 Å and r_c = 0.2 Å: every other ion is outside the table range, and erf(2.8/0.07) = 1.
  const hypers = validateHypers({ cutoff: 0.2, sigma: 0.05, nMax: 1, lMax: 0, species: ['Na', 'Cl'] });
  const nearRange = radialTables(hypers).potential.rangeEnd;
  /** −a·(V^Na_far − V^Cl_far) at atom 0 (a Na): the Madelung constant for nearest-neighbour distance a. */
  function madelung(structure: Structure, a: number): number {
    const lattice = latticeOf(structure)!;
    const channels = speciesChannels(structure, hypers);
    const options = { accuracy: 1e-12 };
    const far = farFieldOf({ lattice, structure, channels, centres: [0], hypers, nearRange, options });
    // multipoles[a] = Y_00(∇)V_far = V_far/√(4π) at l = 0.
    return -a * Math.sqrt(4 * Math.PI) * (far.multipoles[0] - far.multipoles[1]);
  }

  it('rock salt (NaCl): 1.747564594633', () => {
    const a = 2.82;
    const fcc: Cell = [0, a, a, a, 0, a, a, a, 0];
    const nacl = makeStructure(['Na', 'Cl'], [0, 0, 0, a, a, a], { cell: fcc, pbc: [true, true, true] });
    expect(madelung(nacl, a)).toBeCloseTo(1.747564594633, 9);
  });

  it('caesium chloride (CsCl structure): 1.762674773070', () => {
    const side = 4.1;
    const cubic: Cell = [side, 0, 0, 0, side, 0, 0, 0, side];
    const half = side / 2;
    const cscl = makeStructure(['Na', 'Cl'], [0, 0, 0, half, half, half], {
      cell: cubic,
      pbc: [true, true, true],
    });
    expect(madelung(cscl, (Math.sqrt(3) / 2) * side)).toBeCloseTo(1.76267477307, 9);
  });
});

describe('a molecule in a large cubic box (PHYSICS §5)', () => {
  // Per source, the k = 0-free lattice sum of a Gaussian charge is, for |x| ≪ L,
  //   φ_σ(x) + ξ/L + (2π/3L³)(|x|² + 3σ²) + O(|x|⁴/L⁵),   ξ = −2.837297479480620 (simple cubic),
  // so c_periodic − c_cluster projects Σ_j [ξ/L + (2π/3L³)(|x − d_j|² + 3σ²)] on the ball: l = 0 and l = 1 only.
  const XI = -2.83729747948062;
  const hypers = validateHypers({ cutoff: 2.5, sigma: 0.4, nMax: 4, lMax: 2, species: ['H', 'O'] });
  const water = [0, 0, 0, 0.76, 0.59, 0.1, -0.7, 0.5, -0.3];
  const moments = (power: number) => {
    const basis = createRadialBasis(hypers.radialBasis, hypers.nMax, hypers.cutoff);
    const rule = compositeGaussLegendre(0, hypers.cutoff, 8, 16);
    const rn = new Float64Array(hypers.nMax);
    const out = new Float64Array(hypers.nMax);
    rule.nodes.forEach((r, q) => {
      basis.evaluate(r, rn);
      rn.forEach((v, n) => (out[n] += rule.weights[q] * v * r ** power));
    });
    return out;
  };
  const [mu2, mu3, mu4] = [moments(2), moments(3), moments(4)];

  /** max |Δc − analytic| over the potential coefficients of centre O, and max |Δc|. */
  function residual(side: number): { residual: number; difference: number } {
    const cell: Cell = [side, 0, 0, 0, side, 0, 0, 0, side];
    const boxed = makeStructure(['O', 'H', 'H'], water, { cell, pbc: [true, true, true] });
    const periodic = engineCoefficients(boxed, 0, hypers, { accuracy: 1e-12 }).get('potential')!;
    const cluster = expandStructure({
      structure: boxed,
      channels: speciesChannels(boxed, hypers),
      centres: [0],
      hypers,
      tables: new Map([['potential', radialTables(hypers).potential]]),
    }).get('potential')!;
    const { nMax } = hypers;
    const Q = 2 * nMax;
    const expected = new Float64Array(periodic.length);
    const sqrt4pi = Math.sqrt(4 * Math.PI);
    for (let a = 0; a < 2; a++) {
      const sources = [0, 1, 2].filter((j) => (j === 0 ? 1 : 0) === a);
      const count = sources.length;
      const sumD2 = sources.reduce(
        (acc, j) => acc + water[3 * j] ** 2 + water[3 * j + 1] ** 2 + water[3 * j + 2] ** 2,
        0,
      );
      const sumD = [0, 1, 2].map((x) => sources.reduce((acc, j) => acc + water[3 * j + x], 0));
      const constant =
        count * (XI / side + (2 * Math.PI * hypers.sigma ** 2) / side ** 3) +
        ((2 * Math.PI) / (3 * side ** 3)) * sumD2;
      const curvature = (2 * Math.PI * count) / (3 * side ** 3);
      // −(4π/3L³) Σ d_j · x, and x_{y,z,x} = r √(4π/3) Y_{1,−1|0|1}.
      const dipole = [sumD[1], sumD[2], sumD[0]].map(
        (v) => ((-4 * Math.PI) / (3 * side ** 3)) * v * Math.sqrt((4 * Math.PI) / 3),
      );
      for (let n = 0; n < nMax; n++) {
        expected[a * nMax + n] = sqrt4pi * (constant * mu2[n] + curvature * mu4[n]);
        for (let m = 0; m < 3; m++) expected[(1 + m) * Q + a * nMax + n] = dipole[m] * mu3[n];
      }
    }
    let worst = 0;
    let difference = 0;
    for (let k = 0; k < periodic.length; k++) {
      const delta = periodic[k] - cluster[k];
      difference = Math.max(difference, Math.abs(delta));
      worst = Math.max(worst, Math.abs(delta - expected[k]));
    }
    return { residual: worst, difference };
  }

  it('differs from the finite molecule by the background and image terms, up to O(L⁻⁵)', () => {
    const near = residual(16);
    const far = residual(32);
    // The analytic terms carry the difference down to a residual (the l = 4 cubic term) that falls as L⁻⁵.
    expect(far.difference).toBeGreaterThan(0.5);
    expect(far.residual).toBeLessThan(1e-5 * far.difference);
    expect(near.residual / far.residual).toBeGreaterThan(2 ** 5 * 0.7);
    expect(near.residual / far.residual).toBeLessThan(2 ** 5 * 1.4);
  });
});
