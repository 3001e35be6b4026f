/**
 * The exact fields of a periodic structure around a centre, at points: ρ over the periodic images within reach, and
 * V as the same Ewald sum the engine's features expand (ewald.ts, docs/physics.md), with the engine's parameters:
 *  - real space: φ_SR(s) = [erf(s/√2σ) − erf(αs)]/s over every image within the real-space radius of the point
 *    (beyond 8.5σ this is erfc(αs)/s, read from the engine's far-pair spline);
 *  - reciprocal space: Σ_k w_k Re[e^{ik·x} Z_k] over the engine's waves, Z_k = Σ_j e^{ik·(r_i − r_j)} summed once
 *    per structure and channel, e^{ik·x} from per-point phase tables: O(points × waves);
 *  - bulk: the uniform background −N·2π(η² − σ²)/Ω; slab: the exact in-plane average −(2π/A) Σ_j s_η(n̂·(x − r_j)).
 */
import erf from '@stdlib/math-base-special-erf';
import { reciprocalWaves, phaseTables } from './ewald.ts';
import type { EwaldParameters } from './ewald-parameters.ts';
import { realSpaceSpline, sheetDerivatives } from './ewald-radials.ts';
import type { FieldSource } from './field-values.ts';
import { simdFarSums, simdFieldFarSumsEnabled, type FarTerms } from './periodic-field-simd.ts';
import { latticeTranslations, reduceDisplacement, type Lattice, type Vec3 } from './lattice.ts';
import type { Field } from './radial-integrals.ts';

/** Beyond 8.5σ, exp(−s²/2σ²) < 2e−16 and erf(s/√2σ) = 1 to double precision. */
export const NEGLIGIBLE_SIGMAS = 8.5;

/** Points per run whose nearby images are gathered once. */
const GROUP = 64;

/** Points per pass of the reciprocal sum: keeps their phase tables small. */
const CHUNK = 2048;

export interface PeriodicCell {
  readonly lattice: Lattice;
  /** The engine's Ewald parameters for this structure and hyper-parameters (ewaldParameters). */
  readonly parameters: EwaldParameters;
}

/** The atoms a channel selects: all of them (null) or one species channel's. */
function selectedAtoms(source: FieldSource, channel: number | null): number[] {
  const atoms: number[] = [];
  source.channels.forEach((a, j) => {
    if (channel === null || a === channel) atoms.push(j);
  });
  return atoms;
}

/** Largest distance of a point from the centre. */
function pointsRadius(points: Float64Array): number {
  let r2 = 0;
  for (let q = 0; q < points.length; q += 3) {
    r2 = Math.max(r2, points[q] ** 2 + points[q + 1] ** 2 + points[q + 2] ** 2);
  }
  return Math.sqrt(r2);
}

/** Every image of the atoms within `reach` of the centre, relative to it: flat (x, y, z). */
function imagesNear(
  source: FieldSource,
  lattice: Lattice,
  atoms: readonly number[],
  reach: number,
): Float64Array {
  const { structure, centre } = source;
  const p = structure.positions;
  const translations = latticeTranslations(lattice, reach);
  const d0 = new Float64Array(3);
  const out: number[] = [];
  for (const j of atoms) {
    for (let x = 0; x < 3; x++) d0[x] = p[3 * j + x] - p[3 * centre + x];
    reduceDisplacement(lattice, d0);
    const limit = reach + Math.hypot(d0[0], d0[1], d0[2]);
    for (let t = 0; t < translations.length; t += 4) {
      if (translations[t + 3] >= limit) break;
      const x = d0[0] + translations[t];
      const y = d0[1] + translations[t + 1];
      const z = d0[2] + translations[t + 2];
      if (x * x + y * y + z * z < reach * reach) out.push(x, y, z);
    }
  }
  return Float64Array.from(out);
}

/** |point q − image m|² as (dx² + dy²) + dz² (the kernel's order). */
function distance2(points: Float64Array, q: number, images: Float64Array, m: number): number {
  const dx = points[3 * q] - images[m];
  const dy = points[3 * q + 1] - images[m + 1];
  const dz = points[3 * q + 2] - images[m + 2];
  return dx * dx + dy * dy + dz * dz;
}

