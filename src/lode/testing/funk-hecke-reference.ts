/**
 * Test oracle: the radial integrals F^f_nl(d) = ∫_0^{r_c} R_n(r) r² λ^f_l(r, d) dr and dF/dd computed in real space,
 * independently of the k-space route the engine uses (radial-integrals.ts).
 *
 * Funk–Hecke kernel λ^f_l(r, d) = 2π ∫_{−1}^{1} P_l(t) f(√(r² + d² − 2rdt)) dt. Substituting the source distance
 * s = √(r² + d² − 2rdt) (dt = −s ds/(rd)) gives an integral over s ∈ [|r − d|, r + d]:
 *   density   f = g(s) = exp(−s²/2σ²):         λ = (2π/rd) ∫ P_l(t(s)) s g(s) ds
 *   potential f = φ(s) = erf(s/(√2σ))/s:       λ = (2π/rd) ∫ P_l(t(s)) erf(s/√2σ) ds
 *             = 4π/(2l+1) r_<^l/r_>^{l+1}  −  (2π/rd) ∫ P_l(t(s)) erfc(s/√2σ) ds
 * (the first term is the point-charge Laplace expansion). Both remaining integrands vanish beyond s ≈ 9σ, so each
 * λ is a short Gauss–Legendre sum over s ∈ [|r − d|, min(r + d, 9σ)] with panels ≤ σ wide, and zero when |r − d|
 * exceeds 9σ. dλ/dd follows by differentiating under the integral (endpoint terms included).
 */
import erfc from '@stdlib/math-base-special-erfc';
import erf from '@stdlib/math-base-special-erf';
import { compositeGaussLegendre, gaussLegendre } from '../quadrature.ts';
import type { RadialBasis } from '../radial-basis.ts';
import type { Field } from '../radial-integrals.ts';

/** Sources farther than this many σ do not touch the short-range integrands (exp(−40) ~ 1e−18). */
const SOURCE_RANGE_SIGMAS = 9;
/** r-quadrature: panels of σ/2 with 12 Gauss–Legendre nodes; s-quadrature: panels ≤ σ with 12 nodes. */
const R_PANELS_PER_SIGMA = 2;
const R_ORDER = 12;
const S_ORDER = 12;

