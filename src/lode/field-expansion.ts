/**
 * Truncated expansions Σ_{n, l ≤ L, m} c_nlm R_n(r) Y_lm(r̂) of a field around one centre, rebuilt at points from
 * the engine's own coefficients (expansion.ts), and their power per angular channel. What a feature vector at
 * (n_max, l_max) knows of the field is exactly this truncated expansion: the basis is orthonormal on the ball, so it
 * is the field's projection on the functions the features are built from.
 */
import type { Slice } from './field-grids.ts';
import type { RadialBasis } from './radial-basis.ts';
import { harmonicCount, realSphericalHarmonics } from './spherical-harmonics.ts';

/** The expansion of one field around one centre, reduced to one channel: c[(l² + l + m)·nMax + n]. */
export interface ChannelExpansion {
  readonly nMax: number;
  readonly lMax: number;
  readonly coefficients: Float64Array;
}

/**
 * The coefficients of species channel `channel` (or the sum over all `species` channels, when null) from one
 * centre's block of expandStructure's output (layout [lm·Q + a·nMax + n], Q = species·nMax).
 */
export function channelExpansion(
  centreBlock: Float64Array,
  species: number,
  nMax: number,
  lMax: number,
  channel: number | null,
): ChannelExpansion {
  const nHarm = harmonicCount(lMax);
  const Q = species * nMax;
  const coefficients = new Float64Array(nHarm * nMax);
  for (let k = 0; k < nHarm; k++) {
    for (let a = channel ?? 0; a < (channel === null ? species : channel + 1); a++) {
      for (let n = 0; n < nMax; n++) coefficients[k * nMax + n] += centreBlock[k * Q + a * nMax + n];
    }
  }
  return { nMax, lMax, coefficients };
}

/** Σ_m Σ_n c²_nlm for l = 0..lMax: the field's squared norm in each angular channel (its multipole content). */
export function powerPerL({ nMax, lMax, coefficients }: ChannelExpansion): Float64Array {
  const power = new Float64Array(lMax + 1);
  for (let l = 0; l <= lMax; l++) {
    for (let k = l * l; k < (l + 1) * (l + 1); k++) {
      for (let n = 0; n < nMax; n++) power[l] += coefficients[k * nMax + n] ** 2;
    }
  }
  return power;
}

/**
 * The expansion truncated at every l ≤ lMax, at each point (flat x, y, z relative to the centre):
 * out[q·(lMax + 1) + L] = Σ_{l ≤ L, m, n} c_nlm R_n(r) Y_lm(r̂). Points at r ≥ r_c, where the basis says nothing,
 * are NaN. One pass gives every truncation, so a change of l_max only picks another column.
 */
export function expansionByL(
  expansion: ChannelExpansion,
  basis: RadialBasis,
  points: Float64Array,
): Float64Array {
  const { nMax, lMax, coefficients } = expansion;
  if (basis.nMax !== nMax) throw new RangeError(`basis has n_max ${basis.nMax}, expansion ${nMax}`);
  const width = lMax + 1;
  const count = points.length / 3;
  const out = new Float64Array(count * width);
  const radial = new Float64Array(nMax);
  const ylm = new Float64Array(harmonicCount(lMax));
  const scratch = new Float64Array(harmonicCount(lMax));
  const y00 = 1 / Math.sqrt(4 * Math.PI);
  for (let q = 0; q < count; q++) {
    const x = points[3 * q];
    const y = points[3 * q + 1];
    const z = points[3 * q + 2];
    const r = Math.sqrt(x * x + y * y + z * z);
    if (r >= basis.cutoff) {
      out.fill(Number.NaN, q * width, (q + 1) * width);
      continue;
    }
    basis.evaluate(r, radial);
    // At the centre only l = 0 is defined (and the only one that is non-zero).
    if (r > 0) realSphericalHarmonics(lMax, x, y, z, ylm, 0, scratch);
    else ylm.fill(0).fill(y00, 0, 1);
    let sum = 0;
    for (let l = 0; l <= lMax; l++) {
      for (let k = l * l; k < (l + 1) * (l + 1); k++) {
        let radialSum = 0;
        for (let n = 0; n < nMax; n++) radialSum += coefficients[k * nMax + n] * radial[n];
        sum += radialSum * ylm[k];
      }
      out[q * width + l] = sum;
    }
  }
  return out;
}

