/**
 * The Ewald far field of a chunk's periodic structures, in the layout expand.wgsl reads: per centre of the chunk,
 * [a·H + lm] = Y_lm(∇)V^a_far(r_i)/(2l−1)!! (S species, H = (l_max+1)² harmonics) followed by the S background
 * curvatures κ_a (src/lode/ewald.ts); zeros for clusters, and when no feature uses the potential. The lattice sums run in f64 (the CPU engine's), so the
 * far field enters the f32 coefficients rounded once.
 */
import type { Structure } from '../chem/structure.ts';
import { farFieldOf } from '../lode/ewald.ts';
import type { FeaturePlan } from '../lode/feature-plan.ts';
import { FIELDS_OF } from '../lode/feature-spec.ts';
import { harmonicCount } from '../lode/spherical-harmonics.ts';

/** f32 values per centre in the far-field buffer. */
export function farFieldWidth(plan: Pick<FeaturePlan, 'hypers'>): number {
  const { species, lMax } = plan.hypers;
  return species.length * (harmonicCount(lMax) + 1);
}

export function packFarFields(
  structures: readonly Structure[],
  plan: FeaturePlan,
  [first, end]: [number, number],
  nearRange: number,
): Float32Array<ArrayBuffer> {
  const width = farFieldWidth(plan);
  const species = plan.hypers.species.length;
  let centres = 0;
  for (let s = first; s < end; s++) centres += plan.centres[s].length;
  const out = new Float32Array(centres * width);
  const kinds = [...plan.kinds, ...plan.vectorKinds];
  if (!kinds.some((kind) => FIELDS_OF[kind].includes('potential'))) return out;
  let centre = 0;
  for (let s = first; s < end; s++) {
    const lattice = plan.lattices[s];
    const count = plan.centres[s].length;
    if (lattice) {
      const { multipoles, curvature } = farFieldOf({
        lattice,
        structure: structures[s],
        channels: plan.channels[s],
        centres: plan.centres[s],
        hypers: plan.hypers,
        nearRange,
        options: plan.ewald,
      });
      const perCentre = multipoles.length / Math.max(count, 1);
      for (let c = 0; c < count; c++) {
        out.set(multipoles.subarray(c * perCentre, (c + 1) * perCentre), (centre + c) * width);
        out.set(curvature, (centre + c) * width + width - species);
      }
    }
    centre += count;
  }
  return out;
}
