/**
 * Radial functions of the Ewald sums (ewald.ts), α = 1/(√2η):
 *  - B_l(s) = (−s⁻¹d/ds)^l erfc(αs)/s, by upward recursion, and a spline of s^l B_l/(2l−1)!! for the many far pairs;
 *  - E_l(s) = (2l−1)!!/s^{2l+1} − B_l(s) = (−s⁻¹d/ds)^l erf(αs)/s, smooth at s = 0 (a series there);
 *  - derivatives of the Gaussian sheet potential s_η(z) = z erf(αz) + e^{−α²z²}/(α√π).
 */
import erfc from '@stdlib/math-base-special-erfc';
import erf from '@stdlib/math-base-special-erf';

/** Below α·s = 2 the series of E_l is used (terms ≤ 11, so at most one digit is lost to cancellation). */
const SERIES_LIMIT = 2;

/** 1/(2l−1)!! for l = 0..lMax. */
export function inverseDoubleFactorials(lMax: number): Float64Array {
  const out = new Float64Array(lMax + 1);
  out[0] = 1;
  for (let l = 1; l <= lMax; l++) out[l] = out[l - 1] / (2 * l - 1);
  return out;
}

/** B_l(s) for l = 0..lMax. */
function realSpaceRadials(alpha: number, s: number, lMax: number, out: Float64Array): void {
  const s2 = s * s;
  const gauss = Math.exp(-alpha * alpha * s2) / (alpha * Math.sqrt(Math.PI));
  out[0] = erfc(alpha * s) / s;
  let power = 1;
  for (let l = 1; l <= lMax; l++) {
    power *= 2 * alpha * alpha;
    out[l] = ((2 * l - 1) * out[l - 1] + power * gauss) / s2;
  }
}

/**
 * E_l(s) = (2l−1)!!/s^{2l+1} − B_l(s) = (s⁻¹d/ds)^l φ_LR·(−1)^l for l = 0..lMax; near s = 0 from its series
 * E_l = (2α/√π)(2α²)^l Σ_m (−α²s²)^m/(m!(2m+2l+1)).
 */
export function longRangeRadials(alpha: number, s: number, lMax: number, out: Float64Array): void {
  if (alpha * s >= SERIES_LIMIT) {
    realSpaceRadials(alpha, s, lMax, out);
    let coulomb = 1 / s;
    for (let l = 0; l <= lMax; l++) {
      out[l] = coulomb - out[l];
      coulomb *= (2 * l + 1) / (s * s);
    }
    return;
  }
  const x = alpha * alpha * s * s;
  let lead = (2 * alpha) / Math.sqrt(Math.PI);
  for (let l = 0; l <= lMax; l++) {
    let term = 1;
    let sum = 1 / (2 * l + 1);
    for (let m = 1; m < 100; m++) {
      term *= -x / m;
      const next = term / (2 * m + 2 * l + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    out[l] = lead * sum;
    lead *= 2 * alpha * alpha;
  }
}

/** The factors of a near image's −φ_LR, −s^l E_l(s)/(2l−1)!! for l = 0..lMax (inverseDf: inverseDoubleFactorials). */
export function nearImageFactors(
  alpha: number,
  s: number,
  lMax: number,
  inverseDf: Float64Array,
  out: Float64Array,
): void {
  longRangeRadials(alpha, s, lMax, out);
  let power = -1;
  for (let l = 0; l <= lMax; l++) {
    out[l] *= power * inverseDf[l];
    power *= s;
  }
}

/** Derivatives d^l/dz^l s_η(z), l = 0..lMax (Hermite polynomials of αz from the second on). */
export function sheetDerivatives(alpha: number, z: number, lMax: number, out: Float64Array): void {
  const u = alpha * z;
  const gauss = Math.exp(-u * u);
  const error = erf(u);
  out[0] = z * error + gauss / (alpha * Math.sqrt(Math.PI));
  if (lMax >= 1) out[1] = error;
  // h_l = (2α/√π)(−α)^{l−2} H_{l−2}(αz) e^{−α²z²}, H_{m+1} = 2u H_m − 2m H_{m−1}.
  let hPrev = 0;
  let h = 1;
  let factor = ((2 * alpha) / Math.sqrt(Math.PI)) * gauss;
  for (let l = 2; l <= lMax; l++) {
    out[l] = factor * h;
    const m = l - 2;
    const next = 2 * u * h - 2 * m * hPrev;
    hPrev = h;
    h = next;
    factor *= -alpha;
  }
}

/**
 * Knot spacing of the far-pair spline for accuracy ε: the cubic Hermite error h⁴ max|f''''|/384 with f'''' up to
 * ~(4αs)⁴ f where the pairs are cut (αs ≈ 4–5): h = (384 ε)^{1/4}/(20α).
 */
function splineSpacing(alpha: number, accuracy: number): number {
  return (384 * accuracy) ** 0.25 / (20 * alpha);
}

/**
 * The far pairs' radial factors s^l B_l(s)/(2l−1)!!, l = 0..lMax, as a cubic Hermite spline on [start, end]
 * (slopes from B_l' = −s B_{l+1}): the pair loop's erfc and exponential, once per knot instead of once per pair.
 */
export interface RealSpaceSpline {
  readonly start: number;
  readonly spacing: number;
  readonly knotCount: number;
  /** [(k·(lMax+1) + l)·2] value, [... + 1] spacing × slope. */
  readonly knots: Float64Array;
}

export function realSpaceSpline(
  alpha: number,
  start: number,
  end: number,
  lMax: number,
  accuracy: number,
): RealSpaceSpline {
  const knotCount = Math.max(2, Math.ceil((end - start) / splineSpacing(alpha, accuracy)) + 1);
  const spacing = (end - start) / (knotCount - 1);
  const knots = new Float64Array(knotCount * (lMax + 1) * 2);
  const b = new Float64Array(lMax + 2);
  const inverseDf = inverseDoubleFactorials(lMax);
  for (let k = 0; k < knotCount; k++) {
    const x = start + k * spacing;
    realSpaceRadials(alpha, x, lMax + 1, b);
    for (let l = 0; l <= lMax; l++) {
      const value = x ** l * b[l];
      const slope = (l > 0 ? l * x ** (l - 1) * b[l] : 0) - x ** (l + 1) * b[l + 1];
      knots[(k * (lMax + 1) + l) * 2] = value * inverseDf[l];
      knots[(k * (lMax + 1) + l) * 2 + 1] = spacing * slope * inverseDf[l];
    }
  }
  return { start, spacing, knotCount, knots };
}

export function evaluateSpline(spline: RealSpaceSpline, s: number, lMax: number, out: Float64Array): void {
  const x = (s - spline.start) / spline.spacing;
  const k = Math.max(0, Math.min(Math.floor(x), spline.knotCount - 2));
  const t = x - k;
  const t2 = t * t;
  const t3 = t2 * t;
  const h00 = 2 * t3 - 3 * t2 + 1;
  const h10 = t3 - 2 * t2 + t;
  const h01 = -2 * t3 + 3 * t2;
  const h11 = t3 - t2;
  const width = (lMax + 1) * 2;
  const base0 = k * width;
  const base1 = base0 + width;
  const knots = spline.knots;
  for (let l = 0; l <= lMax; l++) {
    out[l] =
      h00 * knots[base0 + 2 * l] +
      h10 * knots[base0 + 2 * l + 1] +
      h01 * knots[base1 + 2 * l] +
      h11 * knots[base1 + 2 * l + 1];
  }
}
