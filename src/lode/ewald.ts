/**
 * The far field of a periodic structure's atom-density potential around each centre, by Ewald summation.
 *
 * expansion.ts projects every source image nearer than the table range r_t = r_c + 6σ exactly. What remains,
 * V_far = V − Σ_near φ, has no charge in the ball but the bulk's uniform background, so inside the ball
 * V_far(r_i + x) = Σ_lm L_lm |x|^l Y_lm(x̂) + κ|x|² (κ = 2πN_a/3Ω for bulk, 0 for slabs), and projects to
 * c_nlm = L_lm ∫R_n r^{l+2} dr (plus κ's l = 0 term). With Y_lm(∇) (the harmonic as a differential operator),
 * L_lm = 4π/(2l+1)!! · Y_lm(∇)V_far(r_i), i.e. c_nlm = t_nl · Y_lm(∇)V_far(r_i)/(2l−1)!! with the multipole tail
 * t_nl of the potential table — the same sums as a finite structure's distant atoms (expansion.ts).
 *
 * Y_lm(∇)V_far(r_i) is summed with the Ewald split φ = φ_SR + φ_LR, φ_LR(s) = erf(αs)/s, α = 1/(√2η), and
 * Hobson's theorem Y_lm(∇) f(|x|) = |x|^l Y_lm(x̂) (s⁻¹ d/ds)^l f:
 *  - far images within the real-space radius: (s⁻¹d/ds)^l erfc(αs)/s = (−1)^l B_l(s),
 *    B_0 = erfc(αs)/s, B_l = [(2l−1) B_{l−1} + (2α²)^l e^{−α²s²}/(α√π)]/s²;
 *  - near images (and the centre): −φ_LR, whose part E_l = (2l−1)!!/s^{2l+1} − B_l is smooth at s = 0;
 *  - every image's φ_LR in reciprocal space: Y_lm(∇)e^{ik·x} = (ik)^l Y_lm(k̂) e^{ik·x}, k = 0 dropped;
 *  - bulk: the uniform neutralising background, −N_a·2π(η² − σ²)/Ω (the k = 0 part of φ_SR);
 *  - slab: the 3D sum runs over k with a non-zero in-plane part only, each in-plane wave with its own period
 *    slabHeight/m along the normal (planeMultiple); the in-plane average (k∥ = 0) is exact instead:
 *    −(2π/A) Σ_j s_η(n̂·(x − r_j)),
 *    s_η(z) = z erf(αz) + e^{−α²z²}/(α√π), the potential of a Gaussian sheet with no additive constant.
 */
import type { Structure } from '../chem/structure.ts';
import { BoundedCache } from '../util/bounded-cache.ts';
import {
  ewaldParameters,
  planeMultiple,
  type EwaldOptions,
  type EwaldParameters,
} from './ewald-parameters.ts';
import type { LodeHypers } from './hypers.ts';
import {
  dot,
  dualVectors,
  latticeTranslations,
  reduceDisplacement,
  thickness,
  type Lattice,
  type Vec3,
} from './lattice.ts';
import {
  evaluateSpline,
  inverseDoubleFactorials,
  nearImageFactors,
  realSpaceSpline,
  sheetDerivatives,
  type RealSpaceSpline,
} from './ewald-radials.ts';
import { harmonicCount, realSphericalHarmonics, realSphericalHarmonicsUpTo4 } from './spherical-harmonics.ts';
import { multiplyTransposed } from './dense-product.ts';
import { distinctDisplacementShare, giveBackTable, takeTable } from './displacement-table.ts';
import { SimdEwald, simdEwaldEnabled, type RealSpaceSetup } from './ewald-simd.ts';
import { simdStructureFactors, simdStructureFactorsEnabled } from './structure-factors-simd.ts';

export interface FarField {
  /** [c·S·H + a·H + lm] = Y_lm(∇)V^a_far(r_i)/(2l−1)!! for centre c, species a (S species, H = (l_max+1)²). */
  readonly multipoles: Float64Array;
  /** Per species: κ_a, the coefficient of |x|² in V^a_far around any centre (bulk background), or 0 (slab). */
  readonly curvature: Float64Array;
}

export interface FarFieldInput {
  readonly lattice: Lattice;
  readonly positions: Float64Array;
  readonly channels: Int32Array;
  readonly speciesCount: number;
  readonly centres: ArrayLike<number>;
  /**
   * The atoms whose potential is summed (default: all). The far field is linear in its sources, each with its own
   * background (bulk) or sheet (slab): parts over disjoint sources add up to the whole, whatever η each part used.
   */
  readonly sources?: ArrayLike<number>;
  readonly lMax: number;
  readonly sigma: number;
  /** Images nearer than this are projected exactly by expansion.ts (the table range r_c + 6σ). */
  readonly nearRange: number;
  readonly parameters: EwaldParameters;
}

