/** How the fields lesson names a structure's boundary conditions (the paste box's note, the readout, the export). */
import type { Structure } from '../../chem/structure.ts';

export type Boundary = 'bulk' | 'slab' | 'cluster';

/** A structure's boundary as the engine treats it: periodic only with a cell and two or three pbc flags true. */
export function boundaryOf(structure: Pick<Structure, 'cell' | 'pbc'>): Boundary {
  const periodic = structure.cell ? (structure.pbc ?? []).filter(Boolean).length : 0;
  return periodic === 3 ? 'bulk' : periodic === 2 ? 'slab' : 'cluster';
}

/** "periodic along a, b (slab)": the cell vectors along which the structure repeats, as its pbc flags say. */
export function describeBoundary(structure: Pick<Structure, 'cell' | 'pbc'>): string {
  const boundary = boundaryOf(structure);
  if (boundary === 'cluster') return 'a cluster';
  const along = ['a', 'b', 'c'].filter((_, k) => structure.pbc![k]);
  return `periodic along ${along.join(', ')} (${boundary})`;
}
