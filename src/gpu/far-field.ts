/**
 * The Ewald far field of a chunk's periodic structures, in the layout expand.wgsl reads: per centre of the chunk,
 * [a·H + lm] = Y_lm(∇)V^a_far(r_i)/(2l−1)!! (S species, H = (l_max+1)² harmonics) followed by the S background
 * curvatures κ_a (src/lode/ewald.ts); zeros for clusters, and when no feature uses the potential.
 * The host sums the near pairs' −φ_LR (large, cancelling the near images' φ of the expansion pass), the slab's
 * sheets and the background in f64 (the CPU engine's code) and packs what the device needs for the rest: the sources
 * within the real-space radius and the far pairs' radial spline (real-space.wgsl), the waves, their weights and the
 * atoms' phase tables (reciprocal.wgsl).
 */
import type { Structure } from '../chem/structure.ts';
import {
  ewaldFarField,
  farFieldInputOf,
  farPairReach,
  farPairSpline,
  phaseTables,
  reciprocalWaves,
  type FarFieldInput,
} from '../lode/ewald.ts';
import type { FeaturePlan } from '../lode/feature-plan.ts';
import type { Chunk } from './batch.ts';
import { periodicImages } from './periodic-images.ts';
import { FIELDS_OF } from '../lode/feature-spec.ts';
import { harmonicCount } from '../lode/spherical-harmonics.ts';

export interface FarFieldChunk {
  /** The far field without its reciprocal sum, per centre (farFieldWidth values). */
  readonly far: Float32Array<ArrayBuffer>;
  readonly waveCount: number;
  /** Two vec4 per structure: (first wave, wave count, first phase, atom count), (w0, w1, w2, first source). */
  readonly cells: Uint32Array<ArrayBuffer>;
  /** vec4 per wave: structure (chunk-local), n0 + N0, n1 + N1, n2 + N2. */
  readonly waves: Uint32Array<ArrayBuffer>;
  /** H per wave: the reciprocal weights w_lm(k). */
  readonly weights: Float32Array<ArrayBuffer>;
  /** vec2 per (structure, direction, atom, n): cos, sin of n·θ_d(r_j). */
  readonly phases: Float32Array<ArrayBuffer>;
  /** The real-space pass's Cell per structure (real-space.wgsl), its sources and its spline knots. */
  readonly realCells: Uint32Array<ArrayBuffer>;
  readonly realSources: Float32Array<ArrayBuffer>;
  readonly realKnots: Float32Array<ArrayBuffer>;
}

/** f32 values per centre in the far-field buffer. */
export function farFieldWidth(plan: Pick<FeaturePlan, 'hypers'>): number {
  const { species, lMax } = plan.hypers;
  return species.length * (harmonicCount(lMax) + 1);
}

/** `nearRange`: the tables' range, within which the chunk's sources are projected exactly instead. */
export function packFarFields(
  structures: readonly Structure[],
  plan: FeaturePlan,
  chunk: Chunk,
  nearRange: number,
): FarFieldChunk {
  const first = chunk.firstStructure;
  const end = chunk.endStructure;
  const width = farFieldWidth(plan);
  const nHarm = harmonicCount(plan.hypers.lMax);
  const species = plan.hypers.species.length;
  let centres = 0;
  for (let s = first; s < end; s++) centres += plan.centres[s].length;
  const far = new Float32Array(centres * width);
  const cells = new Uint32Array(8 * (end - first));
  const waves: number[] = [];
  const weights: Float64Array[] = [];
  const phases: Float64Array[] = [];
  let phaseCount = 0;
  const realCells = new Uint32Array(8 * (end - first));
  const realSources: Float64Array[] = [];
  const realKnots: Float64Array[] = [];
  let sourceCount = 0;
  let knotCount = 0;
  const kinds = [...plan.kinds, ...plan.vectorKinds];
  const potential = kinds.some((kind) => FIELDS_OF[kind].includes('potential'));
  let centre = 0;
  for (let s = first; s < end; s++) {
    const lattice = plan.lattices[s];
    const count = plan.centres[s].length;
    const local = s - first;
    cells[8 * local + 7] = chunk.structures[4 * local];
    if (lattice && potential) {
      const input = farFieldInputOf({
        lattice,
        structure: structures[s],
        channels: plan.channels[s],
        centres: plan.centres[s],
        hypers: plan.hypers,
        nearRange,
        options: plan.ewald,
      });
      const { multipoles, curvature } = ewaldFarField(input, { farPairs: false, reciprocal: false });
      for (let c = 0; c < count; c++) {
        far.set(multipoles.subarray(c * species * nHarm, (c + 1) * species * nHarm), (centre + c) * width);
        far.set(curvature, (centre + c) * width + width - species);
      }
      const reciprocal = reciprocalWaves(lattice, input.parameters, plan.hypers.lMax);
      const tables = phaseTables(input.positions, reciprocal.duals, reciprocal.bounds);
      const atoms = input.channels.length;
      const widths = reciprocal.bounds.map((b) => 2 * b + 1);
      cells.set([waves.length / 4, reciprocal.indices.length / 3, phaseCount, atoms], 8 * local);
      cells.set(widths, 8 * local + 4);
      for (let w = 0; w < reciprocal.indices.length; w += 3) {
        waves.push(local, ...[0, 1, 2].map((d) => reciprocal.indices[w + d] + reciprocal.bounds[d]));
      }
      weights.push(reciprocal.weights);
      phases.push(...tables);
      phaseCount += atoms * (widths[0] + widths[1] + widths[2]);
      const real = realSpaceInputs(input, plan.centres[s]);
      const bits = new Float32Array(realCells.buffer, 32 * local, 8);
      realCells.set([sourceCount, real.sources.length / 4, knotCount, real.far.knotCount], 8 * local);
      bits.set([real.far.spacing, input.parameters.realRadius, nearRange], 4);
      realCells[8 * local + 7] = chunk.structures[4 * local];
      realSources.push(real.sources);
      realKnots.push(real.far.knots);
      sourceCount += real.sources.length / 4;
      knotCount += real.far.knots.length / 2;
    }
    centre += count;
  }
  return {
    far,
    waveCount: waves.length / 4,
    cells,
    waves: Uint32Array.from(waves),
    weights: concatenate(weights),
    phases: concatenate(phases),
    realCells,
    realSources: concatenate(realSources),
    realKnots: concatenate(realKnots),
  };
}

/**
 * A structure's real-space sources (its atoms, then the images within the real-space radius of a centre) as vec4
 * (x, y, z relative to the atoms' centroid, channel), and the spline of the far pairs' radial factors.
 */
function realSpaceInputs(input: FarFieldInput, centres: readonly number[]) {
  const { lattice, positions, channels } = input;
  const images = periodicImages(lattice, positions, centres, farPairReach(input));
  const atoms = channels.length;
  const centroid = [0, 1, 2].map((x) => {
    let sum = 0;
    for (let j = 0; j < atoms; j++) sum += positions[3 * j + x] / atoms;
    return sum;
  });
  const sources = new Float64Array(4 * (atoms + images.atoms.length));
  const put = (slot: number, from: Float64Array, index: number, channel: number) => {
    for (let x = 0; x < 3; x++) sources[4 * slot + x] = from[3 * index + x] - centroid[x];
    sources[4 * slot + 3] = channel;
  };
  for (let j = 0; j < atoms; j++) put(j, positions, j, channels[j]);
  images.atoms.forEach((j, i) => put(atoms + i, images.positions, i, channels[j]));
  return { sources, far: farPairSpline(input) };
}

function concatenate(parts: readonly Float64Array[]): Float32Array<ArrayBuffer> {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