/**
 * out[base + lm] += sum[from + lm] for the centre, and, when the source is a centre too (mirror ≥ 0),
 * out[mirror + lm] += (−1)^l sum[from + lm]: seen from the source, the centre lies along −d̂ (Y_lm(−d̂) = (−1)^l Y_lm(d̂)).
 */
function addPairSum(
  out: Float64Array,
  base: number,
  mirror: number,
  lMax: number,
  sum: Float64Array,
  from: number,
): void {
  const count = harmonicCount(lMax);
  for (let k = 0; k < count; k++) out[base + k] += sum[from + k];
  if (mirror < 0) return;
  for (let l = 0; l <= lMax; l++) {
    const sign = (l & 1) === 0 ? 1 : -1;
    for (let k = l * l; k < (l + 1) * (l + 1); k++) out[mirror + k] += sign * sum[from + k];
  }
}

/** How far the real-space sum reaches: the splitting's real-space radius, and at least the tables' range. */
export const farPairReach = (input: Pick<FarFieldInput, 'nearRange' | 'parameters'>) =>
  Math.max(input.parameters.realRadius, input.nearRange);

/** The splines of the far fields met last: the structures of a request, and of the requests after it, share them. */
const splineCache = new BoundedCache<string, RealSpaceSpline>(4);

/**
 * The far pairs' radial factors s^l B_l(s)/(2l−1)!! as a spline from the tables' range to farPairReach (shared:
 * callers must not modify it).
 */
export function farPairSpline(
  input: Pick<FarFieldInput, 'lMax' | 'nearRange' | 'parameters'>,
): RealSpaceSpline {
  const { lMax, nearRange, parameters } = input;
  const { eta, accuracy } = parameters;
  const end = farPairReach(input);
  return splineCache.get(JSON.stringify([eta, nearRange, end, lMax, accuracy]), () =>
    realSpaceSpline(1 / (Math.SQRT2 * eta), nearRange, end, lMax, accuracy),
  );
}

/** The input's sources, and a flag per atom: 1 for a source, 0 otherwise. */
function sourcesOf(input: FarFieldInput): { sources: ArrayLike<number>; isSource: Uint8Array } {
  const atoms = input.channels.length;
  const sources = input.sources ?? Array.from({ length: atoms }, (_, j) => j);
  const isSource = new Uint8Array(atoms);
  for (let q = 0; q < sources.length; q++) isSource[sources[q]] = 1;
  return { sources, isSource };
}

/** A part of the far field yields the fraction of it done, at most this many times (and at its end). */
const REPORTS_PER_PART = 64;

/**
 * Displacements whose real-space sums are kept per part of the far field (at most this many rows of (l_max+1)² + 2
 * numbers: 2 MB at l_max 4); beyond, pairs are summed as they come.
 */
const KEPT_DISPLACEMENTS = 8192;

/**
 * Real-space part, every pair of atoms that are both centres and sources once (both ends are updated); other pairs,
 * and a centre's own images, from the centre's side only. A pair's sum over its images depends on its displacement
 * (reduced into the cell) only: pairs with the same one (a crystal's) share one sum, bit for bit. Yields the
 * fraction of centres done.
 */
function* addRealSpace(input: FarFieldInput, out: Float64Array, farPairs: boolean): Generator<number> {
  const { lattice, positions, channels, speciesCount, centres, lMax, nearRange, parameters } = input;
  const alpha = 1 / (Math.SQRT2 * parameters.eta);
  const reach = farPairs ? farPairReach(input) : nearRange;
  const { sources, isSource } = sourcesOf(input);
  const centreOf = new Int32Array(channels.length).fill(-1);
  for (let c = 0; c < centres.length; c++) centreOf[centres[c]] = c;
  const setup: RealSpaceSetup = {
    ...{ lattice, positions, channels, speciesCount, centres, sources, isSource, centreOf, lMax, alpha },
    inverseDf: inverseDoubleFactorials(lMax),
    translations: latticeTranslations(lattice, reach),
    reach,
    nearRange,
    spline: farPairs ? farPairSpline(input) : null,
    splineEnd: parameters.realRadius,
    selfTerm: (2 * alpha) / Math.sqrt(Math.PI) / Math.sqrt(4 * Math.PI),
    keptRows: KEPT_DISPLACEMENTS,
  };
  yield* simdEwaldEnabled() ? simdRealSpace(setup, out) : typescriptRealSpace(setup, out);
}

/** The centres done between two reports of addRealSpace. */
const centresPerReport = (centres: number) => Math.ceil(centres / REPORTS_PER_PART);

