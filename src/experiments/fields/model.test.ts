import { describe, expect, it } from 'vitest';
import { ballQuadrature } from '../../lode/field-grids.ts';
import { createRadialBasis } from '../../lode/radial-basis.ts';
import { FIELDS } from '../../lode/radial-integrals.ts';
import { exampleStructure } from './examples.ts';
import { ballErrors, centreExpansions, exactFieldOf, fieldSetup } from './model.ts';
import { params } from './spec.ts';

describe('the fields lesson’s errors in the ball', () => {
  it('are measured to a few per cent at the sharpest σ and widest r_c its controls allow', () => {
    const [sigma, cutoff] = [params.sigma.min, params.cutoff.max];
    // Water with CO2 6.5 Å above it: sharp densities away from the centre and at the edge of a 6 Å ball.
    const setup = fieldSetup(
      exampleStructure('h2o-co2', () => []),
      0,
      'all',
      { cutoff, sigma, basis: 'gto' },
    );
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
