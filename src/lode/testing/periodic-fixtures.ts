/** Test structures and sources for the periodic sums: a Li slab with a water above it, and exact-field sources. */
import { bcc100Slab, LI_BCC_A, water } from '../../chem/builders.ts';
import { makeStructure, type Cell, type Structure } from '../../chem/structure.ts';
import { ewaldParameters } from '../ewald-parameters.ts';
import { speciesChannels } from '../expansion.ts';
import type { FieldSource } from '../field-values.ts';
import type { LodeHypers } from '../hypers.ts';
import { latticeOf, thickness } from '../lattice.ts';

/** Side (Å) of the slab's square cell: 3 × 3 bcc cells of Li. */
export const SLAB_SIDE = 3 * LI_BCC_A;

/** A Li(100) slab, 3×3 × 4 layers, periodic in its plane, with a water whose O is `height` Å above its top layer. */
export function slabWithWater(
  height: number,
  cell: Cell = [SLAB_SIDE, 0, 0, 0, SLAB_SIDE, 0, 0, 0, 40],
): Structure {
  const slab = bcc100Slab('Li', { a: LI_BCC_A, size: 3, layers: 4 });
  const top = (3 * LI_BCC_A) / 2;
  const h2o = water([SLAB_SIDE / 2, SLAB_SIDE / 2, top + height]);
  return makeStructure([...slab.species, ...h2o.species], [...slab.positions, ...h2o.positions], {
    cell,
    pbc: [true, true, false],
  });
}

/** The structure's exact-field source with the engine's Ewald parameters (η chosen for speed, as for the features). */
export function periodicFieldSource(
  structure: Structure,
  centre: number,
  hypers: Required<LodeHypers>,
  includeCenter = true,
): FieldSource {
  const lattice = latticeOf(structure)!;
  const work = { atoms: structure.species.length, thickness: thickness(lattice, structure.positions) };
  return {
    structure,
    channels: speciesChannels(structure, hypers),
    centre,
    sigma: hypers.sigma,
    includeCenter,
    periodic: { lattice, parameters: ewaldParameters(lattice, work, hypers) },
  };
}