/** addRealSpace on the WebAssembly SIMD kernels (ewald-simd.ts). */
function* simdRealSpace(setup: RealSpaceSetup, out: Float64Array): Generator<number> {
  const { centres } = setup;
  const simd = new SimdEwald(setup, out);
  try {
    const reportEvery = centresPerReport(centres.length);
    for (let c = 0; c < centres.length; c += reportEvery) {
      yield c / centres.length;
      simd.sumCentres(Math.min(c + reportEvery, centres.length));
    }
  } finally {
    simd.finish(out);
  }
}

/** addRealSpace's TypeScript loops: the reference of the kernels, and where WebAssembly SIMD is missing. */
function* typescriptRealSpace(setup: RealSpaceSetup, out: Float64Array): Generator<number> {
  const { lattice, positions: p, channels, speciesCount, centres, sources, isSource, centreOf } = setup;
  const { lMax, alpha, inverseDf, translations, reach, nearRange, spline, splineEnd, selfTerm } = setup;
  const nHarm = harmonicCount(lMax);
  const closedForm = lMax <= 4;
  const ylm = new Float64Array(closedForm ? harmonicCount(4) : nHarm);
  const scratch = new Float64Array(nHarm);
  const factors = new Float64Array(lMax + 1);
  const d0 = new Float64Array(3);
  // A row: f_l(s) Y_lm(d̂) summed over the pair's images, then 1 if one image is the centre itself (s = 0), then
  // the number of other images.
  const width = nHarm + 2;
  const table = takeTable(width, setup.keptRows);
  const unkept = new Float64Array(width);

  /** Writes the row of displacement d0 to into[at..]. */
  const sumImages = (into: Float64Array, at: number) => {
    const limit = reach + Math.sqrt(d0[0] * d0[0] + d0[1] * d0[1] + d0[2] * d0[2]);
    into.fill(0, at, at + width);
    for (let t = 0; t < translations.length; t += 4) {
      if (translations[t + 3] >= limit) break;
      const dx = d0[0] + translations[t];
      const dy = d0[1] + translations[t + 1];
      const dz = d0[2] + translations[t + 2];
      const s2 = dx * dx + dy * dy + dz * dz;
      if (s2 >= reach * reach) continue;
      if (s2 === 0) {
        into[at + nHarm] = 1;
        continue;
      }
      const s = Math.sqrt(s2);
      if (s < nearRange) {
        nearImageFactors(alpha, s, lMax, inverseDf, factors);
      } else if (spline && s < splineEnd) {
        evaluateSpline(spline, s, lMax, factors);
      } else {
        continue;
      }
      if (closedForm) realSphericalHarmonicsUpTo4(dx, dy, dz, ylm);
      else realSphericalHarmonics(lMax, dx, dy, dz, ylm, 0, scratch);
      for (let l = 0; l <= lMax; l++) {
        const f = factors[l];
        for (let k = l * l; k < (l + 1) * (l + 1); k++) into[at + k] += f * ylm[k];
      }
      into[at + nHarm + 1]++;
    }
  };

  const reportEvery = centresPerReport(centres.length);
  for (let c = 0; c < centres.length; c++) {
    if (c % reportEvery === 0) yield c / centres.length;
    const i = centres[c];
    for (let q = 0; q < sources.length; q++) {
      const j = sources[q];
      // Is this the other end of a pair that is done from both ends at once? Only when i is a source too.
      const other = isSource[i] === 1 ? centreOf[j] : -1;
      // A pair of distinct centres is done from its lower atom index.
      if (other >= 0 && j < i) continue;
      d0[0] = p[3 * j] - p[3 * i];
      d0[1] = p[3 * j + 1] - p[3 * i + 1];
      d0[2] = p[3 * j + 2] - p[3 * i + 2];
      reduceDisplacement(lattice, d0);
      let row = table.find(d0[0], d0[1], d0[2]);
      if (row < 0) {
        row = table.insert(d0[0], d0[1], d0[2]);
        sumImages(row < 0 ? unkept : table.rows, row < 0 ? 0 : row * table.stride + 3);
      }
      const sums = row < 0 ? unkept : table.rows;
      const at = row < 0 ? 0 : row * table.stride + 3;
      const base = (c * speciesCount + channels[j]) * nHarm;
      // The centre itself: only l = 0 of −φ_LR survives at s = 0.
      if (sums[at + nHarm] === 1) out[base] -= selfTerm;
      if (sums[at + nHarm + 1] === 0) continue;
      const mirror = other >= 0 && j !== i ? (other * speciesCount + channels[i]) * nHarm : -1;
      addPairSum(out, base, mirror, lMax, sums, at);
    }
  }
  giveBackTable(table);
}

/** The reciprocal lattice of the sum: bulk, or the slab's plane with the normal at period slabHeight. */
function sumCell(lattice: Lattice, slabHeight: number): { vectors: Vec3[]; volume: number } {
  if (lattice.kind === 'bulk') return { vectors: [...lattice.vectors], volume: lattice.measure };
  const n = lattice.normal!;
  const c: Vec3 = [n[0] * slabHeight, n[1] * slabHeight, n[2] * slabHeight];
  return { vectors: [...lattice.vectors, c], volume: lattice.measure * slabHeight };
}

