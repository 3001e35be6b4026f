/** The fields lesson's built-in structures (light: the lesson's spec lists their ids on the first screen). */
import { water } from '../../chem/builders.ts';
import { makeStructure, type Structure } from '../../chem/structure.ts';

export const EXAMPLES = ['water', 'co2', 'h2o-co2', 'charged-dimer'] as const;
export type ExampleId = (typeof EXAMPLES)[number];

/** C=O bond length of CO2 (Å). */
const CO2_CO = 1.1621;

/** CO2 along x with C at `c`. */
function co2(c: readonly [number, number, number]): { species: string[]; positions: number[] } {
  const [x, y, z] = c;
  return { species: ['C', 'O', 'O'], positions: [x, y, z, x - CO2_CO, y, z, x + CO2_CO, y, z] };
}

/**
 * A built-in example. Water lies in the xz plane with its O at the origin; in the pair, CO2 sits 6.5 Å above the
 * water's O: at the default r_c 3 Å and σ 0.5 Å its density is below 1e−10 inside the water-centred ball (7σ away),
 * which sees it only through V. The charged dimer is the first frame of the paper's charge-charge set (its box is
 * only a container: it is a cluster here).
 */
export function exampleStructure(id: ExampleId, chargedDimers: () => readonly Structure[]): Structure {
  switch (id) {
    case 'water': {
      const w = water([0, 0, 0]);
      return makeStructure(w.species, w.positions);
    }
    case 'co2': {
      const c = co2([0, 0, 0]);
      return makeStructure(c.species, c.positions);
    }
    case 'h2o-co2': {
      const w = water([0, 0, 0]);
      const c = co2([0, 0, 6.5]);
      return makeStructure([...w.species, ...c.species], [...w.positions, ...c.positions]);
    }
    case 'charged-dimer': {
      const [first] = chargedDimers();
      if (!first) throw new RangeError('the charged-dimer dataset has no frames');
      return makeStructure(first.species, first.positions, { info: first.info });
    }
  }
}
