import { describe, expect, it } from 'vitest';
import { gaussLegendre } from './quadrature.ts';
import { legendre } from './spherical-harmonics.ts';
import { sphericalBessel } from './spherical-bessel.ts';

/** j_l(x) = ½ i^{−l} ∫_{−1}^{1} P_l(t) e^{ixt} dt = ½ ∫ P_l(t) cos(xt − lπ/2) dt (the odd part integrates to 0). */
function besselByQuadrature(l: number, x: number): number {
  const { nodes, weights } = gaussLegendre(200);
  const p = new Float64Array(l + 1);
  let sum = 0;
  for (let q = 0; q < nodes.length; q++) {
    legendre(l, nodes[q], p);
    sum += weights[q] * p[l] * Math.cos(x * nodes[q] - (l * Math.PI) / 2);
  }
  return 0.5 * sum;
}

describe('spherical Bessel functions', () => {
  it('match the integral representation across regimes (small x, x ≈ l, large x)', () => {
    const lMax = 12;
    const out = new Float64Array(lMax + 1);
    for (const x of [0, 1e-6, 0.3, 0.999, 1, 2.5, 5.5, 9.9, 12.1, 37.3, 141.7]) {
      sphericalBessel(lMax, x, out);
      for (let l = 0; l <= lMax; l++) {
        const ref = x === 0 ? (l === 0 ? 1 : 0) : besselByQuadrature(l, x);
        expect(Math.abs(out[l] - ref)).toBeLessThan(2e-15);
      }
    }
  });
});