/** The tables of the last phaseTables call, and the positions and waves they are for. */
let lastPhases: {
  readonly positions: Float64Array;
  readonly duals: Vec3[];
  readonly bounds: number[];
  readonly tables: Float64Array[];
} | null = null;

/**
 * cos/sin(n·θ_k(r_j)) for n = −N_k..N_k per atom j and direction k, θ_k = b_k·r (b_k = 2π·dual). Rows of atoms
 * that sit where the same atom sat in the previous call are copied from its table of a direction with the same dual
 * and N_k: a slab under a molecule that moves from structure to structure (most of the trigonometry otherwise) costs
 * little, even as the height of its sum cell, and so its dual along the normal, follows the molecule.
 */
export function phaseTables(positions: Float64Array, duals: Vec3[], bounds: number[]): Float64Array[] {
  const atoms = positions.length / 3;
  const last = lastPhases;
  const unmoved = (j: number) =>
    last !== null &&
    3 * j + 2 < last.positions.length &&
    Object.is(last.positions[3 * j], positions[3 * j]) &&
    Object.is(last.positions[3 * j + 1], positions[3 * j + 1]) &&
    Object.is(last.positions[3 * j + 2], positions[3 * j + 2]);
  const tables = duals.map((g, k) => {
    const width = 2 * bounds[k] + 1;
    const table = new Float64Array(atoms * width * 2);
    const before =
      last !== null && last.bounds[k] === bounds[k] && last.duals[k].every((x, d) => Object.is(x, g[d]))
        ? last.tables[k]
        : null;
    for (let j = 0; j < atoms; j++) {
      const row = j * width * 2;
      if (before && unmoved(j)) {
        table.set(before.subarray(row, row + width * 2), row);
        continue;
      }
      const theta =
        2 * Math.PI * (g[0] * positions[3 * j] + g[1] * positions[3 * j + 1] + g[2] * positions[3 * j + 2]);
      for (let n = -bounds[k]; n <= bounds[k]; n++) {
        const at = (j * width + n + bounds[k]) * 2;
        table[at] = Math.cos(n * theta);
        table[at + 1] = Math.sin(n * theta);
      }
    }
    return table;
  });
  lastPhases = { positions: Float64Array.from(positions), duals, bounds, tables };
  return tables;
}

/** The waves of the reciprocal sum and what each contributes per unit of e^{ik·(r_i − r_j)}. */
export interface ReciprocalWaves {
  /** Duals of the sum's cell (sumCell) and the largest |n_k| along each: phaseTables' arguments. */
  readonly duals: Vec3[];
  readonly bounds: number[];
  /**
   * n0, n1, n2 per wave, k = 2π Σ n_k·dual_k: half of k-space (k and −k conjugate), k = 0 and a slab's k∥ = 0 out; a
   * slab's n2 are the multiples of its plane's step m (planeMultiple).
   */
  readonly indices: Int32Array;
  /** The first wave of each plane of fixed (n0, n1), and the wave count at the end: the waves come plane by plane. */
  readonly planes: Int32Array;
  /**
   * [wave·H + lm] = 2·(4π/Ω)e^{−η²k²/2}/k² · k^l Y_lm(k̂)/(2l−1)!!: the factor 2 adds the −k term; Ω is the sum
   * cell's volume, for a slab A·slabHeight/m with its plane's step m.
   */
  readonly weights: Float64Array;
  /**
   * [r·K + wave] (K waves) = ±weights[wave·H + lm] for the r-th harmonic lm of even l (`even`) or of odd l (`odd`),
   * in (l, m) order; + for l mod 4 = 0 or 3, as Re[i^l z] = ±Re z (even l), ±Im z (odd l).
   */
  readonly projections: { readonly even: Float64Array; readonly odd: Float64Array };
}

/** The waves of the lattices met last: the structures of a request usually share their cell. */
const wavesCache = new BoundedCache<string, ReciprocalWaves>(4);

/** The waves of a lattice (shared: callers must not modify them). */
export function reciprocalWaves(
  lattice: Lattice,
  parameters: EwaldParameters,
  lMax: number,
): ReciprocalWaves {
  // Every number exactly (JSON keeps a double's digits, the replacer the sign of a zero).
  const key = JSON.stringify([lattice, parameters, lMax], (_, v: unknown) => (Object.is(v, -0) ? '-0' : v));
  return wavesCache.get(key, () => wavesOf(lattice, parameters, lMax));
}

