import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { levenbergMarquardt } from './least-squares.ts';

describe('levenbergMarquardt', () => {
  // y = a·exp(−x/b) + c sampled without noise: the minimum is the generating parameters, SSE 0.
  const xs = Array.from({ length: 30 }, (_, i) => 0.2 * i);
  const model = (p: ArrayLike<number>, x: number) => p[0]! * Math.exp(-x / p[1]!) + p[2]!;
  const truth = [3, 1.7, -0.4];
  const residuals = (p: Float64Array) => Float64Array.from(xs, (x) => model(p, x) - model(truth, x));

  it('recovers the parameters of noiseless data from a distant start, with numerical derivatives', () => {
    const fit = levenbergMarquardt({ start: [1, 5, 2], residuals, lower: [-10, 0.1, -10] });
    expect(fit.converged).toBe(true);
    fit.x.forEach((v, k) => expect(v).toBeCloseTo(truth[k]!, 8));
  });

  it('agrees with the normal equations on a linear problem', () => {
    const random = seededRandom(3);
    const a = Array.from({ length: 20 }, () => [random(), random(), 1]);
    const y = a.map(() => random());
    const fit = levenbergMarquardt({
      start: [0, 0, 0],
      residuals: (p) => Float64Array.from(a, (row, i) => row[0]! * p[0]! + row[1]! * p[1]! + p[2]! - y[i]!),
    });
    // At the least-squares solution the residual is orthogonal to every column: Aᵀr = 0.
    const r = a.map((row, i) => row[0]! * fit.x[0]! + row[1]! * fit.x[1]! + fit.x[2]! - y[i]!);
    for (let k = 0; k < 3; k++)
      expect(Math.abs(a.reduce((s, row, i) => s + row[k]! * r[i]!, 0))).toBeLessThan(1e-9);
  });

  it('stops at an active bound: the projected gradient points out of the box', () => {
    const fit = levenbergMarquardt({ start: [1, 1, 0], residuals, upper: [2.5, 10, 10] });
    expect(fit.x[0]).toBe(2.5);
    // With a fixed at 2.5 the best fit leaves a residual, and increasing a would lower it.
    const r = residuals(fit.x);
    const da = xs.reduce((s, x, i) => s + 2 * r[i]! * Math.exp(-x / fit.x[1]!), 0);
    expect(da).toBeLessThan(0);
  });
});
