/**
 * Products of two expansions around one centre (layout of expansion.ts: [lm·Q + q], q = a·nMax + n):
 *  - power spectrum  P_{q1 q2 l} = (2l+1)^{−1/2} Σ_m c¹_{q1 lm} c²_{q2 lm}                        (invariant)
 *  - λ = 1 coupling  T_{q1 l1, q2 l2; μ} = Σ_{m1 m2} C^{1μ}_{l1 m1, l2 m2} c¹_{q1 l1 m1} c²_{q2 l2 m2}  (polar vector)
 * Both accumulate (+=) raw sums into the output, so per-structure sums need no extra pass; the constant column
 * factors (2l+1)^{−1/2} and the √2 of symmetric pairs are applied once at the end (powerSpectrumScales).
 */
import { realClebschGordan } from './clebsch-gordan.ts';

/** Columns per l: all Q² channel pairs, or Q(Q+1)/2 with q1 ≤ q2 for a symmetric product (c¹ = c²). */
export function pairCount(channels: number, symmetric: boolean): number {
  return symmetric ? (channels * (channels + 1)) / 2 : channels * channels;
}

/** Channel pairs (q1, q2) in column order. */
export function channelPairs(channels: number, symmetric: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let q1 = 0; q1 < channels; q1++)
    for (let q2 = symmetric ? q1 : 0; q2 < channels; q2++) out.push([q1, q2]);
  return out;
}

/**
 * Per-column factors of a power-spectrum block, ordered (l, pair): (2l+1)^{−1/2}, times √2 for off-diagonal pairs of a
 * symmetric product so that x·x' equals the full product's.
 */
export function powerSpectrumScales(lMax: number, channels: number, symmetric: boolean): Float64Array {
  const pairs = channelPairs(channels, symmetric);
  const out = new Float64Array((lMax + 1) * pairs.length);
  for (let l = 0; l <= lMax; l++) {
    pairs.forEach(([q1, q2], p) => {
      out[l * pairs.length + p] = (symmetric && q1 !== q2 ? Math.SQRT2 : 1) / Math.sqrt(2 * l + 1);
    });
  }
  return out;
}

/**
 * Adds Σ_m c¹_{q1 lm} c²_{q2 lm} of one centre into out[offset + l·pairs + pair]. The m-sum runs in registers four
 * q2 columns at a time, so each output column is read and written once per l (2.5× faster than outer products).
 */
export function accumulatePowerSpectrum(
  c1: Float64Array,
  c2: Float64Array,
  base: number,
  lMax: number,
  channels: number,
  symmetric: boolean,
  out: Float64Array,
  offset: number,
): void {
  const nPairs = pairCount(channels, symmetric);
  for (let l = 0; l <= lMax; l++) {
    const lo = base + l * l * channels;
    const hi = base + (l + 1) * (l + 1) * channels;
    let col = offset + l * nPairs;
    for (let q1 = 0; q1 < channels; q1++) {
      let q2 = symmetric ? q1 : 0;
      for (; q2 + 3 < channels; q2 += 4, col += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let row = lo; row < hi; row += channels) {
          const a = c1[row + q1];
          const r = row + q2;
          s0 += a * c2[r];
          s1 += a * c2[r + 1];
          s2 += a * c2[r + 2];
          s3 += a * c2[r + 3];
        }
        out[col] += s0;
        out[col + 1] += s1;
        out[col + 2] += s2;
        out[col + 3] += s3;
      }
      for (; q2 < channels; q2++, col++) {
        let sum = 0;
        for (let row = lo; row < hi; row += channels) sum += c1[row + q1] * c2[row + q2];
        out[col] += sum;
      }
    }
  }
}

/** The (l1, l2) blocks of λ = 1 features: l2 = l1 ± 1 within 0..lMax. */
export function vectorAngularPairs(lMax: number): [number, number][] {
  const out: [number, number][] = [];
  for (let l1 = 0; l1 <= lMax; l1++) {
    for (const l2 of [l1 - 1, l1 + 1]) if (l2 >= 0 && l2 <= lMax) out.push([l1, l2]);
  }
  return out;
}

/** Real-harmonic μ index (m = −1, 0, 1 ∝ y, z, x) → Cartesian axis. */
const CARTESIAN_AXIS = [1, 2, 0] as const;

/**
 * Adds the λ = 1 features of one centre into out[(offset + column)·3 + axis], axis = x, y, z; columns ordered
 * (angular pair, q1, q2) over all Q² channel pairs.
 */
export function accumulateVectors(
  c1: Float64Array,
  c2: Float64Array,
  base: number,
  lMax: number,
  channels: number,
  out: Float64Array,
  offset: number,
): void {
  let block = offset;
  for (const [l1, l2] of vectorAngularPairs(lMax)) {
    const cg = realClebschGordan(l1, l2, 1);
    const d1 = 2 * l1 + 1;
    const d2 = 2 * l2 + 1;
    for (let mu = 0; mu < 3; mu++) {
      const axis = CARTESIAN_AXIS[mu];
      for (let m1 = 0; m1 < d1; m1++) {
        const row1 = base + (l1 * l1 + m1) * channels;
        for (let m2 = 0; m2 < d2; m2++) {
          const coupling = cg[(mu * d1 + m1) * d2 + m2];
          if (coupling === 0) continue;
          const row2 = base + (l2 * l2 + m2) * channels;
          for (let q1 = 0; q1 < channels; q1++) {
            const a = coupling * c1[row1 + q1];
            if (a === 0) continue;
            const target = (block + q1 * channels) * 3 + axis;
            for (let q2 = 0; q2 < channels; q2++) out[target + 3 * q2] += a * c2[row2 + q2];
          }
        }
      }
    }
    block += channels * channels;
  }
}