function wavesOf(lattice: Lattice, parameters: EwaldParameters, lMax: number): ReciprocalWaves {
  const { eta, kCutoff, slabHeight } = parameters;
  const nHarm = harmonicCount(lMax);
  const { vectors, volume } = sumCell(lattice, slabHeight);
  const duals = dualVectors(vectors[0], vectors[1], vectors[2]);
  const bounds = vectors.map((v) => Math.floor((kCutoff * Math.sqrt(dot(v, v))) / (2 * Math.PI)));
  const inverseDf = inverseDoubleFactorials(lMax);
  const scratch = new Float64Array(nHarm);
  const indices: number[] = [];
  const weights: Float64Array[] = [];
  const slab = lattice.kind === 'slab';
  for (let n0 = 0; n0 <= bounds[0]; n0++) {
    for (let n1 = n0 === 0 ? 0 : -bounds[1]; n1 <= bounds[1]; n1++) {
      if (slab && n0 === 0 && n1 === 0) continue; // a slab's k∥ = 0 line is summed exactly by addSheets
      // A slab's in-plane wave takes every step-th k_z of the grid: its own period slabHeight/step along the normal.
      const px = 2 * Math.PI * (n0 * duals[0][0] + n1 * duals[1][0]);
      const py = 2 * Math.PI * (n0 * duals[0][1] + n1 * duals[1][1]);
      const pz = 2 * Math.PI * (n0 * duals[0][2] + n1 * duals[1][2]);
      const step = slab ? planeMultiple(parameters, lattice.measure, Math.hypot(px, py, pz)) : 1;
      const first = n0 === 0 && n1 === 0 ? 1 : -step * Math.floor(bounds[2] / step);
      for (let n2 = first; n2 <= bounds[2]; n2 += step) {
        const kx = px + 2 * Math.PI * n2 * duals[2][0];
        const ky = py + 2 * Math.PI * n2 * duals[2][1];
        const kz = pz + 2 * Math.PI * n2 * duals[2][2];
        const k2 = kx * kx + ky * ky + kz * kz;
        if (k2 > kCutoff * kCutoff) continue;
        const weighted = new Float64Array(nHarm);
        realSphericalHarmonics(lMax, kx, ky, kz, weighted, 0, scratch);
        let factor = ((8 * Math.PI * step) / volume) * (Math.exp(-0.5 * eta * eta * k2) / k2);
        const kNorm = Math.sqrt(k2);
        for (let l = 0; l <= lMax; l++) {
          for (let m = l * l; m < (l + 1) * (l + 1); m++) weighted[m] *= factor * inverseDf[l];
          factor *= kNorm;
        }
        indices.push(n0, n1, n2);
        weights.push(weighted);
      }
    }
  }
  const flat = new Float64Array(weights.length * nHarm);
  weights.forEach((w, i) => flat.set(w, i * nHarm));
  const [even, odd] = ([0, 1] as const).map((parity) => {
    const harmonics = harmonicsOfParity(lMax, parity);
    const rows = new Float64Array(harmonics.length * weights.length);
    harmonics.forEach((lm, r) => {
      const l = Math.floor(Math.sqrt(lm));
      const sign = l % 4 === 0 || l % 4 === 3 ? 1 : -1;
      weights.forEach((w, k) => (rows[r * weights.length + k] = sign * w[lm]));
    });
    return rows;
  });
  const planes = [0];
  for (let k = 1; k < weights.length; k++) {
    if (indices[3 * k] !== indices[3 * k - 3] || indices[3 * k + 1] !== indices[3 * k - 2]) planes.push(k);
  }
  planes.push(weights.length);
  return {
    duals,
    bounds,
    indices: Int32Array.from(indices),
    planes: Int32Array.from(planes),
    weights: flat,
    projections: { even, odd },
  };
}

/**
 * e^{ik·r_j} of atom j for every wave k into re[k], im[k], from the atoms' phaseTables: per plane of waves (fixed n0,
 * n1), the in-plane factor e^{i(n0θ0 + n1θ1)} once, times e^{i n2 θ2} along the plane.
 */
function phaseRow(
  waves: ReciprocalWaves,
  tables: readonly Float64Array[],
  j: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const { bounds, indices, planes } = waves;
  const t0 = tables[0];
  const t1 = tables[1];
  const t2 = tables[2];
  const row0 = (j * (2 * bounds[0] + 1) + bounds[0]) * 2;
  const row1 = (j * (2 * bounds[1] + 1) + bounds[1]) * 2;
  const row2 = (j * (2 * bounds[2] + 1) + bounds[2]) * 2;
  for (let p = 0; p + 1 < planes.length; p++) {
    const first = planes[p];
    const a0 = row0 + 2 * indices[3 * first];
    const a1 = row1 + 2 * indices[3 * first + 1];
    const pr = t0[a0] * t1[a1] - t0[a0 + 1] * t1[a1 + 1];
    const pi = t0[a0] * t1[a1 + 1] + t0[a0 + 1] * t1[a1];
    for (let k = first; k < planes[p + 1]; k++) {
      const a2 = row2 + 2 * indices[3 * k + 2];
      re[k] = pr * t2[a2] - pi * t2[a2 + 1];
      im[k] = pr * t2[a2 + 1] + pi * t2[a2];
    }
  }
}

