/** The fields lesson's built-in structures (light: the lesson's spec lists their ids on the first screen). */
import { water } from '../../chem/builders.ts';
import { makeStructure, type Structure } from '../../chem/structure.ts';
import type { D3Dataset } from '../../data/d3.ts';

export const EXAMPLES = ['water', 'co2', 'h2o-co2', 'charged-dimer', 'li-slab-water'] as const;
export type ExampleId = (typeof EXAMPLES)[number];

/** The datasets the examples are taken from, loaded only for the example that needs one. */
export interface ExampleData {
  readonly chargedDimers?: readonly Structure[];
  readonly liWater?: D3Dataset;
}

/** Which dataset an example needs. */
export const EXAMPLE_DATASET: Partial<Record<ExampleId, 'charge-charge' | 'd3-li-water'>> = {
  'charged-dimer': 'charge-charge',
  'li-slab-water': 'd3-li-water',
};

/** Height (Å) of the slab example's water above the top Li layer: a point of the dataset's first curve. */
export const SLAB_WATER_HEIGHT = 3;

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
 * only a container: it is a cluster here). The slab is D3's Li(100) slab, periodic in its plane, with the first
 * curve's water SLAB_WATER_HEIGHT above it; the water comes first, so that atom 0 is its O as in the other examples.
 */
export function exampleStructure(id: ExampleId, data: ExampleData): Structure {
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
      const [first] = data.chargedDimers ?? [];
      if (!first) throw new RangeError('the charged-dimer dataset has no frames');
      return makeStructure(first.species, first.positions, { info: first.info });
    }
    case 'li-slab-water': {
      const point = data.liWater?.curves[0]?.points.find((p) => p.coordinate === SLAB_WATER_HEIGHT);
      if (!point) throw new RangeError(`the Li-water dataset has no water at ${SLAB_WATER_HEIGHT} Å`);
      const { species, positions, cell, pbc, arrays } = point.structure;
      // The dataset's dimers list the slab (fragment 0) before the water (fragment 1).
      const fragment = arrays.fragment!.values as Int32Array;
      const order = species.map((_, j) => j).sort((a, b) => fragment[b]! - fragment[a]! || a - b);
      return makeStructure(
        order.map((j) => species[j]!),
        order.flatMap((j) => [positions[3 * j]!, positions[3 * j + 1]!, positions[3 * j + 2]!]),
        { ...(cell && { cell }), ...(pbc && { pbc }) },
      );
    }
  }
}
