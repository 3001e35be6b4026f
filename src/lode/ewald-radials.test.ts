import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { evaluateSpline, nearPairSpline } from './ewald-radials.ts';

describe('nearPairSpline: −s^l E_l(s)/(2l−1)!! of the near pairs, splined for the WebGPU engine', () => {
  const eta = 1.3;
  const alpha = 1 / (Math.SQRT2 * eta);
  const end = 5.8;
  const spline = nearPairSpline(alpha, end, 3, 1e-8);
  // Closed forms: E_0 = erf(αs)/s, E_1 = −s⁻¹dE_0/ds = [erf(αs)/s − (2α/√π)e^{−α²s²}]/s², and their s → 0 limits.
  const e0 = (s: number) => (s === 0 ? (2 * alpha) / Math.sqrt(Math.PI) : erf(alpha * s) / s);
  const e1 = (s: number) =>
    s === 0
      ? (4 * alpha ** 3) / (3 * Math.sqrt(Math.PI))
      : (erf(alpha * s) / s - ((2 * alpha) / Math.sqrt(Math.PI)) * Math.exp(-alpha * alpha * s * s)) /
        (s * s);

  it('matches the closed forms of l = 0 and 1 from s = 0 to the table range', () => {
    const out = new Float64Array(4);
    for (const s of [0, 1e-3, 0.37, 1.1, 2.9, 4.44, 5.79]) {
      evaluateSpline(spline, s, 3, out);
      expect(out[0]).toBeCloseTo(-e0(s), 8);
      expect(out[1]).toBeCloseTo(-s * e1(s), 8);
    }
  });

  it('vanishes at s = 0 for l > 0 (only the monopole of a centre on itself survives)', () => {
    const out = new Float64Array(4);
    evaluateSpline(spline, 0, 3, out);
    expect(out[0]).toBeLessThan(-0.5);
    expect(Array.from(out.subarray(1), Math.abs)).toEqual([0, 0, 0]);
  });
});
