import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { coefficientCount, expandStructure, speciesChannels } from './expansion.ts';
import { validateHypers } from './hypers.ts';
import { compositeGaussLegendre, gaussLegendre } from './quadrature.ts';
import { createRadialBasis } from './radial-basis.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';
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
  return expandStructure({ structure, channels, centres, hypers, tables, index: 0 });
}

/** The field of every atom of a species at x (relative to the centre): Σ_j g or Σ_j φ. */
function fieldAt(field: Field, species: string, x: number, y: number, z: number): number {
  let sum = 0;
  for (let j = 0; j < molecule.species.length; j++) {
    if (molecule.species[j] !== species) continue;
    const s = Math.hypot(
      x - molecule.positions[3 * j],
      y - molecule.positions[3 * j + 1],
      z - molecule.positions[3 * j + 2],
    );
    if (field === 'density') sum += Math.exp(-(s * s) / (2 * hypers.sigma ** 2));
    else sum += s < 1e-12 ? Math.sqrt(2 / Math.PI) / hypers.sigma : erf(s / (Math.SQRT2 * hypers.sigma)) / s;
  }
  return sum;
}

describe('expansion coefficients', () => {
  it('equal brute-force 3D quadrature of ρ and V over the ball (PHYSICS §6.1)', () => {
    const { nMax, lMax, cutoff, species } = hypers;
    const nHarm = harmonicCount(lMax);
    const Q = species.length * nMax;
    const basis = createRadialBasis('gto', nMax, cutoff);
    const rRule = compositeGaussLegendre(0, cutoff, 10, 16);
    const tRule = gaussLegendre(40);
    const nPhi = 80;
    const brute = new Map(fields.map((f) => [f, new Float64Array(Q * nHarm)]));
    const rn = new Float64Array(nMax);
    const ylm = new Float64Array(nHarm);
    for (let q = 0; q < rRule.nodes.length; q++) {
      const r = rRule.nodes[q];
      basis.evaluate(r, rn);
      for (let t = 0; t < tRule.nodes.length; t++) {
        const ct = tRule.nodes[t];
        const st = Math.sqrt(1 - ct * ct);
        for (let p = 0; p < nPhi; p++) {
          const phi = (2 * Math.PI * p) / nPhi;
          const [x, y, z] = [r * st * Math.cos(phi), r * st * Math.sin(phi), r * ct];
          realSphericalHarmonics(lMax, x, y, z, ylm);
          const w = rRule.weights[q] * r * r * tRule.weights[t] * ((2 * Math.PI) / nPhi);
          for (const field of fields) {
            const out = brute.get(field)!;
            species.forEach((a, ai) => {
              const f = w * fieldAt(field, a, x, y, z);
              for (let k = 0; k < nHarm; k++)
                for (let n = 0; n < nMax; n++) out[k * Q + ai * nMax + n] += f * rn[n] * ylm[k];
            });
          }
        }
      }
    }
    const engine = engineCoefficients();
    for (const field of fields) {
      const ref = brute.get(field)!;
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
      index: 0,
    });
    expect(without.get('density')!.every((x) => x === 0)).toBe(true);
  });
});
