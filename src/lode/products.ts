/**
 * Products of two expansions around one centre (layout of expansion.ts: [lm·Q + q], q = a·nMax + n):
 *  - power spectrum  P_{q1 q2 l} = (2l+1)^{−1/2} Σ_m c¹_{q1 lm} c²_{q2 lm}                        (invariant)
 *  - λ = 1 coupling  T_{q1 l1, q2 l2; μ} = Σ_{m1 m2} C^{1μ}_{l1 m1, l2 m2} c¹_{q1 l1 m1} c²_{q2 l2 m2}  (polar vector)
 * A power-spectrum column is summed over all its centres in one call, which writes it once, with its constant factor
 * ((2l+1)^{−1/2} and the √2 of symmetric pairs: powerSpectrumScales). The λ = 1 features of each centre add into the
 * output, so that per-structure sums need no extra pass.
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
 * out[offset + j] ← scale[j]·Σ_{centres} Σ_m c¹_{q1 lm} c²_{q2 lm}, j = l·pairs + pair, for the centres whose
 * coefficients start at `bases` (one centre for per-atom rows, all centres of a species for structure sums) and the
 * block's column factors `scale` (powerSpectrumScales). Per l this is a matrix product over
 * k = (centre, m); it runs in 2 × 4 register blocks so each loaded coefficient feeds 2–4 multiply-adds and each output
 * is written once.
 */
export function writePowerSpectrum(
  c1: Float64Array,
  c2: Float64Array,
  bases: ArrayLike<number>,
  lMax: number,
  channels: number,
  symmetric: boolean,
  out: Float64Array,
  offset: number,
  scale: Float64Array,
): void {
  const nPairs = pairCount(channels, symmetric);
  // Column of pair (q1, q2) within an l block.
  const rowStart = (q1: number) => (symmetric ? q1 * channels - (q1 * (q1 - 1)) / 2 - q1 : q1 * channels);
  for (let l = 0; l <= lMax; l++) {
    const kLo = l * l * channels;
    const kHi = (l + 1) * (l + 1) * channels;
    const col = offset + l * nPairs;
    for (let q1 = 0; q1 < channels; q1 += 2) {
      const twoRows = q1 + 1 < channels;
      const start0 = col + rowStart(q1);
      const start1 = twoRows ? col + rowStart(q1 + 1) : 0;
      let q2 = symmetric ? q1 : 0;
      for (; q2 + 3 < channels; q2 += 4) {
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
        for (let b = 0; b < bases.length; b++) {
          for (let row = bases[b] + kLo, end = bases[b] + kHi; row < end; row += channels) {
            const a0 = c1[row + q1];
            const a1 = twoRows ? c1[row + q1 + 1] : 0;
            const r = row + q2;
            const b0 = c2[r];
            const b1 = c2[r + 1];
            const b2 = c2[r + 2];
            const b3 = c2[r + 3];
            s00 += a0 * b0;
            s01 += a0 * b1;
            s02 += a0 * b2;
            s03 += a0 * b3;
            s10 += a1 * b0;
            s11 += a1 * b1;
            s12 += a1 * b2;
            s13 += a1 * b3;
          }
        }
        const at0 = start0 + q2;
        const j0 = at0 - offset;
        out[at0] = s00 * scale[j0];
        out[at0 + 1] = s01 * scale[j0 + 1];
        out[at0 + 2] = s02 * scale[j0 + 2];
        out[at0 + 3] = s03 * scale[j0 + 3];
        if (twoRows) {
          const at1 = start1 + q2;
          const j1 = at1 - offset;
          // In a symmetric product, (q1 + 1, q1) lies below the diagonal and is not stored.
          if (!symmetric || q2 > q1) out[at1] = s10 * scale[j1];
          out[at1 + 1] = s11 * scale[j1 + 1];
          out[at1 + 2] = s12 * scale[j1 + 2];
          out[at1 + 3] = s13 * scale[j1 + 3];
        }
      }
      for (; q2 < channels; q2++) {
        let s0 = 0;
        let s1 = 0;
        for (let b = 0; b < bases.length; b++) {
          for (let row = bases[b] + kLo, end = bases[b] + kHi; row < end; row += channels) {
            const v = c2[row + q2];
            s0 += c1[row + q1] * v;
            if (twoRows) s1 += c1[row + q1 + 1] * v;
          }
        }
        const at0 = start0 + q2;
        out[at0] = s0 * scale[at0 - offset];
        if (twoRows && (!symmetric || q2 > q1)) {
          const at1 = start1 + q2;
          out[at1] = s1 * scale[at1 - offset];
        }
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
