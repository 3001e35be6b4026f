/**
 * Ewald parameters from a requested accuracy: the splitting width η, the real-space radius, the reciprocal cutoff
 * and, for slabs, the periods along the normal of the 3D reciprocal sum (one per in-plane wave, planeMultiple). η
 * minimises an estimate of the work (real-space pairs against k-vectors per centre) unless it is given.
 *
 * Accuracy ε bounds, at every angular order l ≤ l_max, what a truncation takes from a unit charge's contribution to
 * the coefficients of the ball (order l of the far field is worth r_c^l/(2l−1)!! times its l-th derivative), relative
 * to that charge's monopole where it is cut: 1/R for the real-space radius R, 1/η for the reciprocal cutoff and the
 * periodic copies of a slab along its normal (imageGap).
 */
import erfc from '@stdlib/math-base-special-erfc';
import { BoundedCache } from '../util/bounded-cache.ts';
import { inverseDoubleFactorials } from './ewald-radials.ts';
import type { LodeHypers } from './hypers.ts';
import { dot, type Lattice } from './lattice.ts';

export interface EwaldOptions {
  /** Relative accuracy of the lattice sums (default 1e−8). */
  readonly accuracy?: number;
  /** Splitting width η (Å) of φ = φ_SR + φ_LR, φ_LR(s) = erf(s/√2η)/s; default: chosen for speed. */
  readonly eta?: number;
}

export const DEFAULT_EWALD_ACCURACY = 1e-8;

export interface EwaldParameters {
  /** The requested accuracy ε. */
  readonly accuracy: number;
  readonly eta: number;
  /** Pairs farther apart than this leave their whole potential to the reciprocal sum. */
  readonly realRadius: number;
  /** Largest |k| of the reciprocal sum (Å⁻¹). */
  readonly kCutoff: number;
  /**
   * Slab: period along the normal of the grid of the 3D reciprocal sum (Å); an in-plane wave takes every m-th k_z of
   * it (period slabHeight/m, planeMultiple). Bulk: 0.
   */
  readonly slabHeight: number;
  /** Slab: extent of the atoms along the normal (Å), which sets each in-plane wave's period; bulk: 0. */
  readonly slabThickness: number;
  /** The l_max and r_c (Å) that the accuracy is for. */
  readonly lMax: number;
  readonly cutoff: number;
}

/** What η is chosen for: not the centres, so that an atom's features do not depend on which others are centres. */
export interface EwaldWorkload {
  readonly atoms: number;
  /** Extent of the atoms along the slab normal (Å); 0 for bulk. */
  readonly thickness: number;
  /**
   * Cost of a real-space image pair per centre (each pair of centres done once) against a (centre, k) term of the
   * reciprocal sum, in the code that does the sums (default DEFAULT_PAIR_COST).
   */
  readonly pairCost?: number;
}

/**
 * The first x ≥ 1 (to 1e−3) from which remainder(x) ≤ ε: steps of ¼ to the first x where it holds, then bisection
 * (the remainders fall monotonically once past their peak, below x ≈ √l_max).
 */
