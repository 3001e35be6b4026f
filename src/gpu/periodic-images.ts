/**
 * The periodic images a GPU pass must visit: instead of reducing every displacement and looping over translations
 * per pair (the CPU engine's way), a periodic structure is handed to the shaders as a finite set of sources, the
 * atoms themselves followed by every image that can lie within `range` of one of the centres.
 */
import { dot, type Lattice, type Vec3 } from '../lode/lattice.ts';

export interface PeriodicImages {
  /** x, y, z of each image (Å, f64). */
  readonly positions: Float64Array;
  /** The atom each image copies. */
  readonly atoms: Int32Array;
}

/**
 * Every image r_j + T (T ≠ 0 a lattice translation) nearer than `range` to some centre, and possibly a few farther
 * ones (the shaders test the distance). An image within range of a centre has, along each periodic direction,
 * a fractional coordinate within range·|g_k| of the centre's (|g·Δr| ≤ |g||Δr|), and lies within range of the
 * centres' bounding box: both tests only discard images that are too far.
 */
export function periodicImages(
  lattice: Lattice,
  positions: Float64Array,
  centres: readonly number[],
  range: number,
): PeriodicImages {
  const { vectors, duals } = lattice;
  const periodic = vectors.length;
  const fractional = (j: number, k: number) =>
    positions[3 * j] * duals[k][0] + positions[3 * j + 1] * duals[k][1] + positions[3 * j + 2] * duals[k][2];
  const low = new Float64Array(periodic).fill(Infinity);
  const high = new Float64Array(periodic).fill(-Infinity);
  const boxLow = [Infinity, Infinity, Infinity];
  const boxHigh = [-Infinity, -Infinity, -Infinity];
  for (const i of centres) {
    for (let k = 0; k < periodic; k++) {
      const f = fractional(i, k);
      low[k] = Math.min(low[k], f - range * Math.sqrt(dot(duals[k], duals[k])));
      high[k] = Math.max(high[k], f + range * Math.sqrt(dot(duals[k], duals[k])));
    }
    for (let x = 0; x < 3; x++) {
      boxLow[x] = Math.min(boxLow[x], positions[3 * i + x] - range);
      boxHigh[x] = Math.max(boxHigh[x], positions[3 * i + x] + range);
    }
  }
  const images: number[] = [];
  const sources: number[] = [];
  const n = new Int32Array(3);
  const first = new Int32Array(3);
  const last = new Int32Array(3);
  const atoms = positions.length / 3;
  for (let j = 0; j < atoms && centres.length > 0; j++) {
    for (let k = 0; k < periodic; k++) {
      const f = fractional(j, k);
      first[k] = Math.ceil(low[k] - f);
      last[k] = Math.floor(high[k] - f);
    }
    for (n[0] = first[0]; n[0] <= last[0]; n[0]++) {
      for (n[1] = first[1]; n[1] <= last[1]; n[1]++) {
        for (n[2] = periodic === 3 ? first[2] : 0; n[2] <= (periodic === 3 ? last[2] : 0); n[2]++) {
          if (n[0] === 0 && n[1] === 0 && n[2] === 0) continue;
          const p = translate(positions, j, vectors, n);
          if (p.every((x, k) => x > boxLow[k] && x < boxHigh[k])) {
            images.push(...p);
            sources.push(j);
          }
        }
      }
    }
  }
  return { positions: Float64Array.from(images), atoms: Int32Array.from(sources) };
}

function translate(positions: Float64Array, j: number, vectors: readonly Vec3[], n: Int32Array): Vec3 {
  const p: [number, number, number] = [positions[3 * j], positions[3 * j + 1], positions[3 * j + 2]];
  vectors.forEach((v, k) => {
    for (let x = 0; x < 3; x++) p[x] += n[k] * v[x];
  });
  return p;
}
