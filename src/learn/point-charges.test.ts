import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { randomRotation, transformStructure } from '../lode/testing/geometry.ts';
import { LearnInputError } from './errors.ts';
import {
  COULOMB_EV_ANGSTROM,
  fitPointCharges,
  pointChargeEnergy,
  type PointChargeSample,
} from './point-charges.ts';
import { randomSource } from './sampling.ts';
import { gaussian, relativeDifference } from './testing/synthetic.ts';

// The paper's optimal charges (Fig. 4) for H, C, O.
const TRUE = { H: 0.24, C: 0.96, O: -0.49 } as const;
const water = makeStructure(['O', 'H', 'H'], [0, 0, -0.066, 0.757, 0, 0.52, -0.757, 0, 0.52]);
const co2 = makeStructure(['C', 'O', 'O'], [0, 0, 0, 0, 0, 1.16, 0, 0, -1.16]);

/** Rigid water–CO2 dimers at 3–9 Å with exact point-charge energies (noise σ in eV). */
function dimers(count: number, seed: number, noise = 0): PointChargeSample[] {
  const random = randomSource(seed);
  const normal = gaussian(random);
  return Array.from({ length: count }, () => {
    const a = transformStructure(water, randomRotation(random));
    const d = 3 + 6 * random();
    const b = transformStructure(co2, randomRotation(random), [d, 0, 0]);
    const species = [...a.species, ...b.species];
    const positions = [...a.positions, ...b.positions];
    let energy = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = 3; j < 6; j++) {
        const r = Math.hypot(
          positions[3 * i] - positions[3 * j],
          positions[3 * i + 1] - positions[3 * j + 1],
          positions[3 * i + 2] - positions[3 * j + 2],
        );
        energy +=
          (COULOMB_EV_ANGSTROM *
            TRUE[species[i] as keyof typeof TRUE] *
            TRUE[species[j] as keyof typeof TRUE]) /
          r;
      }
    }
    return { species, positions, molecules: [0, 0, 0, 1, 1, 1], energy: energy + noise * normal() };
  });
}

describe('fixed point-charge baseline', () => {
  it('recovers known charges from exact point-charge energies', () => {
    const model = fitPointCharges(dimers(60, 1), { species: ['H', 'C', 'O'] });
    expect(model.converged).toBe(true);
    expect(relativeDifference(model.charges, [TRUE.H, TRUE.C, TRUE.O])).toBeLessThan(1e-8);
    expect(model.rmse).toBeLessThan(1e-10);
    expect(model.warnings).toEqual([]);
  });

  it('recovers them to 1 % from noisy energies and predicts held-out dimers', () => {
    const model = fitPointCharges(dimers(200, 2, 1e-3), { species: ['H', 'C', 'O'] });
    expect(relativeDifference(model.charges, [TRUE.H, TRUE.C, TRUE.O])).toBeLessThan(0.01);
    const test = dimers(20, 3);
    const errors = test.map((s) => pointChargeEnergy(model, s) - s.energy);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(5e-3);
  });

  it('fixes the global sign (largest charge positive) and flags species that never interact', () => {
    const samples = dimers(40, 4);
    const model = fitPointCharges(samples, { species: ['O', 'C', 'H', 'N'] });
    expect(model.charges[1]).toBeGreaterThan(0);
    expect(model.charges[3]).toBe(0);
    expect(model.warnings.join(' ')).toMatch(/N never interact/);
    expect(relativeDifference(model.charges.slice(0, 3), [TRUE.O, TRUE.C, TRUE.H])).toBeLessThan(1e-8);
    expect(() => fitPointCharges([])).toThrow(LearnInputError);
    expect(() => fitPointCharges(samples, { species: ['H', 'C'] })).toThrow(LearnInputError);
  });
});