function firstBelow(remainder: (x: number) => number, accuracy: number): number {
  let hi = 1;
  while (remainder(hi) > accuracy) hi += 0.25;
  let lo = Math.max(1, hi - 0.25);
  if (lo === hi) return hi;
  while (hi - lo > 1e-3) {
    const mid = 0.5 * (lo + hi);
    if (remainder(mid) > accuracy) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Smallest t = R/(√2η) whose real-space remainders b_l(t)·(r_c/R)^l/(2l−1)!! are all ≤ ε (b_l = B_l·R^{2l+1}, see
 * ewald-radials.ts; `ball` = r_c/(√2η)).
 */
export function realSpaceFactor(accuracy: number, lMax: number, ball: number): number {
  const inverseDf = inverseDoubleFactorials(lMax);
  return firstBelow((t) => {
    let b = erfc(t);
    let worst = b;
    const gauss = Math.exp(-t * t) / Math.sqrt(Math.PI);
    for (let l = 1; l <= lMax; l++) {
      b = (2 * l - 1) * b + 2 ** l * t ** (2 * l - 1) * gauss;
      worst = Math.max(worst, b * (ball / t) ** l * inverseDf[l]);
    }
    return worst;
  }, accuracy);
}

/** Smallest u = ηK whose remainders (2/π) u^{l−1} e^{−u²/2} (r_c/η)^l/(2l−1)!! are all ≤ ε (`ball` = r_c/η). */
export function reciprocalFactor(accuracy: number, lMax: number, ball: number): number {
  const inverseDf = inverseDoubleFactorials(lMax);
  return firstBelow((u) => {
    let worst = 0;
    for (let l = 0; l <= lMax; l++) {
      const tail = (2 / Math.PI) * u ** (l - 1) * Math.exp(-0.5 * u * u) * ball ** l;
      worst = Math.max(worst, tail * inverseDf[l]);
    }
    return worst;
  }, accuracy);
}

/** Length of the shortest non-zero reciprocal vector of the periodic plane (slab). */
export function shortestPlaneWavevector(lattice: Lattice): number {
  const [g1, g2] = lattice.duals;
  let shortest = Infinity;
  for (let n1 = -3; n1 <= 3; n1++) {
    for (let n2 = -3; n2 <= 3; n2++) {
      if (n1 === 0 && n2 === 0) continue;
      const k = [0, 1, 2].map((x) => 2 * Math.PI * (n1 * g1[x] + n2 * g2[x])) as [number, number, number];
      shortest = Math.min(shortest, Math.sqrt(dot(k, k)));
    }
  }
  return shortest;
}

/** EwaldWorkload's pairCost unless given: pair loops against a loop over waves and centres, both in TypeScript. */
export const DEFAULT_PAIR_COST = 0.6;

interface Target {
  readonly accuracy: number;
  readonly lMax: number;
  readonly cutoff: number;
  /** The lattice and the above, as a key of the slab's kept PlaneWaves (with η). */
  readonly key: string;
}

/**
 * Distance d along the normal to the nearest periodic copy of the slab that the reciprocal sum may leave for in-plane
 * wave k: a copy adds (2π/Ak) e^{−kd} to the potential, worth (r_c k)^l/(2l−1)!! at order l; relative to 1/η this is
 * ≤ ε. Its erfc part, e^{−d²/2η²}, is below ε once d ≥ the real-space radius.
 */
function imageGap(
  accuracy: number,
  lMax: number,
  cutoff: number,
  eta: number,
  area: number,
  k: number,
): number {
  const inverseDf = inverseDoubleFactorials(lMax);
  let order = 0;
  for (let l = 0; l <= lMax; l++) order = Math.max(order, Math.log((cutoff * k) ** l * inverseDf[l]));
  const amplitude = Math.log((2 * Math.PI * eta) / (area * k));
  return Math.max(0, (Math.log(1 / accuracy) + amplitude + order) / k);
}

/** What a slab's image gaps depend on. */
type GapRule = Pick<EwaldParameters, 'accuracy' | 'lMax' | 'cutoff' | 'eta' | 'realRadius'>;

/** The gap to the periodic copies that in-plane wave k needs: imageGap, and at least the real-space radius. */
const planeGap = (rule: GapRule, area: number, k: number) =>
  Math.max(imageGap(rule.accuracy, rule.lMax, rule.cutoff, rule.eta, area, k), rule.realRadius);

/**
 * The step, in units of the grid's 2π/slabHeight, between the k_z of a slab's in-plane wave k: the largest m whose
 * period slabHeight/m still spans the atoms and the wave's gap. Each in-plane wave's sum along the normal stands
 * alone (its copies decay as e^{−kd}), so each may have its own period: short waves need a short one, with fewer k_z.
 */
export function planeMultiple(parameters: EwaldParameters, area: number, k: number): number {
  const height = parameters.slabThickness + planeGap(parameters, area, k);
  return Math.max(1, Math.floor(parameters.slabHeight / height));
}

/**
 * Real-space radius and reciprocal cutoff per (accuracy, l_max, r_c, η), kept: every structure scans the same η grid,
 * and finding them took most of the time of a choice (a few ms, per part of the far field).
 */
const cutoffs = new Map<string, { realRadius: number; kCutoff: number }>();
const CUTOFFS_KEPT = 10_000;

function cutoffsFor(accuracy: number, lMax: number, cutoff: number, eta: number) {
  const key = `${accuracy} ${lMax} ${cutoff} ${eta}`;
  let found = cutoffs.get(key);
  if (!found) {
    if (cutoffs.size >= CUTOFFS_KEPT) cutoffs.clear();
    found = {
      realRadius: Math.SQRT2 * eta * realSpaceFactor(accuracy, lMax, cutoff / (Math.SQRT2 * eta)),
      kCutoff: reciprocalFactor(accuracy, lMax, cutoff / eta) / eta,
    };
    cutoffs.set(key, found);
  }
  return found;
}

/** A slab's in-plane waves within the cutoff: each one's gap (planeGap) and its k_z reach √(K² − k²)/2π. */
interface PlaneWaves {
  readonly gaps: Float64Array;
  readonly reaches: Float64Array;
  /** The gap of the shortest in-plane wave, even beyond the cutoff: the grid is never flat. */
  readonly shortestGap: number;
}

/** PlaneWaves per lattice plane and η (the same η grid for every structure of a cell). */
const planeWaves = new BoundedCache<string, PlaneWaves>(1000);

/** The in-plane waves (half of them, k∥ = 0 out, as in ewald.ts's reciprocalWaves) of a slab within kCutoff. */
function planeWavesOf(lattice: Lattice, rule: GapRule, kCutoff: number, key: string): PlaneWaves {
  return planeWaves.get(key, () => {
    const [g0, g1] = lattice.duals;
    const [b0, b1] = lattice.vectors.map((v) => Math.floor((kCutoff * Math.sqrt(dot(v, v))) / (2 * Math.PI)));
    const gaps: number[] = [];
    const reaches: number[] = [];
    for (let n0 = 0; n0 <= b0; n0++) {
      for (let n1 = n0 === 0 ? 1 : -b1; n1 <= b1; n1++) {
        const k = [0, 1, 2].map((x) => 2 * Math.PI * (n0 * g0[x] + n1 * g1[x])) as [number, number, number];
        const k2 = dot(k, k);
        if (k2 > kCutoff * kCutoff) continue;
        gaps.push(planeGap(rule, lattice.measure, Math.sqrt(k2)));
        reaches.push(Math.sqrt(kCutoff * kCutoff - k2) / (2 * Math.PI));
      }
    }
    return {
      gaps: Float64Array.from(gaps),
      reaches: Float64Array.from(reaches),
      shortestGap: planeGap(rule, lattice.measure, shortestPlaneWavevector(lattice)),
    };
  });
}

/**
 * Grid periods tried: multiples of the tallest period a wave needs, so that the other waves find periods
 * slabHeight/m closer to theirs, at the price of a longer phase table along the normal.
 */
const GRID_MULTIPLES = [1, 2, 3, 4];
/** Cost of an entry of the phase table along the normal (per atom) against a (centre, k) term of the sum. */
const PHASE_ENTRY_COST = 1;

/**
 * The slab's grid period with the fewest (centre, k) terms, phase table included, and that count per centre; none
 * (Infinity) when even one wave per in-plane wave is over `budget`.
 */
function slabGrid(
  lattice: Lattice,
  thickness: number,
  rule: GapRule,
  kCutoff: number,
  budget: number,
  key: string,
): { height: number; waves: number } {
  // The in-plane waves within the cutoff number about A·K²/4π (half the disc): far over budget, not worth listing.
  if ((lattice.measure * kCutoff ** 2) / (8 * Math.PI) > budget) return { height: 0, waves: Infinity };
  const { gaps, reaches, shortestGap } = planeWavesOf(lattice, rule, kCutoff, key);
  if (gaps.length > budget) return { height: 0, waves: Infinity };
  let tallest = thickness + shortestGap;
  for (const gap of gaps) tallest = Math.max(tallest, thickness + gap);
  let best = { height: tallest, waves: Infinity };
  for (const multiple of GRID_MULTIPLES) {
    const height = multiple * tallest;
    let waves = PHASE_ENTRY_COST * (2 * Math.floor((kCutoff * height) / (2 * Math.PI)) + 1);
    for (let p = 0; p < gaps.length; p++) {
      const step = Math.max(1, Math.floor(height / (thickness + gaps[p])));
      waves += 2 * Math.floor((reaches[p] * height) / step) + 1;
    }
    if (waves < best.waves) best = { height, waves };
  }
  return best;
}

function parametersFor(
  lattice: Lattice,
  work: EwaldWorkload,
  eta: number,
  { accuracy, lMax, cutoff, key }: Target,
  bestCost = Infinity,
): EwaldParameters & { cost: number } {
  const { realRadius, kCutoff } = cutoffsFor(accuracy, lMax, cutoff, eta);
  const common = { accuracy, eta, realRadius, kCutoff, lMax, cutoff };
  const pairCost = work.pairCost ?? DEFAULT_PAIR_COST;
  if (lattice.kind === 'slab') {
    // Atoms per area times the part of the sphere's cross-section that the slab fills.
    const disc = Math.PI * realRadius ** 2;
    const pairs =
      (work.atoms / lattice.measure) *
      disc *
      Math.min(1, (4 * realRadius) / (3 * Math.max(work.thickness, 1e-3)));
    const budget = bestCost / Math.max(work.atoms, 1) - pairCost * pairs;
    const { height, waves } = slabGrid(lattice, work.thickness, common, kCutoff, budget, `${key} ${eta}`);
    // Every atom a centre: real-space pairs and reciprocal terms per centre (the structure factors are cheap).
    const cost = work.atoms * (pairCost * pairs + waves);
    return { ...common, slabHeight: height, slabThickness: work.thickness, cost };
  }
  const pairs = (work.atoms / lattice.measure) * ((4 / 3) * Math.PI * realRadius ** 3);
  const kVectors = (lattice.measure * kCutoff ** 3) / (12 * Math.PI ** 2);
  const cost = work.atoms * (pairCost * pairs + kVectors);
  return { ...common, slabHeight: 0, slabThickness: 0, cost };
}

/** Parameters for `lattice` and `work`; η from the options, or the cheapest on a grid from σ to 30 Å. */
export function ewaldParameters(
  lattice: Lattice,
  work: EwaldWorkload,
  hypers: Pick<LodeHypers, 'lMax' | 'sigma' | 'cutoff'>,
  options: EwaldOptions = {},
): EwaldParameters {
  const { lMax, sigma, cutoff } = hypers;
  const accuracy = options.accuracy ?? DEFAULT_EWALD_ACCURACY;
  const key = JSON.stringify([lattice.vectors, accuracy, lMax, cutoff]);
  const target = { accuracy, lMax, cutoff, key };
  const grid = [options.eta ?? sigma];
  if (options.eta === undefined) for (let eta = sigma * 1.05; eta <= 30; eta *= 1.05) grid.push(eta);
  // From wide to narrow: the cheapest comes early, and then a narrow η's many waves are over budget unlisted.
  let best = parametersFor(lattice, work, grid[grid.length - 1], target);
  for (let g = grid.length - 2; g >= 0; g--) {
    const candidate = parametersFor(lattice, work, grid[g], target, best.cost);
    if (candidate.cost < best.cost) best = candidate;
  }
  const { eta, realRadius, kCutoff, slabHeight, slabThickness } = best;
  return { accuracy: target.accuracy, eta, realRadius, kCutoff, slabHeight, slabThickness, lMax, cutoff };
}