/**
 * conj(S_a(k)) = Σ_{j∈a} e^{−ik·r_j} over the sources, per species a: [a·K + k] (K waves). The reference of the
 * kernels (structure-factors-simd.ts), and where WebAssembly SIMD is missing.
 */
export function structureFactors(
  waves: ReciprocalWaves,
  tables: readonly Float64Array[],
  sources: ArrayLike<number>,
  channels: Int32Array,
  speciesCount: number,
): { re: Float64Array; im: Float64Array } {
  const waveCount = waves.indices.length / 3;
  const phaseRe = new Float64Array(waveCount);
  const phaseIm = new Float64Array(waveCount);
  const re = new Float64Array(speciesCount * waveCount);
  const im = new Float64Array(speciesCount * waveCount);
  for (let q = 0; q < sources.length; q++) {
    const j = sources[q];
    phaseRow(waves, tables, j, phaseRe, phaseIm);
    const at = channels[j] * waveCount;
    for (let k = 0; k < waveCount; k++) {
      re[at + k] += phaseRe[k];
      im[at + k] -= phaseIm[k];
    }
  }
  return { re, im };
}

/** Rows [(c·S + a)·K + k] of z_a(k) = e^{ik·r_i} conj(S_a(k)) for the block's centres i, real and imaginary apart. */
function centreRows(
  waves: ReciprocalWaves,
  tables: readonly Float64Array[],
  block: ArrayLike<number>,
  factors: { re: Float64Array; im: Float64Array },
  zRe: Float64Array,
  zIm: Float64Array,
): void {
  const waveCount = waves.indices.length / 3;
  const speciesCount = factors.re.length / waveCount;
  const phaseRe = new Float64Array(waveCount);
  const phaseIm = new Float64Array(waveCount);
  for (let c = 0; c < block.length; c++) {
    phaseRow(waves, tables, block[c], phaseRe, phaseIm);
    for (let a = 0; a < speciesCount; a++) {
      const at = (c * speciesCount + a) * waveCount;
      const from = a * waveCount;
      for (let k = 0; k < waveCount; k++) {
        const pr = phaseRe[k];
        const pi = phaseIm[k];
        const sr = factors.re[from + k];
        const si = factors.im[from + k];
        zRe[at + k] = pr * sr - pi * si;
        zIm[at + k] = pr * si + pi * sr;
      }
    }
  }
}

/** Centres per block of the reciprocal projection: at most REPORTS_PER_PART blocks, each a product of some size. */
const centresPerBlock = (centres: number) => Math.max(16, Math.ceil(centres / REPORTS_PER_PART));

/** The (l, m) indices of the harmonics with l of the given parity, in order: the rows of ReciprocalWaves.projections. */
function harmonicsOfParity(lMax: number, parity: 0 | 1): number[] {
  const out: number[] = [];
  for (let l = parity; l <= lMax; l += 2) for (let m = l * l; m < (l + 1) * (l + 1); m++) out.push(m);
  return out;
}

/**
 * Reciprocal part; yields the fraction of centres done. With z_a(k) = e^{ik·r_i} conj(S_a(k)) (S_a the structure
 * factor of species a's sources), the multipoles are Σ_k Re[i^l z_a(k)] weights[k, lm] = ±Σ_k Re z_a(k) weights[k, lm]
 * for even l and ±Σ_k Im z_a(k) weights[k, lm] for odd l: for a block of centres, two matrix products of their
 * (centre, species) rows of z with the waves' `projections`.
 */
function* addReciprocal(input: FarFieldInput, out: Float64Array): Generator<number> {
  const { lattice, positions, channels, speciesCount, centres, lMax, parameters } = input;
  const nHarm = harmonicCount(lMax);
  const { sources } = sourcesOf(input);
  const waves = reciprocalWaves(lattice, parameters, lMax);
  const waveCount = waves.indices.length / 3;
  const tables = phaseTables(positions, waves.duals, waves.bounds);
  const sum = simdStructureFactorsEnabled() ? simdStructureFactors : structureFactors;
  const factors = sum(waves, tables, sources, channels, speciesCount);
  const block = centresPerBlock(centres.length);
  const zRe = new Float64Array(block * speciesCount * waveCount);
  const zIm = new Float64Array(block * speciesCount * waveCount);
  const parts = [
    { z: zRe, rows: waves.projections.even, harmonics: harmonicsOfParity(lMax, 0) },
    { z: zIm, rows: waves.projections.odd, harmonics: harmonicsOfParity(lMax, 1) },
  ].map((part) => ({ ...part, product: new Float64Array(block * speciesCount * part.harmonics.length) }));
  for (let first = 0; first < centres.length; first += block) {
    yield first / centres.length;
    const size = Math.min(block, centres.length - first);
    const blockCentres = Array.prototype.slice.call(centres, first, first + size) as number[];
    centreRows(waves, tables, blockCentres, factors, zRe, zIm);
    const rows = size * speciesCount;
    for (const { z, rows: projections, harmonics, product } of parts) {
      const n = harmonics.length;
      multiplyTransposed(z, projections, rows, n, waveCount, product);
      for (let r = 0; r < rows; r++) {
        const base = (first * speciesCount + r) * nHarm;
        for (let h = 0; h < n; h++) out[base + harmonics[h]] += product[r * n + h];
      }
    }
  }
}