/** Returns integrals(d, value, deriv) filling value[l·nMax + n] = F_nl(d), deriv[...] = dF_nl/dd. */
export function createReferenceIntegrator(
  field: Field,
  basis: RadialBasis,
  sigma: number,
  lMax: number,
): (d: number, value: Float64Array, deriv: Float64Array) => void {
  const { nMax, cutoff } = basis;
  const panels = Math.max(1, Math.ceil((cutoff / sigma) * R_PANELS_PER_SIGMA));
  const rule = compositeGaussLegendre(0, cutoff, panels, R_ORDER);
  const nr = rule.nodes.length;
  // w_q r_q² R_n(r_q), the fixed part of every r-integral.
  const weightedBasis = new Float64Array(nr * nMax);
  const rn = new Float64Array(nMax);
  for (let q = 0; q < nr; q++) {
    const r = rule.nodes[q];
    basis.evaluate(r, rn);
    for (let n = 0; n < nMax; n++) weightedBasis[q * nMax + n] = rule.weights[q] * r * r * rn[n];
  }

  const sCut = SOURCE_RANGE_SIGMAS * sigma;
  const isDensity = field === 'density';
  const inv2s2 = 1 / (2 * sigma * sigma);
  const invSqrt2s = 1 / (Math.SQRT2 * sigma);
  const kernel = isDensity
    ? (s: number) => s * Math.exp(-s * s * inv2s2)
    : (s: number) => erfc(s * invSqrt2s);
  const sRule = gaussLegendre(S_ORDER);

  const lam = new Float64Array(lMax + 1);
  const dlam = new Float64Array(lMax + 1);
  const p = new Float64Array(lMax + 1);
  const dp = new Float64Array(lMax + 1);
  const sumI = new Float64Array(lMax + 1);
  const sumJ = new Float64Array(lMax + 1);

  /** λ_l(r, d) and ∂λ_l/∂d for all l, d > 0. */
  function kernels(r: number, d: number): void {
    const a = Math.abs(r - d);
    lam.fill(0);
    dlam.fill(0);
    if (!isDensity) {
      // Point-charge part 4π/(2l+1) r_<^l / r_>^{l+1}.
      const inner = Math.min(r, d);
      const outer = Math.max(r, d);
      let ratio = 1 / outer;
      for (let l = 0; l <= lMax; l++) {
        const c = (4 * Math.PI) / (2 * l + 1);
        lam[l] = c * ratio;
        dlam[l] = d < r ? (c * l * ratio) / d : (-c * (l + 1) * ratio) / d;
        ratio *= inner / outer;
      }
    }
    if (a >= sCut) return;
    const full = r + d;
    const truncated = full > sCut;
    const b = truncated ? sCut : full;
    sumI.fill(0);
    sumJ.fill(0);
    const nPanels = Math.max(1, Math.ceil((b - a) / sigma));
    const width = (b - a) / nPanels;
    const inv2rd = 1 / (2 * r * d);
    const dtddScale = inv2rd / d;
    for (let panel = 0; panel < nPanels; panel++) {
      const mid = a + (panel + 0.5) * width;
      for (let k = 0; k < S_ORDER; k++) {
        const s = mid + 0.5 * width * sRule.nodes[k];
        const w = 0.5 * width * sRule.weights[k] * kernel(s);
        const t = Math.max(-1, Math.min(1, (r * r + d * d - s * s) * inv2rd));
        const dtdd = (d * d - r * r + s * s) * dtddScale;
        legendreWithDerivative(t, p, dp);
        for (let l = 0; l <= lMax; l++) {
          sumI[l] += w * p[l];
          sumJ[l] += w * dp[l] * dtdd;
        }
      }
    }
    // Endpoint terms of d/dd: t(|r − d|) = 1 (P_l = 1), t(r + d) = −1 (P_l = (−1)^l).
    const lower = kernel(a) * Math.sign(d - r);
    const upper = truncated ? 0 : kernel(full);
    const u = (2 * Math.PI) / (r * d);
    const sign = isDensity ? 1 : -1;
    for (let l = 0; l <= lMax; l++) {
      const dI = sumJ[l] - lower + (l % 2 === 0 ? upper : -upper);
      lam[l] += sign * u * sumI[l];
      dlam[l] += sign * u * (dI - sumI[l] / d);
    }
  }

  /** d = 0: only l = 0 has a value (4π f(r)) and only l = 1 a slope (−(4π/3) f'(r)). */
  function atOrigin(value: Float64Array, deriv: Float64Array): void {
    for (let q = 0; q < nr; q++) {
      const r = rule.nodes[q];
      const g = Math.exp(-r * r * inv2s2);
      const f = isDensity ? g : erf(r * invSqrt2s) / r;
      const df = isDensity ? -2 * r * inv2s2 * g : (Math.sqrt(2 / Math.PI) * g) / (sigma * r) - f / r;
      for (let n = 0; n < nMax; n++) {
        value[n] += 4 * Math.PI * weightedBasis[q * nMax + n] * f;
        if (lMax >= 1) deriv[nMax + n] -= ((4 * Math.PI) / 3) * weightedBasis[q * nMax + n] * df;
      }
    }
  }

  return (d, value, deriv) => {
    value.fill(0, 0, nMax * (lMax + 1));
    deriv.fill(0, 0, nMax * (lMax + 1));
    if (d === 0) return atOrigin(value, deriv);
    for (let q = 0; q < nr; q++) {
      kernels(rule.nodes[q], d);
      for (let l = 0; l <= lMax; l++) {
        for (let n = 0; n < nMax; n++) {
          const wb = weightedBasis[q * nMax + n];
          value[l * nMax + n] += wb * lam[l];
          deriv[l * nMax + n] += wb * dlam[l];
        }
      }
    }
  };
}

/** P_l(t) and P_l'(t) for l ≤ lMax (P'_{l+1} = P'_{l−1} + (2l+1) P_l, finite at t = ±1). */
function legendreWithDerivative(t: number, p: Float64Array, dp: Float64Array): void {
  const lMax = p.length - 1;
  p[0] = 1;
  dp[0] = 0;
  if (lMax === 0) return;
  p[1] = t;
  dp[1] = 1;
  for (let l = 1; l < lMax; l++) {
    p[l + 1] = ((2 * l + 1) * t * p[l] - l * p[l - 1]) / (l + 1);
    dp[l + 1] = dp[l - 1] + (2 * l + 1) * p[l];
  }
}
