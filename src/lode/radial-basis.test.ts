import { describe, expect, it } from 'vitest';
import { gaussLegendre } from './quadrature.ts';
import { createRadialBasis, type RadialBasisKind } from './radial-basis.ts';

/** Overlap by a single high-order rule, unlike the composite rule the basis is built with. */
function gram(kind: RadialBasisKind, nMax: number, cutoff: number): number[][] {
  const basis = createRadialBasis(kind, nMax, cutoff);
  const { nodes, weights } = gaussLegendre(120);
  const out = Array.from({ length: nMax }, () => new Array<number>(nMax).fill(0));
  const v = new Float64Array(nMax);
  for (let q = 0; q < nodes.length; q++) {
    const r = 0.5 * cutoff * (nodes[q] + 1);
    basis.evaluate(r, v);
    const w = 0.5 * cutoff * weights[q] * r * r;
    for (let a = 0; a < nMax; a++) for (let b = 0; b < nMax; b++) out[a][b] += w * v[a] * v[b];
  }
  return out;
}

describe('radial bases', () => {
  for (const kind of ['gto', 'legendre'] as const) {
    for (const nMax of [1, 6, 12, 16]) {
      it(`${kind} with n_max = ${nMax} is orthonormal with the r² dr measure`, () => {
        const g = gram(kind, nMax, 3.5);
        // Large GTO sets are nearly linearly dependent (cond(S) ≈ 1e14 at n_max = 16): rounding then costs digits.
        for (let a = 0; a < nMax; a++)
          for (let b = 0; b < nMax; b++) expect(Math.abs(g[a][b] - (a === b ? 1 : 0))).toBeLessThan(1e-9);
      });
    }
  }

  it('the first GTO is the normalised Gaussian of width r_c/n_max', () => {
    const cutoff = 3;
    const basis = createRadialBasis('gto', 1, cutoff);
    const s = cutoff;
    const { nodes, weights } = gaussLegendre(100);
    let norm = 0;
    for (let q = 0; q < nodes.length; q++) {
      const r = 0.5 * cutoff * (nodes[q] + 1);
      norm += 0.5 * cutoff * weights[q] * r * r * Math.exp(-(r * r) / (s * s));
    }
    const v = new Float64Array(1);
    basis.evaluate(1.2, v);
    expect(v[0]).toBeCloseTo(Math.exp(-(1.2 * 1.2) / (2 * s * s)) / Math.sqrt(norm), 12);
  });
});