/**
 * Visits the points in runs of GROUP consecutive ones (along a slice row, or a ring of the ball quadrature) with the
 * images (flat x, y, z, the first `count` of `nearby`) that may lie within `reach` of one of them; `mid` is the run's
 * mean point and `spread` its points' largest distance from it. `nearby` may be given (room for all the images).
 */
function forEachGroup(
  images: Float64Array,
  points: Float64Array,
  reach: number,
  visit: (
    first: number,
    end: number,
    nearby: Float64Array,
    count: number,
    mid: readonly number[],
    spread: number,
  ) => void,
  nearby: Float64Array<ArrayBufferLike> = new Float64Array(images.length),
): void {
  const total = points.length / 3;
  for (let first = 0; first < total; first += GROUP) {
    const end = Math.min(first + GROUP, total);
    const mid = [0, 0, 0];
    for (let q = first; q < end; q++) for (let x = 0; x < 3; x++) mid[x] += points[3 * q + x] / (end - first);
    let spread2 = 0;
    for (let q = first; q < end; q++) {
      spread2 = Math.max(
        spread2,
        (points[3 * q] - mid[0]) ** 2 + (points[3 * q + 1] - mid[1]) ** 2 + (points[3 * q + 2] - mid[2]) ** 2,
      );
    }
    const spread = Math.sqrt(spread2);
    const limit2 = (reach + spread) ** 2;
    let count = 0;
    for (let m = 0; m < images.length; m += 3) {
      const dx = images[m] - mid[0];
      const dy = images[m + 1] - mid[1];
      const dz = images[m + 2] - mid[2];
      if (dx * dx + dy * dy + dz * dz >= limit2) continue;
      nearby[3 * count] = images[m];
      nearby[3 * count + 1] = images[m + 1];
      nearby[3 * count + 2] = images[m + 2];
      count++;
    }
    visit(first, end, nearby, count, mid, spread);
  }
}

/** Σ of the Gaussians of the images within NEGLIGIBLE_SIGMAS of each point. */
function addDensity(
  source: FieldSource,
  cell: PeriodicCell,
  atoms: number[],
  points: Float64Array,
  out: Float64Array,
) {
  const reach = NEGLIGIBLE_SIGMAS * source.sigma;
  const reach2 = reach * reach;
  const inv2s2 = 1 / (2 * source.sigma ** 2);
  const images = imagesNear(source, cell.lattice, atoms, reach + pointsRadius(points));
  forEachGroup(images, points, reach, (first, end, nearby, count) => {
    for (let q = first; q < end; q++) {
      let sum = 0;
      for (let m = 0; m < 3 * count; m += 3) {
        const s2 =
          (points[3 * q] - nearby[m]) ** 2 +
          (points[3 * q + 1] - nearby[m + 1]) ** 2 +
          (points[3 * q + 2] - nearby[m + 2]) ** 2;
        if (s2 < reach2) sum += Math.exp(-s2 * inv2s2);
      }
      out[q] += sum;
    }
  });
}

/** One far term of φ_SR: the spline at s (near ≤ s < radius). */
function farTerm(terms: FarTerms, s: number): number {
  const { start, perSpacing, lastKnot, knots } = terms;
  const x = (s - start) * perSpacing;
  const k = Math.min(Math.floor(x), lastKnot);
  const t = x - k;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * knots[2 * k] +
    (t3 - 2 * t2 + t) * knots[2 * k + 1] +
    (-2 * t3 + 3 * t2) * knots[2 * k + 2] +
    (t3 - t2) * knots[2 * k + 3]
  );
}

/**
 * The real-space part φ_SR over the images within the real-space radius of each point: per point, the far terms
 * (near ≤ s < radius) summed over its images in order, then the near ones (s < near) likewise, then their sum added
 * to the point's value. The far sums run on the kernels (periodic-field-simd.ts) when they are on, with the same
 * bits; the near terms need erf, and are summed here over the images that may lie within `near` of the group.
 */
