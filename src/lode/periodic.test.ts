/** Periodic features (PHYSICS §5, §6.8): bulk and slab Ewald sums against independent computations. */
import { describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import { farFieldOf } from './ewald.ts';
import { expandStructure, speciesChannels } from './expansion.ts';
import { validateHypers, type LodeHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';
import { periodicFieldsAt } from './testing/ewald-reference.ts';
import { projectFields } from './testing/grid-projection.ts';

const fields: Field[] = ['density', 'potential'];

/** Engine coefficients of one centre: map field → coefficients. */
function engineCoefficients(structure: Structure, centre: number, hypers: LodeHypers, options: EwaldOptions = {}) {
  const h = validateHypers(hypers);
  const lattice = latticeOf(structure)!;
  const channels = speciesChannels(structure, h);
  const all = radialTables(h);
  const tables = new Map(fields.map((f) => [f, all[f]] as const));
  const centres = [centre];
  const nearRange = all.potential.rangeEnd;
  const farField = farFieldOf({ lattice, structure, channels, centres, hypers: h, nearRange, options });
  return expandStructure({ structure, channels, centres, hypers: h, tables, periodic: { lattice, farField } });
}

function maxRelative(reference: Float64Array, value: Float64Array): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    worst = Math.max(worst, Math.abs(value[i] - reference[i]));
  }
  return worst / scale;
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
        console.log(name, f, maxRelative(reference[f], engine.get(f)!));
        expect(maxRelative(reference[f], engine.get(f)!)).toBeLessThan(1e-7);
      }
    });
  }
});
