/**
 * Real-harmonic Clebsch–Gordan coefficients C^{λμ}_{l1 m1, l2 m2} for l1 + l2 + λ even (the couplings that give
 * polar tensors from two sets of real harmonics).
 *
 * For l1 + l2 + λ even the real Gaunt integral ∫ Y_λμ Y_l1m1 Y_l2m2 dΩ equals the real CG coefficient times a factor
 * that depends on (l1, l2, λ) only, and <l1 0 l2 0|λ 0> ≠ 0. So we integrate our own harmonics exactly on the
 * sphere (Gauss–Legendre in cos θ × uniform φ) and normalise each μ row to unit length, as CG rows are. No complex
 * harmonics, no phase conventions to mismatch: equivariance follows from the rotation invariance of the integral.
 */
import { gaussLegendre } from './quadrature.ts';
import { harmonicCount, realSphericalHarmonics } from './spherical-harmonics.ts';

/** Coefficients at [(μ + λ)·(2l1+1)·(2l2+1) + (m1 + l1)·(2l2+1) + (m2 + l2)]. */
export type CouplingTensor = Float64Array;

const cache = new Map<string, CouplingTensor>();

export function realClebschGordan(l1: number, l2: number, lambda: number): CouplingTensor {
  if ((l1 + l2 + lambda) % 2 !== 0 || lambda < Math.abs(l1 - l2) || lambda > l1 + l2) {
    throw new RangeError(`no polar coupling of l1=${l1}, l2=${l2} to λ=${lambda}`);
  }
  const key = `${l1},${l2},${lambda}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const lTop = Math.max(l1, l2, lambda);
  const degree = l1 + l2 + lambda;
  const { nodes, weights } = gaussLegendre(Math.ceil((degree + 2) / 2));
  const nPhi = degree + 2;
  const d1 = 2 * l1 + 1;
  const d2 = 2 * l2 + 1;
  const g = new Float64Array((2 * lambda + 1) * d1 * d2);
  const y = new Float64Array(harmonicCount(lTop));
  for (let i = 0; i < nodes.length; i++) {
    const ct = nodes[i];
    const st = Math.sqrt(1 - ct * ct);
    for (let p = 0; p < nPhi; p++) {
      const phi = (2 * Math.PI * (p + 0.5)) / nPhi;
      realSphericalHarmonics(lTop, st * Math.cos(phi), st * Math.sin(phi), ct, y);
      const w = (weights[i] * 2 * Math.PI) / nPhi;
      for (let mu = 0; mu <= 2 * lambda; mu++) {
        const ymu = w * y[lambda * lambda + mu];
        for (let m1 = 0; m1 < d1; m1++) {
          const y1 = ymu * y[l1 * l1 + m1];
          for (let m2 = 0; m2 < d2; m2++) g[(mu * d1 + m1) * d2 + m2] += y1 * y[l2 * l2 + m2];
        }
      }
    }
  }
  const rowSize = d1 * d2;
  for (let mu = 0; mu <= 2 * lambda; mu++) {
    let norm = 0;
    for (let k = 0; k < rowSize; k++) norm += g[mu * rowSize + k] ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < rowSize; k++) {
      const v = g[mu * rowSize + k] * scale;
      g[mu * rowSize + k] = Math.abs(v) < 1e-14 ? 0 : v;
    }
  }
  cache.set(key, g);
  return g;
}