function addRealSpace(
  source: FieldSource,
  cell: PeriodicCell,
  atoms: number[],
  points: Float64Array,
  out: Float64Array,
) {
  const { sigma } = source;
  const { eta, realRadius, accuracy } = cell.parameters;
  const alpha = 1 / (Math.SQRT2 * eta);
  const invSqrt2s = 1 / (Math.SQRT2 * sigma);
  // Beyond `near`, φ_SR = erfc(αs)/s: the engine's far-pair spline at l = 0 (value and spacing × slope per knot).
  const near = Math.min(NEGLIGIBLE_SIGMAS * sigma, realRadius);
  const near2 = near * near;
  const radius2 = realRadius * realRadius;
  const { start, spacing, knots } = realSpaceSpline(alpha, near, realRadius, 0, accuracy);
  const terms: FarTerms = {
    near2,
    radius2,
    start,
    perSpacing: 1 / spacing,
    lastKnot: knots.length / 2 - 2,
    knots,
  };
  /** lim_{s→0} φ_SR(s). */
  const peak = Math.sqrt(2 / Math.PI) * (1 / sigma - 1 / eta);
  const nearTerm = (s2: number) => {
    const s = Math.sqrt(s2);
    return s < 1e-12 ? peak : (erf(s * invSqrt2s) - erf(alpha * s)) / s;
  };
  const images = imagesNear(source, cell.lattice, atoms, realRadius + pointsRadius(points));
  const kernel = simdFieldFarSumsEnabled() ? simdFarSums(points, images.length / 3, terms) : null;
  const candidates = new Float64Array(images.length);
  forEachGroup(
    images,
    points,
    realRadius,
    (first, end, nearby, count, mid, spread) => {
      if (!kernel) {
        for (let q = first; q < end; q++) {
          let far = 0;
          let close = 0;
          for (let m = 0; m < 3 * count; m += 3) {
            const s2 = distance2(points, q, nearby, m);
            if (s2 >= radius2) continue;
            if (s2 < near2) close += nearTerm(s2);
            else far += farTerm(terms, Math.sqrt(s2));
          }
          out[q] += far + close;
        }
        return;
      }
      kernel.sumGroup(first, end, count);
      // The images that may lie within `near` of a point of the group (a margin for the rounding), in order.
      const limit2 = (near + spread + 1e-6) ** 2;
      let close = 0;
      for (let m = 0; m < 3 * count; m += 3) {
        const dx = nearby[m] - mid[0];
        const dy = nearby[m + 1] - mid[1];
        const dz = nearby[m + 2] - mid[2];
        if (dx * dx + dy * dy + dz * dz >= limit2) continue;
        candidates.set(nearby.subarray(m, m + 3), close);
        close += 3;
      }
      for (let q = first; q < end; q++) {
        let sum = 0;
        for (let m = 0; m < close; m += 3) {
          const s2 = distance2(points, q, candidates, m);
          if (s2 < near2) sum += nearTerm(s2);
        }
        out[q] += kernel.far[q] + sum;
      }
    },
    kernel?.nearby,
  );
}

/**
 * cos/sin(n·θ(x)), n = −bound..bound, θ = 2π dual·x, of `size` points from `start`, in phaseTables' layout: by the
 * angle-addition recurrence (two trigonometric calls per point instead of two per entry; |n| ≤ 40 keeps the rounding
 * near 1e−14).
 */
function pointPhases(
  points: Float64Array,
  start: number,
  size: number,
  dual: Vec3,
  bound: number,
  out: Float64Array,
): void {
  const width = 2 * bound + 1;
  for (let q = 0; q < size; q++) {
    const at = 3 * (start + q);
    const theta = 2 * Math.PI * (dual[0] * points[at] + dual[1] * points[at + 1] + dual[2] * points[at + 2]);
    const c = Math.cos(theta);
    const sn = Math.sin(theta);
    const zero = (q * width + bound) * 2;
    out[zero] = 1;
    out[zero + 1] = 0;
    for (let n = 1; n <= bound; n++) {
      const re = out[zero + 2 * n - 2] * c - out[zero + 2 * n - 1] * sn;
      const im = out[zero + 2 * n - 2] * sn + out[zero + 2 * n - 1] * c;
      out[zero + 2 * n] = re;
      out[zero + 2 * n + 1] = im;
      out[zero - 2 * n] = re;
      out[zero - 2 * n + 1] = -im;
    }
  }
}