/**
 * What expansions on one slice share, whatever their coefficients or radial basis: the pixels inside the ball, the
 * distinct distances from the centre among them, and Y_lm at each. A pixel's distance depends only on its in-plane
 * offsets (±½, ±3⁄2, … pixels), shared by up to eight pixels, so radial sums are made once per distinct distance.
 */
export interface SliceHarmonics {
  readonly resolution: number;
  readonly lMax: number;
  /** Index (row·resolution + col) of every pixel inside the ball, in order. */
  readonly pixels: Int32Array;
  /** For each of those pixels, the index of its distance in `radii`. */
  readonly radiusOf: Int32Array;
  readonly radii: Float64Array;
  /** Y_lm of each of those pixels: [i·(lMax + 1)² + k]. */
  readonly ylm: Float64Array;
}

/** The resolution must be even, so that no pixel sits on the centre. */
export function sliceHarmonics(slice: Slice, lMax: number, cutoff: number): SliceHarmonics {
  const { resolution, halfWidth, points } = slice;
  if (resolution % 2 !== 0) throw new RangeError(`the slice needs an even resolution, got ${resolution}`);
  const nHarm = harmonicCount(lMax);
  const halfPixel = halfWidth / resolution;
  // Offsets in half-pixels, |2·col + 1 − resolution| (odd): the squared distance is (p² + q²)·halfPixel².
  const offset = (k: number) => Math.abs(2 * k + 1 - resolution);
  const radiusIndex = new Int32Array(2 * resolution * resolution + 1).fill(-1);
  const pixels: number[] = [];
  const radiusOf: number[] = [];
  const radii: number[] = [];
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const key = offset(col) ** 2 + offset(row) ** 2;
      const r = Math.sqrt(key) * halfPixel;
      if (r >= cutoff) continue;
      if (radiusIndex[key] < 0) radiusIndex[key] = radii.push(r) - 1;
      pixels.push(row * resolution + col);
      radiusOf.push(radiusIndex[key]);
    }
  }
  const ylm = new Float64Array(pixels.length * nHarm);
  const scratch = new Float64Array(nHarm);
  pixels.forEach((at, i) =>
    realSphericalHarmonics(
      lMax,
      points[3 * at],
      points[3 * at + 1],
      points[3 * at + 2],
      ylm,
      i * nHarm,
      scratch,
    ),
  );
  return {
    resolution,
    lMax,
    pixels: Int32Array.from(pixels),
    radiusOf: Int32Array.from(radiusOf),
    radii: Float64Array.from(radii),
    ylm,
  };
}

/**
 * expansionByL at a slice's pixels (NaN outside the ball), the same numbers at a fraction of the cost: the radial
 * sums Σ_n c_nlm R_n(r) are made once per distinct distance, and each pixel adds Σ_lm Y_lm(r̂)·(that sum).
 */
export function expansionOnSlice(
  expansion: ChannelExpansion,
  basis: RadialBasis,
  harmonics: SliceHarmonics,
): Float64Array {
  const { nMax, lMax, coefficients } = expansion;
  if (basis.nMax !== nMax) throw new RangeError(`basis has n_max ${basis.nMax}, expansion ${nMax}`);
  if (harmonics.lMax !== lMax)
    throw new RangeError(`harmonics have l_max ${harmonics.lMax}, expansion ${lMax}`);
  const nHarm = harmonicCount(lMax);
  const width = lMax + 1;
  const { pixels, radiusOf, radii, ylm, resolution } = harmonics;
  const sums = new Float64Array(radii.length * nHarm);
  const radial = new Float64Array(nMax);
  radii.forEach((r, i) => {
    basis.evaluate(r, radial);
    for (let k = 0; k < nHarm; k++) {
      let sum = 0;
      for (let n = 0; n < nMax; n++) sum += coefficients[k * nMax + n] * radial[n];
      sums[i * nHarm + k] = sum;
    }
  });
  const out = new Float64Array(resolution * resolution * width).fill(Number.NaN);
  for (let i = 0; i < pixels.length; i++) {
    const base = radiusOf[i] * nHarm;
    const y = i * nHarm;
    const at = pixels[i] * width;
    let sum = 0;
    for (let l = 0; l <= lMax; l++) {
      for (let k = l * l; k < (l + 1) * (l + 1); k++) sum += sums[base + k] * ylm[y + k];
      out[at + l] = sum;
    }
  }
  return out;
}