/** Height of each atom along the normal n̂. */
function heightsOf(positions: Float64Array, n: Vec3): Float64Array {
  const heights = new Float64Array(positions.length / 3);
  for (let j = 0; j < heights.length; j++) {
    heights[j] = n[0] * positions[3 * j] + n[1] * positions[3 * j + 1] + n[2] * positions[3 * j + 2];
  }
  return heights;
}

/**
 * The slab's in-plane average: Y_lm(∇) of −(2π/A) Σ_j s_η(n̂·x − h_j) at every centre (h_j = n̂·r_j). Sources of
 * one species at one height (a crystal's layers) share their sheet: each such layer is evaluated once per centre,
 * times its count.
 */
function addSheets(input: FarFieldInput, out: Float64Array): void {
  const { lattice, positions, channels, speciesCount, centres, lMax, parameters } = input;
  const n = lattice.normal!;
  const nHarm = harmonicCount(lMax);
  const alpha = 1 / (Math.SQRT2 * parameters.eta);
  const inverseDf = inverseDoubleFactorials(lMax);
  const ylm = new Float64Array(nHarm);
  realSphericalHarmonics(lMax, n[0], n[1], n[2], ylm);
  const derivatives = new Float64Array(lMax + 1);
  const heights = heightsOf(positions, n);
  const layers = new Map<string, { height: number; channel: number; count: number }>();
  const { sources } = sourcesOf(input);
  for (let q = 0; q < sources.length; q++) {
    const j = sources[q];
    const key = `${heights[j]} ${channels[j]}`;
    const layer = layers.get(key);
    if (layer) layer.count++;
    else layers.set(key, { height: heights[j], channel: channels[j], count: 1 });
  }
  // Σ_j∈a d^l s_η/dz^l per species and l: the direction factor Y_lm(n̂) is common to every source.
  const sums = new Float64Array(speciesCount * (lMax + 1));
  const prefactor = (-2 * Math.PI) / lattice.measure;
  for (let c = 0; c < centres.length; c++) {
    sums.fill(0);
    for (const { height, channel, count } of layers.values()) {
      sheetDerivatives(alpha, heights[centres[c]] - height, lMax, derivatives);
      for (let l = 0; l <= lMax; l++) sums[channel * (lMax + 1) + l] += count * derivatives[l];
    }
    for (let a = 0; a < speciesCount; a++) {
      const base = (c * speciesCount + a) * nHarm;
      for (let l = 0; l <= lMax; l++) {
        const f = prefactor * sums[a * (lMax + 1) + l] * inverseDf[l];
        for (let k = l * l; k < (l + 1) * (l + 1); k++) out[base + k] += f * ylm[k];
      }
    }
  }
}

/** Which sums ewaldFarField leaves out (see there). */
export interface FarFieldParts {
  readonly farPairs?: boolean;
  readonly reciprocal?: boolean;
}

/**
 * Far-field sums of every centre (see the module comment), as steps that yield the fraction done (in [0, 1), not
 * decreasing) between stretches of work, so that a caller can report progress or stop within one large structure.
 * The real-space and reciprocal parts count as half each.
 */
export function* ewaldFarFieldSteps(
  input: FarFieldInput,
  { farPairs = true, reciprocal = true }: FarFieldParts = {},
): Generator<number, FarField> {
  const { lattice, channels, speciesCount, centres, lMax, sigma, parameters } = input;
  const nHarm = harmonicCount(lMax);
  const multipoles = new Float64Array(centres.length * speciesCount * nHarm);
  const share = reciprocal ? 0.5 : 1;
  for (const done of addRealSpace(input, multipoles, farPairs)) yield share * done;
  if (reciprocal) for (const done of addReciprocal(input, multipoles)) yield share * (1 + done);
  const curvature = new Float64Array(speciesCount);
  if (lattice.kind === 'slab') {
    addSheets(input, multipoles);
    return { multipoles, curvature };
  }
  const counts = new Float64Array(speciesCount);
  const { sources } = sourcesOf(input);
  for (let q = 0; q < sources.length; q++) counts[channels[sources[q]]]++;
  const volume = lattice.measure;
  const y00 = 1 / Math.sqrt(4 * Math.PI);
  const { eta } = parameters;
  for (let a = 0; a < speciesCount; a++) {
    curvature[a] = (2 * Math.PI * counts[a]) / (3 * volume);
    const background = ((-2 * Math.PI * (eta * eta - sigma * sigma)) / volume) * counts[a] * y00;
    for (let c = 0; c < centres.length; c++) multipoles[(c * speciesCount + a) * nHarm] += background;
  }
  return { multipoles, curvature };
}

