/**
 * Packing a planned request into GPU-sized chunks of whole structures. Positions are centred on each structure's
 * centroid before the f32 conversion, so that absolute coordinates (often tens of Å) cost no precision. A periodic
 * structure's atoms are followed by their images near its centres (periodic-images.ts).
 */
import type { Structure } from '../chem/structure.ts';
import type { FeaturePlan } from '../lode/feature-plan.ts';
import { periodicImages, type PeriodicImages } from './periodic-images.ts';

export interface ChunkLimits {
  /** Most centres per chunk (coefficient buffer). */
  readonly centres: number;
  /** Most output rows per chunk (feature buffers). */
  readonly rows: number;
}

export interface Chunk {
  /** Structures [firstStructure, endStructure) of the request. */
  readonly firstStructure: number;
  readonly endStructure: number;
  /** Output rows [firstRow, firstRow + rows) of the request. */
  readonly firstRow: number;
  readonly rows: number;
  readonly centreCount: number;
  readonly groupCount: number;
  /** vec4 per source (atoms, then a periodic structure's images): x, y, z (centred, rounded to f32), channel. */
  readonly atoms: Float32Array;
  /** vec4 per atom: what the f32 rounding of x, y, z left out. */
  readonly atomsLow: Float32Array;
  /** vec4 per structure: first source, source count, 1 if periodic (0 for a cluster), 0. */
  readonly structures: Uint32Array;
  /** vec2 per centre: atom, structure (chunk-local). */
  readonly centres: Uint32Array;
  /** vec4 per output group: row, block, first member, member count (chunk-local). */
  readonly groups: Uint32Array;
  /** Centre index of every group member. */
  readonly members: Uint32Array;
}

/** Splits [0, structures.length) into ranges that respect the limits (a structure never straddles two chunks). */
export function chunkRanges(plan: FeaturePlan, count: number, limits: ChunkLimits): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let centres = 0;
  let rows = 0;
  for (let s = 0; s < count; s++) {
    const c = plan.centres[s].length;
    const r = plan.perAtom ? c : 1;
    if (c > limits.centres || r > limits.rows) {
      throw new RangeError(`structure ${s} alone exceeds the GPU buffer limits (${c} centres)`);
    }
    if (s > start && (centres + c > limits.centres || rows + r > limits.rows)) {
      ranges.push([start, s]);
      start = s;
      centres = 0;
      rows = 0;
    }
    centres += c;
    rows += r;
  }
  if (count > start) ranges.push([start, count]);
  return ranges;
}

/** `nearRange`: images nearer than this to a centre are sources (the radial tables' range r_c + 6σ). */
export function packChunk(
  structures: readonly Structure[],
  plan: FeaturePlan,
  [first, end]: [number, number],
  nearRange: number,
): Chunk {
  let atomCount = 0;
  let centreCount = 0;
  let groupCount = 0;
  let memberCount = 0;
  const images = new Map<number, PeriodicImages>();
  for (let s = first; s < end; s++) {
    const lattice = plan.lattices[s];
    if (lattice) images.set(s, periodicImages(lattice, structures[s].positions, plan.centres[s], nearRange));
    atomCount += structures[s].species.length + (images.get(s)?.atoms.length ?? 0);
    centreCount += plan.centres[s].length;
    groupCount += plan.groups[s].length;
    for (const g of plan.groups[s]) memberCount += g.centres.length;
  }
  const atoms = new Float32Array(4 * atomCount);
  const atomsLow = new Float32Array(4 * atomCount);
  const structureRanges = new Uint32Array(4 * (end - first));
  const centres = new Uint32Array(2 * centreCount);
  const groups = new Uint32Array(4 * groupCount);
  const members = new Uint32Array(memberCount);
  let atom = 0;
  let centre = 0;
  let group = 0;
  let member = 0;
  const firstRow = plan.firstRow[first];
  for (let s = first; s < end; s++) {
    const { positions } = structures[s];
    const n = structures[s].species.length;
    const centroid = [0, 0, 0];
    for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) centroid[k] += positions[3 * i + k] / n;
    const put = (slot: number, from: Float64Array, index: number, channel: number) => {
      for (let k = 0; k < 3; k++) {
        const x = from[3 * index + k] - centroid[k];
        atoms[4 * slot + k] = x;
        atomsLow[4 * slot + k] = x - Math.fround(x);
      }
      atoms[4 * slot + 3] = channel;
    };
    for (let i = 0; i < n; i++) put(atom + i, positions, i, plan.channels[s][i]);
    const own = images.get(s);
    own?.atoms.forEach((j, i) => put(atom + n + i, own.positions, i, plan.channels[s][j]));
    const sources = n + (own?.atoms.length ?? 0);
    structureRanges[4 * (s - first)] = atom;
    structureRanges[4 * (s - first) + 1] = sources;
    structureRanges[4 * (s - first) + 2] = own ? 1 : 0;
    const firstCentre = centre;
    for (const c of plan.centres[s]) {
      centres[2 * centre] = atom + c;
      centres[2 * centre++ + 1] = s - first;
    }
    for (const g of plan.groups[s]) {
      groups[4 * group] = plan.firstRow[s] - firstRow + g.row;
      groups[4 * group + 1] = g.block;
      groups[4 * group + 2] = member;
      groups[4 * group++ + 3] = g.centres.length;
      for (const c of g.centres) members[member++] = firstCentre + c;
    }
    atom += sources;
  }
  const endRow = end < plan.firstRow.length ? plan.firstRow[end] : plan.rowInfo.length;
  return {
    firstStructure: first,
    endStructure: end,
    firstRow,
    rows: endRow - firstRow,
    centreCount,
    groupCount,
    atoms,
    atomsLow,
    structures: structureRanges,
    centres,
    groups,
    members,
  };
}