/** The reciprocal sum over the engine's waves (a slab's k∥ = 0 left to addSheets, bulk's k = 0 to the background). */
function addReciprocal(
  source: FieldSource,
  cell: PeriodicCell,
  atoms: number[],
  points: Float64Array,
  out: Float64Array,
) {
  const { structure, centre } = source;
  const { duals, bounds, indices, weights } = reciprocalWaves(cell.lattice, cell.parameters, 0);
  const waves = indices.length / 3;
  // The l = 0 weight carries Y_00: w_k = 2·(4π/Ω)e^{−η²k²/2}/k² (Ω of the wave's sum cell).
  const toMonopole = Math.sqrt(4 * Math.PI);
  // Z_k = Σ_j e^{ik·(r_i − r_j)} over the selected atoms, from the atoms' phase tables.
  const relative = new Float64Array(3 * atoms.length);
  const p = structure.positions;
  atoms.forEach((j, a) => {
    for (let x = 0; x < 3; x++) relative[3 * a + x] = p[3 * centre + x] - p[3 * j + x];
  });
  const z = new Float64Array(2 * waves);
  const [a0, a1, a2] = phaseTables(relative, duals, bounds);
  const widths = bounds.map((b) => 2 * b + 1);
  const phaseOf = (tables: Float64Array[], row: number, n0: number, n1: number, n2: number) => {
    const i0 = (row * widths[0] + n0 + bounds[0]) * 2;
    const i1 = (row * widths[1] + n1 + bounds[1]) * 2;
    const i2 = (row * widths[2] + n2 + bounds[2]) * 2;
    const [t0, t1, t2] = tables;
    const re01 = t0[i0] * t1[i1] - t0[i0 + 1] * t1[i1 + 1];
    const im01 = t0[i0] * t1[i1 + 1] + t0[i0 + 1] * t1[i1];
    return [re01 * t2[i2] - im01 * t2[i2 + 1], re01 * t2[i2 + 1] + im01 * t2[i2]] as const;
  };
  for (let w = 0; w < waves; w++) {
    const [n0, n1, n2] = indices.subarray(3 * w, 3 * w + 3);
    let re = 0;
    let im = 0;
    for (let a = 0; a < atoms.length; a++) {
      const [r, i] = phaseOf([a0, a1, a2], a, n0, n1, n2);
      re += r;
      im += i;
    }
    const weight = weights[w] * toMonopole;
    z[2 * w] = weight * re;
    z[2 * w + 1] = weight * im;
  }
  // Re[e^{ik·x} Z_k] at each point. The waves come in planes of fixed (n0, n1) and ascending n2: per point,
  // e^{i(n0θ0 + n1θ1)} times Σ_n2 e^{i n2 θ2} Z_k, the inner sum running along the point's own row of phases.
  const planes = [0];
  for (let w = 1; w < waves; w++) {
    if (indices[3 * w] !== indices[3 * w - 3] || indices[3 * w + 1] !== indices[3 * w - 2]) planes.push(w);
  }
  planes.push(waves);
  const count = out.length;
  const tables = widths.map((width) => new Float64Array(CHUNK * width * 2));
  const [t0, t1, t2] = tables;
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    duals.forEach((dual, k) => pointPhases(points, start, size, dual, bounds[k], tables[k]));
    for (let p = 0; p + 1 < planes.length; p++) {
      const first = planes[p];
      const end = planes[p + 1];
      const n0 = indices[3 * first];
      const n1 = indices[3 * first + 1];
      for (let q = 0; q < size; q++) {
        const i0 = (q * widths[0] + n0 + bounds[0]) * 2;
        const i1 = (q * widths[1] + n1 + bounds[1]) * 2;
        const pr = t0[i0] * t1[i1] - t0[i0 + 1] * t1[i1 + 1];
        const pi = t0[i0] * t1[i1 + 1] + t0[i0 + 1] * t1[i1];
        const row = (q * widths[2] + bounds[2]) * 2;
        let sr = 0;
        let si = 0;
        for (let w = first; w < end; w++) {
          const at = row + 2 * indices[3 * w + 2];
          const c = t2[at];
          const sn = t2[at + 1];
          const zr = z[2 * w];
          const zi = z[2 * w + 1];
          sr += c * zr - sn * zi;
          si += c * zi + sn * zr;
        }
        out[start + q] += pr * sr - pi * si;
      }
    }
  }
}

