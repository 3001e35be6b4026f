/** Test helpers: random rotations and rigid transformations of structures. */
import { makeStructure, type Structure } from '../../chem/structure.ts';

export { applyMatrix, randomRotation, type Matrix3 } from '../../util/rotation.ts';
import { applyMatrix, type Matrix3 } from '../../util/rotation.ts';

/** x → M x + shift for every atom. */
export function transformStructure(
  s: Structure,
  m: Matrix3,
  shift: [number, number, number] = [0, 0, 0],
): Structure {
  const pos = new Float64Array(s.positions.length);
  for (let i = 0; i < s.species.length; i++) {
    const p = applyMatrix(m, s.positions, 3 * i);
    for (let k = 0; k < 3; k++) pos[3 * i + k] = p[k] + shift[k];
  }
  return makeStructure(s.species, pos);
}

export const INVERSION: Matrix3 = [-1, 0, 0, 0, -1, 0, 0, 0, -1];

/** Reorders atoms by `order` (new atom i is old atom order[i]). */
export function permuteAtoms(s: Structure, order: readonly number[]): Structure {
  const pos = order.flatMap((i) => [s.positions[3 * i], s.positions[3 * i + 1], s.positions[3 * i + 2]]);
  return makeStructure(
    order.map((i) => s.species[i]),
    pos,
  );
}
