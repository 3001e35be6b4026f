/** Test helpers: random rotations and rigid transformations of structures. */
import { makeStructure, type Structure } from '../../chem/structure.ts';

export type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** A random proper rotation (from a random unit quaternion), row-major. */
export function randomRotation(random: () => number): Matrix3 {
  const u = [random(), random(), random()];
  const q = [
    Math.sqrt(1 - u[0]) * Math.sin(2 * Math.PI * u[1]),
    Math.sqrt(1 - u[0]) * Math.cos(2 * Math.PI * u[1]),
    Math.sqrt(u[0]) * Math.sin(2 * Math.PI * u[2]),
    Math.sqrt(u[0]) * Math.cos(2 * Math.PI * u[2]),
  ];
  const [x, y, z, w] = q;
  // prettier-ignore
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
    2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
    2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
  ];
}

export function applyMatrix(m: Matrix3, v: ArrayLike<number>, offset = 0): [number, number, number] {
  const [x, y, z] = [v[offset], v[offset + 1], v[offset + 2]];
  return [m[0] * x + m[1] * y + m[2] * z, m[3] * x + m[4] * y + m[5] * z, m[6] * x + m[7] * y + m[8] * z];
}

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