/** Bulk's neutralising background, or a slab's exact in-plane average (the Gaussian sheets of its atoms). */
function addAverage(
  source: FieldSource,
  cell: PeriodicCell,
  atoms: number[],
  points: Float64Array,
  out: Float64Array,
) {
  const { lattice, parameters } = cell;
  const { eta } = parameters;
  const n = lattice.normal;
  if (!n) {
    const background = (-atoms.length * 2 * Math.PI * (eta * eta - source.sigma ** 2)) / lattice.measure;
    for (let q = 0; q < out.length; q++) out[q] += background;
    return;
  }
  const { structure, centre } = source;
  const p = structure.positions;
  // Atoms in one layer share their sheet: one s_η per distinct height.
  const layers = new Map<number, number>();
  for (const j of atoms) {
    const height =
      n[0] * (p[3 * centre] - p[3 * j]) +
      n[1] * (p[3 * centre + 1] - p[3 * j + 1]) +
      n[2] * (p[3 * centre + 2] - p[3 * j + 2]);
    layers.set(height, (layers.get(height) ?? 0) + 1);
  }
  const alpha = 1 / (Math.SQRT2 * eta);
  const prefactor = (-2 * Math.PI) / lattice.measure;
  const sheet = new Float64Array(1);
  for (let q = 0; q < out.length; q++) {
    const along = n[0] * points[3 * q] + n[1] * points[3 * q + 1] + n[2] * points[3 * q + 2];
    let sum = 0;
    for (const [height, atomsThere] of layers) {
      sheetDerivatives(alpha, along + height, 0, sheet);
      sum += atomsThere * sheet[0];
    }
    out[q] += prefactor * sum;
  }
}

/** The centre's own Gaussian (its T = 0 image), taken out when the field leaves the centre out. */
function centreOwn(field: Field, sigma: number, r2: number): number {
  if (field === 'density') return Math.exp(-r2 / (2 * sigma * sigma));
  const r = Math.sqrt(r2);
  return r < 1e-12 ? Math.sqrt(2 / Math.PI) / sigma : erf(r / (Math.SQRT2 * sigma)) / r;
}

/**
 * f_i^a of a periodic structure at each point (flat x, y, z relative to the centre), one species channel or all
 * (null); see the module comment.
 */
export function periodicExactField(
  field: Field,
  source: FieldSource,
  cell: PeriodicCell,
  channel: number | null,
  points: Float64Array,
): Float64Array {
  const atoms = selectedAtoms(source, channel);
  const out = new Float64Array(points.length / 3);
  if (field === 'density') {
    addDensity(source, cell, atoms, points, out);
  } else {
    addRealSpace(source, cell, atoms, points, out);
    addReciprocal(source, cell, atoms, points, out);
    addAverage(source, cell, atoms, points, out);
  }
  const { centre, channels, includeCenter, sigma } = source;
  if (!includeCenter && (channel === null || channels[centre] === channel)) {
    for (let q = 0; q < out.length; q++) {
      const r2 = points[3 * q] ** 2 + points[3 * q + 1] ** 2 + points[3 * q + 2] ** 2;
      out[q] -= centreOwn(field, sigma, r2);
    }
  }
  return out;
}
