import { describe, expect, it } from 'vitest';
import { gaussLegendre } from './quadrature.ts';
import {
  harmonicCount,
  harmonicIndex,
  legendre,
  realSphericalHarmonics,
  realSphericalHarmonicsUpTo4,
} from './spherical-harmonics.ts';
import { seededRandom } from '../util/random.ts';

const lMax = 10;
const ylm = (x: number, y: number, z: number) => {
  const out = new Float64Array(harmonicCount(lMax));
  realSphericalHarmonics(lMax, x, y, z, out);
  return out;
};

describe('real spherical harmonics', () => {
  it('are orthonormal on the sphere (product Gauss–Legendre × trapezoid quadrature)', () => {
    const nt = 24;
    const nphi = 48;
    const { nodes, weights } = gaussLegendre(nt);
    const n = harmonicCount(lMax);
    const gram = new Float64Array(n * n);
    for (let i = 0; i < nt; i++) {
      const ct = nodes[i];
      const st = Math.sqrt(1 - ct * ct);
      for (let j = 0; j < nphi; j++) {
        const phi = (2 * Math.PI * j) / nphi;
        const y = ylm(st * Math.cos(phi), st * Math.sin(phi), ct);
        const w = (weights[i] * 2 * Math.PI) / nphi;
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) gram[a * n + b] += w * y[a] * y[b];
      }
    }
    let maxErr = 0;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) maxErr = Math.max(maxErr, Math.abs(gram[a * n + b] - (a === b ? 1 : 0)));
    expect(maxErr).toBeLessThan(1e-13);
  });

  it('match the closed forms for l ≤ 2 with the documented sign convention', () => {
    const [x, y, z] = [0.3, -0.5, 0.7];
    const r = Math.hypot(x, y, z);
    const v = ylm(x, y, z);
    const c1 = Math.sqrt(3 / (4 * Math.PI));
    expect(v[harmonicIndex(1, -1)]).toBeCloseTo((c1 * y) / r, 14);
    expect(v[harmonicIndex(1, 0)]).toBeCloseTo((c1 * z) / r, 14);
    expect(v[harmonicIndex(1, 1)]).toBeCloseTo((c1 * x) / r, 14);
    const c2 = 0.5 * Math.sqrt(15 / Math.PI);
    expect(v[harmonicIndex(2, -2)]).toBeCloseTo((c2 * x * y) / r ** 2, 14);
    expect(v[harmonicIndex(2, 1)]).toBeCloseTo((c2 * x * z) / r ** 2, 14);
    expect(v[harmonicIndex(2, 0)]).toBeCloseTo(
      (0.25 * Math.sqrt(5 / Math.PI) * (3 * z * z - r * r)) / r ** 2,
      14,
    );
    expect(v[harmonicIndex(2, 2)]).toBeCloseTo((0.5 * c2 * (x * x - y * y)) / r ** 2, 14);
  });

  it('obey the addition theorem Σ_m Y_lm(a) Y_lm(b) = (2l+1)/(4π) P_l(a·b)', () => {
    const a = [0.2, 0.9, -0.4];
    const b = [-0.7, 0.1, 0.6];
    const ya = ylm(a[0], a[1], a[2]);
    const yb = ylm(b[0], b[1], b[2]);
    const cos =
      (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) /
      (Math.hypot(a[0], a[1], a[2]) * Math.hypot(b[0], b[1], b[2]));
    const p = new Float64Array(lMax + 1);
    legendre(lMax, cos, p);
    for (let l = 0; l <= lMax; l++) {
      let sum = 0;
      for (let m = -l; m <= l; m++) sum += ya[harmonicIndex(l, m)] * yb[harmonicIndex(l, m)];
      expect(sum).toBeCloseTo(((2 * l + 1) / (4 * Math.PI)) * p[l], 13);
    }
  });

  it('are finite and unit-normalised at the poles', () => {
    const v = ylm(0, 0, -2);
    expect(v.every(Number.isFinite)).toBe(true);
    expect(v[harmonicIndex(3, 0)]).toBeCloseTo(-Math.sqrt(7 / (4 * Math.PI)), 14);
  });

  it('in closed form up to l = 4 equal the recursion (any length, every axis and octant)', () => {
    const random = seededRandom(3);
    const directions = [
      [1, 0, 0],
      [0, -2, 0],
      [0, 0, 0.5],
      ...Array.from({ length: 200 }, () => [0, 1, 2].map(() => 20 * random() - 10)),
    ];
    const closed = new Float64Array(25);
    for (const [x, y, z] of directions) {
      realSphericalHarmonicsUpTo4(x, y, z, closed);
      const recursion = new Float64Array(25);
      realSphericalHarmonics(4, x, y, z, recursion);
      for (let k = 0; k < 25; k++) expect(closed[k]).toBeCloseTo(recursion[k], 14);
    }
  });
});
