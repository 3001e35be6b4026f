/**
 * Exact radial integrals F^f_nl(d) and their slopes dF/dd: the slow path that radial-tables.ts splines.
 *
 * Funk–Hecke says c_nlm = Σ_j F_nl(d_j) Y_lm(d̂_j) with F_nl(d) = ∫_0^{r_c} R_n(r) r² λ_l(r, d) dr. Expanding both the
 * source profile and the basis in plane waves turns this double integral into one over k:
 *   F_nl(d) = (2/π) ∫_0^∞ k² f̂(k) B_nl(k) j_l(kd) dk,      B_nl(k) = ∫_0^{r_c} R_n(r) j_l(kr) r² dr,
 * with f̂ the 3D Fourier transform of the source: (2πσ²)^{3/2} e^{−σ²k²/2} for the density, and
 * (4π/k²) e^{−σ²k²/2} for the potential of a unit Gaussian charge (the k² cancels: no singularity at k = 0).
 * The Gaussian factor ends the integral at k = 9/σ (e^{−40} ≈ 4e−18); B_nl(k) is computed once per table, after
 * which each d costs one pass over the k nodes. dF/dd uses (2l+1) j_l' = l j_{l−1} − (l+1) j_{l+1}.
 * An independent real-space evaluation (testing/funk-hecke-reference.ts) and brute-force 3D quadrature check it.
 */
import { compositeGaussLegendre } from './quadrature.ts';
import type { RadialBasis } from './radial-basis.ts';
import { sphericalBessel } from './spherical-bessel.ts';

export type Field = 'density' | 'potential';
/** Both fields share every Bessel evaluation, so they are always integrated together, in this order. */
export const FIELDS: readonly Field[] = ['density', 'potential'];

/** exp(−σ²k²/2) < 4e−18 beyond this σk. */
const SIGMA_K_MAX = 9;
const ORDER = 8;
/** r panels per σ (the integrand oscillates no faster than k_max = 9/σ). */
const R_PANELS_PER_SIGMA = 2;

export interface RadialIntegrator {
  readonly nMax: number;
  readonly lMax: number;
  /**
   * Writes F_nl(d) into value[f·W + l·nMax + n] and dF_nl/dd into deriv[...], for both fields f (FIELDS order),
   * W = nMax·(lMax+1), 0 ≤ d ≤ maxDistance.
   */
  integrals(d: number, value: Float64Array, deriv: Float64Array): void;
  /**
   * Multipole moments ∫_0^{r_c} R_n(r) r^{l+2} dr at [l·nMax + n], l = 0..lTop (default lMax): the far-field tail of
   * the potential.
   */
  moments(lTop?: number): Float64Array;
}

/** Panels of the r and k rules for these sizes (shared with quadratureSize, so cost estimates match the work). */
function panels(cutoff: number, sigma: number, maxDistance: number): { r: number; k: number } {
  const kMax = SIGMA_K_MAX / sigma;
  // The k-integrand oscillates with frequency ≤ r_c + d: one period per panel of 12 nodes is ample.
  return {
    r: Math.ceil((cutoff / sigma) * R_PANELS_PER_SIGMA),
    k: Math.ceil((kMax * (cutoff + maxDistance)) / (2 * Math.PI)),
  };
}

/**
 * Quadrature nodes in r and k: creating an integrator costs about rNodes·kNodes Bessel evaluations, and each
 * integrals() call kNodes. Both grow as (r_c/σ)², which is what makes a small σ slow.
 */
export function quadratureSize(
  cutoff: number,
  sigma: number,
  maxDistance: number,
): { rNodes: number; kNodes: number } {
  const p = panels(cutoff, sigma, maxDistance);
  return { rNodes: p.r * ORDER, kNodes: p.k * ORDER };
}

/** `onSetup(done, total)` is called as the k nodes of the setup are done (about every 1%, and at the end). */
export function createRadialIntegrator(
  basis: RadialBasis,
  sigma: number,
  lMax: number,
  maxDistance: number,
  onSetup?: (done: number, total: number) => void,
): RadialIntegrator {
  const { nMax, cutoff } = basis;
  const width = nMax * (lMax + 1);
  const panelCount = panels(cutoff, sigma, maxDistance);
  const rRule = compositeGaussLegendre(0, cutoff, panelCount.r, ORDER);
  const weightedBasis = new Float64Array(rRule.nodes.length * nMax); // w_q r_q² R_n(r_q)
  const rn = new Float64Array(nMax);
  rRule.nodes.forEach((r, q) => {
    basis.evaluate(r, rn);
    for (let n = 0; n < nMax; n++) weightedBasis[q * nMax + n] = rRule.weights[q] * r * r * rn[n];
  });

  const kRule = compositeGaussLegendre(0, SIGMA_K_MAX / sigma, panelCount.k, ORDER);
  const nk = kRule.nodes.length;
  const reportEvery = Math.max(1, Math.ceil(nk / 100));
  // W_k B_nl(k) per field, W_k = quadrature weight × (2/π) k² f̂(k).
  const transform = new Float64Array(nk * 2 * width);
  const densityFactor = (2 / Math.PI) * (2 * Math.PI * sigma * sigma) ** 1.5;
  const j = new Float64Array(lMax + 2);
  const b = new Float64Array(width);
  for (let i = 0; i < nk; i++) {
    const k = kRule.nodes[i];
    b.fill(0);
    for (let q = 0; q < rRule.nodes.length; q++) {
      sphericalBessel(lMax, k * rRule.nodes[q], j);
      for (let l = 0; l <= lMax; l++) {
        for (let n = 0; n < nMax; n++) b[l * nMax + n] += j[l] * weightedBasis[q * nMax + n];
      }
    }
    const gauss = kRule.weights[i] * Math.exp(-0.5 * sigma * sigma * k * k);
    const density = densityFactor * k * k * gauss;
    const potential = 8 * gauss;
    for (let c = 0; c < width; c++) {
      transform[2 * i * width + c] = density * b[c];
      transform[(2 * i + 1) * width + c] = potential * b[c];
    }
    if (onSetup && ((i + 1) % reportEvery === 0 || i + 1 === nk)) onSetup(i + 1, nk);
  }

  return {
    nMax,
    lMax,
    integrals(d, value, deriv) {
      value.fill(0, 0, 2 * width);
      deriv.fill(0, 0, 2 * width);
      for (let i = 0; i < nk; i++) {
        const k = kRule.nodes[i];
        sphericalBessel(lMax + 1, k * d, j);
        for (let l = 0; l <= lMax; l++) {
          const jl = j[l];
          const slope = (k * ((l > 0 ? l * j[l - 1] : 0) - (l + 1) * j[l + 1])) / (2 * l + 1);
          for (let f = 0; f < 2; f++) {
            const row = (2 * i + f) * width + l * nMax;
            const out = f * width + l * nMax;
            for (let n = 0; n < nMax; n++) {
              value[out + n] += transform[row + n] * jl;
              deriv[out + n] += transform[row + n] * slope;
            }
          }
        }
      }
    },
    moments(lTop = lMax) {
      const out = new Float64Array(nMax * (lTop + 1));
      rRule.nodes.forEach((r, q) => {
        let rl = 1;
        for (let l = 0; l <= lTop; l++) {
          for (let n = 0; n < nMax; n++) out[l * nMax + n] += weightedBasis[q * nMax + n] * rl;
          rl *= r;
        }
      });
      return out;
    },
  };
}
