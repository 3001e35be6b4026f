/** Rotations as row-major 3×3 matrices: random proper rotations for tests and dataset generators. */

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
