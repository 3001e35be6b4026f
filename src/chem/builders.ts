/** Structure builders: bcc (100) slabs, water, random clusters (finite: no cell, no pbc). */
import { seededRandom } from '../util/random.ts';
import { makeStructure, type Structure } from './structure.ts';

export interface SlabOptions {
  /** bcc lattice constant (Å). */
  readonly a: number;
  /** Atoms per layer along x and y. */
  readonly size: number;
  readonly layers: number;
}

export const LI_BCC_A = 3.51;

/**
 * A bcc (100) slab: layer k is a size × size square grid of side a at height k·a/2, shifted by (a/2, a/2) on odd
 * layers — together the two sublattices of bcc.
 */
export function bcc100Slab(
  symbol: string,
  { a, size, layers }: SlabOptions,
): { species: string[]; positions: number[] } {
  const species: string[] = [];
  const positions: number[] = [];
  for (let k = 0; k < layers; k++) {
    const shift = (k % 2) * (a / 2);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        species.push(symbol);
        positions.push(i * a + shift, j * a + shift, (k * a) / 2);
      }
    }
  }
  return { species, positions };
}

const WATER_OH = 0.9572;
const WATER_ANGLE = (104.52 * Math.PI) / 180;

/** Water with O at `o`, molecular plane xz and the H–O–H bisector along +z (hydrogens pointing away from below). */
export function water(o: readonly [number, number, number]): { species: string[]; positions: number[] } {
  const dx = WATER_OH * Math.sin(WATER_ANGLE / 2);
  const dz = WATER_OH * Math.cos(WATER_ANGLE / 2);
  const [x, y, z] = o;
  return { species: ['O', 'H', 'H'], positions: [x, y, z, x - dx, y, z + dz, x + dx, y, z + dz] };
}

/** Li(100), 5×5 × 13 layers (325 atoms), with one water molecule whose O sits 3 Å above the centre of the top layer. */
export function lithiumSlabWithWater(gap = 3): Structure {
  const options = { a: LI_BCC_A, size: 5, layers: 13 };
  const slab = bcc100Slab('Li', options);
  const top = ((options.layers - 1) * options.a) / 2;
  const topShift = ((options.layers - 1) % 2) * (options.a / 2);
  const centre = ((options.size - 1) * options.a) / 2 + topShift;
  const h2o = water([centre, centre, top + gap]);
  return makeStructure([...slab.species, ...h2o.species], [...slab.positions, ...h2o.positions], {
    info: { name: 'Li(100) 5x5x13 + H2O' },
  });
}

export interface RandomClusterOptions {
  readonly atoms: number;
  readonly species: readonly string[];
  /** Atoms per Å³; sets the cube's side. */
  readonly density: number;
  /** Candidate positions closer than this (Å) to an accepted atom are redrawn. */
  readonly minDistance: number;
  readonly seed: number;
}

/** Uniform random atoms in a cube, species drawn uniformly; O(N²) rejection is fine for a few thousand atoms. */
export function randomCluster({
  atoms,
  species,
  density,
  minDistance,
  seed,
}: RandomClusterOptions): Structure {
  const random = seededRandom(seed);
  const side = Math.cbrt(atoms / density);
  const positions = new Float64Array(3 * atoms);
  const symbols: string[] = [];
  const min2 = minDistance * minDistance;
  const tooClose = (x: number, y: number, z: number, placed: number) => {
    for (let j = 0; j < placed; j++) {
      const dx = positions[3 * j] - x;
      const dy = positions[3 * j + 1] - y;
      const dz = positions[3 * j + 2] - z;
      if (dx * dx + dy * dy + dz * dz < min2) return true;
    }
    return false;
  };
  for (let i = 0; i < atoms; i++) {
    let x: number, y: number, z: number;
    do {
      [x, y, z] = [random() * side, random() * side, random() * side];
    } while (tooClose(x, y, z, i));
    positions.set([x, y, z], 3 * i);
    symbols.push(species[Math.floor(random() * species.length)]);
  }
  return makeStructure(symbols, positions, { info: { name: `random ${atoms} atoms` } });
}
