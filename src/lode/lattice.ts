/**
 * The lattice of a periodic structure, as the engine sums over it: bulk (pbc T T T) or slab (two flags true, periodic
 * in the plane of those two cell vectors; the third vector, and so the vacuum width, plays no part). Also the
 * lattice translations within a radius, for sums over periodic images.
 */
import type { Structure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';

export type Vec3 = readonly [number, number, number];

export interface Lattice {
  readonly kind: 'bulk' | 'slab';
  /** The periodic lattice vectors (3 for bulk, 2 for a slab). */
  readonly vectors: readonly Vec3[];
  /** Dual vectors g_k (g_k · vectors[j] = δ_kj, in the periodic plane for a slab): fractional coordinates. */
  readonly duals: readonly Vec3[];
  /** Unit normal of the periodic plane (slab), or null (bulk). */
  readonly normal: Vec3 | null;
  /** Cell volume Ω (bulk) or area A of the periodic plane (slab). */
  readonly measure: number;
}

export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const norm = (a: Vec3) => Math.sqrt(dot(a, a));

/** Duals of three independent vectors: the rows of (M⁻¹)ᵀ, M with the vectors as rows. */
export function dualVectors(a: Vec3, b: Vec3, c: Vec3): [Vec3, Vec3, Vec3] {
  const volume = dot(a, cross(b, c));
  return [scale(cross(b, c), 1 / volume), scale(cross(c, a), 1 / volume), scale(cross(a, b), 1 / volume)];
}

/** A cell vector shorter than this (Å), or a cell this flat, is degenerate. */
const DEGENERATE = 1e-6;

/**
 * The lattice of structure `index`, or null when no pbc flag is true. Throws StructureInputError for a periodic
 * structure without a cell, a degenerate cell, or periodicity along one vector only (wires are not supported).
 */
export function latticeOf(structure: Pick<Structure, 'cell' | 'pbc'>, index = 0): Lattice | null {
  const pbc = structure.pbc ?? [false, false, false];
  const periodic = [0, 1, 2].filter((k) => pbc[k]);
  if (periodic.length === 0) return null;
  const cell = structure.cell;
  if (!cell) throw new StructureInputError(index, 'periodic (a pbc flag is T) but has no cell (Lattice=)');
  const rows: Vec3[] = [0, 1, 2].map((k) => [cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]]);
  if (!rows.flat().every(Number.isFinite)) throw new StructureInputError(index, 'the cell is not finite');
  if (periodic.length === 1)
    throw new StructureInputError(index, 'periodic along one cell vector only: wires are not supported');
  const vectors = periodic.map((k) => rows[k]);
  if (vectors.some((v) => norm(v) < DEGENERATE))
    throw new StructureInputError(index, 'a periodic cell vector has zero length');
  if (vectors.length === 3) {
    const volume = Math.abs(dot(rows[0], cross(rows[1], rows[2])));
    if (volume < DEGENERATE * Math.min(...vectors.map(norm)) ** 3)
      throw new StructureInputError(index, 'the cell vectors are linearly dependent');
    return {
      kind: 'bulk',
      vectors,
      duals: dualVectors(rows[0], rows[1], rows[2]),
      normal: null,
      measure: volume,
    };
  }
  const perpendicular = cross(vectors[0], vectors[1]);
  const area = norm(perpendicular);
  if (area < DEGENERATE * norm(vectors[0]) * norm(vectors[1]))
    throw new StructureInputError(index, 'the two periodic cell vectors are parallel');
  const normal = scale(perpendicular, 1 / area);
  const [g1, g2] = dualVectors(vectors[0], vectors[1], normal);
  return { kind: 'slab', vectors, duals: [g1, g2], normal, measure: area };
}

/**
 * Subtracts from d = (dx, dy, dz) the lattice translation that brings its fractional coordinates into [−½, ½]
 * (along the periodic vectors only), in place on out[0..2].
 */
export function reduceDisplacement(lattice: Lattice, out: Float64Array): void {
  const { vectors, duals } = lattice;
  for (let k = 0; k < vectors.length; k++) {
    const n = Math.round(out[0] * duals[k][0] + out[1] * duals[k][1] + out[2] * duals[k][2]);
    if (n === 0) continue;
    out[0] -= n * vectors[k][0];
    out[1] -= n * vectors[k][1];
    out[2] -= n * vectors[k][2];
  }
}

/**
 * Every lattice translation T that can bring a reduced displacement within `radius` (|n_k| ≤ radius·|g_k| + ½), by
 * increasing length: flat [Tx, Ty, Tz, |T|, ...], T = 0 first. Callers stop at the first |T| ≥ radius + |d|.
 */
export function latticeTranslations(lattice: Lattice, radius: number): Float64Array {
  const { vectors, duals } = lattice;
  const bounds = [0, 1, 2].map((k) => (k < vectors.length ? Math.ceil(radius * norm(duals[k]) + 0.5) : 0));
  const out: number[][] = [];
  for (let n0 = -bounds[0]; n0 <= bounds[0]; n0++) {
    for (let n1 = -bounds[1]; n1 <= bounds[1]; n1++) {
      for (let n2 = -bounds[2]; n2 <= bounds[2]; n2++) {
        const t = [0, 0, 0];
        [n0, n1, n2].forEach((n, k) => {
          if (k < vectors.length) for (let x = 0; x < 3; x++) t[x] += n * vectors[k][x];
        });
        out.push([...t, Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2])]);
      }
    }
  }
  return Float64Array.from(out.sort((a, b) => a[3] - b[3]).flat());
}

/** The single translation T = 0 in latticeTranslations' layout (finite structures). */
export const NO_TRANSLATION = new Float64Array(4);

/** Extent (Å) of the atoms along a slab's normal; 0 for bulk. */
export function thickness(lattice: Lattice, positions: Float64Array): number {
  const n = lattice.normal;
  if (!n) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < positions.length; j += 3) {
    const z = n[0] * positions[j] + n[1] * positions[j + 1] + n[2] * positions[j + 2];
    lo = Math.min(lo, z);
    hi = Math.max(hi, z);
  }
  return hi - lo;
}
