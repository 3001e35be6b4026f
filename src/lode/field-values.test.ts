import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { gaussLegendre } from './quadrature.ts';
import { exactField, type FieldSource } from './field-values.ts';

const sigma = 0.4;
const structure = makeStructure(['O', 'H', 'H'], [0.1, -0.2, 0.3, 1.0, 0.2, 0.1, -0.6, 0.9, 0.4]);
const source = (includeCenter = true): FieldSource => ({
  structure,
  channels: Int32Array.from([1, 0, 0]),
  centre: 0,
  sigma,
  includeCenter,
});

/**
 * Potential at distance s of a unit charge spread as a normalised Gaussian, by Gauss's law:
 * V(s) = 4π [ (1/s) ∫_0^s g r² dr + ∫_s^∞ g r dr ], integrated numerically (no erf involved).
 */
function gaussianPotential(s: number): number {
  const g = (r: number) => Math.exp(-(r * r) / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma) ** 1.5;
  const rule = gaussLegendre(60);
  const integrate = (a: number, b: number, f: (r: number) => number) =>
    rule.nodes.reduce((sum, x, i) => sum + rule.weights[i] * f(a + ((x + 1) * (b - a)) / 2), 0) *
    ((b - a) / 2);
  const far = s + 12 * sigma;
  return 4 * Math.PI * (integrate(0, s, (r) => g(r) * r * r) / s + integrate(s, far, (r) => g(r) * r));
}

describe('exact fields around a centre', () => {
  const points = Float64Array.from([0.3, 0.1, -0.2, 2.5, -1.0, 0.7, 0.9, 0.4, -0.2, 7, 3, -2]);

  it('are sums of Gaussians (density) and of Gaussian-charge potentials (potential) per channel', () => {
    const p = structure.positions;
    for (const channel of [0, 1, null]) {
      const rho = exactField('density', source(), channel, points);
      const pot = exactField('potential', source(), channel, points);
      for (let q = 0; q < points.length / 3; q++) {
        let wantRho = 0;
        let wantPot = 0;
        for (let j = 0; j < 3; j++) {
          if (channel !== null && source().channels[j] !== channel) continue;
          const s = Math.hypot(
            points[3 * q] - (p[3 * j] - p[0]),
            points[3 * q + 1] - (p[3 * j + 1] - p[1]),
            points[3 * q + 2] - (p[3 * j + 2] - p[2]),
          );
          wantRho += Math.exp(-(s * s) / (2 * sigma * sigma));
          wantPot += gaussianPotential(s);
        }
        expect(rho[q]).toBeCloseTo(wantRho, 14);
        expect(Math.abs(pot[q] - wantPot)).toBeLessThan(1e-12 * wantPot);
      }
    }
  });

  it('have the finite peak √(2/π)/σ of the potential on an atom, and leave out the centre when asked', () => {
    const origin = new Float64Array(3);
    const h = exactField('potential', source(), 0, origin)[0];
    const all = exactField('potential', source(), null, origin)[0];
    expect(all - h).toBeCloseTo(Math.sqrt(2 / Math.PI) / sigma, 14);
    expect(exactField('potential', source(false), null, origin)[0]).toBeCloseTo(h, 14);
    expect(exactField('density', source(false), 1, points).every((x) => x === 0)).toBe(true);
  });
});
