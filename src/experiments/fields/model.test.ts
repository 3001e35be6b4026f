import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeStructure } from '../../chem/structure.ts';
import { loadD3 } from '../../data/d3.ts';
import { ballQuadrature, relativeL2Error } from '../../lode/field-grids.ts';
import { expansionByL } from '../../lode/field-expansion.ts';
import { createRadialBasis } from '../../lode/radial-basis.ts';
import { FIELDS } from '../../lode/radial-integrals.ts';
import { exampleStructure } from './examples.ts';
import { ballErrors, centreExpansions, exactFieldOf, fieldSetup } from './model.ts';
import { params } from './spec.ts';

describe('the fields lesson’s errors in the ball', () => {
  it('are measured to a few per cent at the sharpest σ and widest r_c its controls allow', () => {
    const [sigma, cutoff] = [params.sigma.min, params.cutoff.max];
    // Water with CO2 6.5 Å above it: sharp densities away from the centre and at the edge of a 6 Å ball.
    const setup = fieldSetup(exampleStructure('h2o-co2', {}), 0, 'all', { cutoff, sigma, basis: 'gto' });
    const expansions = centreExpansions(setup, 8);
    const basis = createRadialBasis('gto', 8, cutoff);
    const lesson = ballQuadrature(cutoff);
    const fine = ballQuadrature(cutoff, { radialPanels: 10, radialOrder: 10, polar: 40, azimuthal: 80 });
    for (const field of FIELDS) {
      const measured = ballErrors(
        expansions[field],
        exactFieldOf(setup, field, lesson.points),
        lesson,
        basis,
      );
      const reference = ballErrors(expansions[field], exactFieldOf(setup, field, fine.points), fine, basis);
      measured.forEach((e, l) =>
        expect(Math.abs(e / reference[l]! - 1), `${field} l_max ${l}`).toBeLessThan(0.05),
      );
    }
  });
});

describe('the Li slab with water', () => {
  const liWater = loadD3(
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../public/data/d3-li-water.json', import.meta.url)), 'utf8'),
    ),
  );
  const slab = exampleStructure('li-slab-water', { liWater });
  const hypers = { cutoff: 3, sigma: 0.5, basis: 'legendre' } as const;
  const ball = ballQuadrature(hypers.cutoff);

  it('is expanded from the periodic coefficients, converging to the periodic exact field as l_max, n_max grow', () => {
    expect(slab.species.slice(0, 3)).toEqual(['O', 'H', 'H']);
    expect(slab.pbc).toEqual([true, true, false]);
    const setup = fieldSetup(slab, 0, 'all', hypers);
    const exact = {
      density: exactFieldOf(setup, 'density', ball.points),
      potential: exactFieldOf(setup, 'potential', ball.points),
    };
    const L = 8;
    const byN = [4, 8, 12].map((nMax) => {
      const expansions = centreExpansions(setup, nMax);
      const basis = createRadialBasis('legendre', nMax, hypers.cutoff);
      return {
        nMax,
        expansions,
        basis,
        errors: FIELDS.map((f) => ballErrors(expansions[f], exact[f], ball, basis)),
      };
    });
    // Legendre polynomials of degree < n_max are nested: the error cannot grow with n_max, nor with l_max.
    for (const { errors } of byN) {
      for (const fieldErrors of errors)
        for (let l = 1; l <= L; l++)
          expect(fieldErrors[l]).toBeLessThanOrEqual(fieldErrors[l - 1]! * (1 + 1e-9));
    }
    for (let i = 1; i < byN.length; i++)
      FIELDS.forEach((_, f) => expect(byN[i]!.errors[f]![L]).toBeLessThan(byN[i - 1]!.errors[f]![L]!));
    const [rho, v] = byN.at(-1)!.errors;
    expect(rho![L]).toBeLessThan(1e-2); // measured 4.5e−3: the top Li layer sits at the sphere's edge
    expect(v![L]).toBeLessThan(1e-4); // measured 2.5e−5
    // The same atoms as a finite cluster have another potential inside the sphere: the expansion follows the
    // periodic one, far closer than the cluster's.
    const { expansions, basis, nMax } = byN.at(-1)!;
    const cluster = fieldSetup(makeStructure(slab.species, slab.positions), 0, 'all', hypers);
    const byL = expansionByL(expansions.potential, basis, ball.points);
    const fromCluster = relativeL2Error(exactFieldOf(cluster, 'potential', ball.points), byL, {
      weights: ball.weights,
      stride: L + 1,
      offset: L,
    });
    expect(nMax).toBe(12);
    expect(fromCluster).toBeGreaterThan(100 * v![L]!);
  });
});