/**
 * Far-field sums of every centre, at once. `farPairs: false` leaves out the real-space pairs beyond the near range
 * and `reciprocal: false` the reciprocal sum: the WebGPU engine sums those on the device (realSpaceSpline,
 * reciprocalWaves); the near pairs' −φ_LR, large and cancelling the near images' φ, stay in f64.
 */
export function ewaldFarField(input: FarFieldInput, parts: FarFieldParts = {}): FarField {
  const steps = ewaldFarFieldSteps(input, parts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** What farFieldInputOf needs: a structure's centres (and sources, default all) and the request's settings. */
export interface FarFieldRequest {
  readonly lattice: Lattice;
  readonly structure: Structure;
  readonly channels: Int32Array;
  readonly centres: ArrayLike<number>;
  readonly sources?: ArrayLike<number>;
  readonly hypers: Required<LodeHypers>;
  readonly nearRange: number;
  readonly options: EwaldOptions;
}

/** Positions of the atoms that are centres or sources (all, without a sources list). */
function involvedPositions({ structure, centres, sources }: FarFieldRequest): Float64Array {
  if (!sources) return structure.positions;
  const atoms = [...new Set([...Array.from(centres), ...Array.from(sources)])];
  return Float64Array.from(atoms.flatMap((j) => [0, 1, 2].map((x) => structure.positions[3 * j + x])));
}

/**
 * EwaldWorkload's pairCost for ewaldFarField where no displacement repeats, measured on the D3 Li slab with water
 * (328 atoms, l_max 4, three species) with its atoms moved off the lattice by 1e−3 Å: a far image pair per centre
 * ≈ 1.2 (centre, k) terms of the reciprocal sum (each in-plane wave with its own period), the far field costs the
 * least at η ≈ 3.1–3.5 Å there. Pairs that repeat a displacement reuse its sum: farFieldOf scales this by the share
 * of distinct displacements (the D3 crystal: 0.08 as estimated, 0.12 counted; η 5.6 Å, where its far field costs
 * ≈ 20 % less than at 3.3 Å, and within 10 % of the least for η 4.5–6.2 Å).
 */
export const FAR_FIELD_PAIR_COST = 1.2;

/**
 * The far-field input of a structure's centres, with parameters chosen by ewaldParameters from the options, for the
 * number of sources and the extent of the atoms involved, and for sums whose pair cost is `pairCost` (see
 * EwaldWorkload; the WebGPU engine sums on the device with the default balance).
 */
export function farFieldInputOf(input: FarFieldRequest, pairCost?: number): FarFieldInput {
  const { lattice, structure, channels, centres, sources, hypers, nearRange, options } = input;
  const { positions } = structure;
  const work = {
    atoms: sources?.length ?? channels.length,
    thickness: thickness(lattice, involvedPositions(input)),
    ...(pairCost !== undefined && { pairCost }),
  };
  return {
    lattice,
    positions,
    channels,
    speciesCount: hypers.species.length,
    centres,
    ...(sources && { sources }),
    lMax: hypers.lMax,
    sigma: hypers.sigma,
    nearRange,
    parameters: ewaldParameters(lattice, work, hypers, options),
  };
}

/**
 * farFieldInputOf for ewaldFarField: FAR_FIELD_PAIR_COST per pair of sources with a displacement of its own, as
 * addRealSpace sums each displacement once (for the choice of η).
 */
function cpuFarFieldInput(input: FarFieldRequest): FarFieldInput {
  // With η given there is no η to choose, and the pair cost weighs nothing: not worth estimating the share.
  if (input.options.eta !== undefined) return farFieldInputOf(input);
  const { lattice, structure, channels, sources } = input;
  const atoms = sources ?? Array.from({ length: channels.length }, (_, j) => j);
  const share = distinctDisplacementShare(lattice, structure.positions, atoms);
  return farFieldInputOf(input, FAR_FIELD_PAIR_COST * share);
}

/** The far field of a structure's centres (farFieldInputOf, ewaldFarField). */
export function farFieldOf(input: FarFieldRequest): FarField {
  return ewaldFarField(cpuFarFieldInput(input));
}

/** farFieldOf as steps (ewaldFarFieldSteps). */
export function farFieldSteps(input: FarFieldRequest): Generator<number, FarField> {
  return ewaldFarFieldSteps(cpuFarFieldInput(input));
}
