/**
 * Geometry of a periodic cell for the 3D view, without React or three: the outline of the cell and the lattice
 * translations that place its periodic images. Cells are 3×3 row-major, rows the lattice vectors a, b, c (Å).
 */
import type { Cell } from '../../chem/structure.ts';

export type Point = readonly [number, number, number];

/** The point i·a + j·b + k·c. */
function combine(cell: Cell, i: number, j: number, k: number): Point {
  const along = (d: number) => i * cell[d] + j * cell[3 + d] + k * cell[6 + d];
  return [along(0), along(1), along(2)];
}

/** The 12 edges of the parallelepiped spanned by the cell's rows, with a corner at the origin. */
export function cellEdges(cell: Cell): [Point, Point][] {
  const edges: [Point, Point][] = [];
  // Each edge joins a corner to the one a lattice vector further on: 4 corners lack that vector, for each of 3.
  for (let axis = 0; axis < 3; axis++) {
    for (let corner = 0; corner < 8; corner++) {
      if (corner & (1 << axis)) continue;
      const [i, j, k] = [corner & 1, (corner >> 1) & 1, (corner >> 2) & 1];
      const far = corner | (1 << axis);
      edges.push([combine(cell, i, j, k), combine(cell, far & 1, (far >> 1) & 1, (far >> 2) & 1)]);
    }
  }
  return edges;
}

/**
 * The translations n_a·a + n_b·b + n_c·c with |n| ≤ repeats along each periodic direction (n = 0 along the others),
 * the zero translation left out: (2·repeats + 1)^k − 1 of them for k periodic directions.
 */
export function imageShifts(cell: Cell, pbc: readonly [boolean, boolean, boolean], repeats: number): Point[] {
  if (!Number.isInteger(repeats) || repeats < 0) {
    throw new RangeError(`repeats must be a non-negative integer, got ${repeats}`);
  }
  const range = (periodic: boolean) =>
    periodic ? Array.from({ length: 2 * repeats + 1 }, (_, n) => n - repeats) : [0];
  const shifts: Point[] = [];
  for (const i of range(pbc[0])) {
    for (const j of range(pbc[1])) {
      for (const k of range(pbc[2])) {
        if (i !== 0 || j !== 0 || k !== 0) shifts.push(combine(cell, i, j, k));
      }
    }
  }
  return shifts;
}
