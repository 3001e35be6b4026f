/**
 * The cell the fields lesson draws around a periodic structure. A bulk cell as it is; a slab's cell with its
 * non-periodic vector ending just above the highest atom, since a slab's vacuum can be many times its thickness (the
 * Li slab example's cell is 61 Å tall for 24 Å of atoms) and plays no part in the fields.
 */
import type { Cell, Structure } from '../../../chem/structure.ts';
import { dot, dualVectors, type Vec3 } from '../../../lode/lattice.ts';

/** How far above the highest atom a slab's drawn cell reaches (Å). */
const ABOVE = 1;

export function drawnCell(structure: Pick<Structure, 'positions' | 'cell' | 'pbc'>): Cell | null {
  const { cell, pbc, positions } = structure;
  if (!cell || !pbc) return null;
  const open = pbc.indexOf(false);
  if (open === -1) return cell;
  const rows = [0, 1, 2].map((k) => cell.slice(3 * k, 3 * k + 3) as unknown as Vec3);
  const dual = dualVectors(rows[0]!, rows[1]!, rows[2]!)[open]!;
  const vector = rows[open]!;
  let top = 0;
  for (let i = 0; i < positions.length; i += 3)
    top = Math.max(top, dot(dual, [positions[i]!, positions[i + 1]!, positions[i + 2]!]));
  // The fraction of the open vector that reaches ABOVE Å (along it) beyond the highest atom.
  const scale = top + ABOVE / Math.sqrt(dot(vector, vector));
  const drawn = [...cell];
  for (let x = 0; x < 3; x++) drawn[3 * open + x] = vector[x]! * scale;
  return drawn as readonly number[] as Cell;
}
