import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from './errors.ts';
import { linearKernel, mixKernels, squaredKernel } from './kernel-matrices.ts';
import { cvKernelMixing, fitKernelRidge, multiScaleKernels, predictKernelRidge } from './kernel-ridge.ts';
import { matrix64 } from './matrix.ts';
import { fitRidge } from './ridge.ts';
import { predictRidge } from './ridge-model.ts';
import { randomSource } from './sampling.ts';
import { randomMatrix, randomVector, relativeDifference, times } from './testing/synthetic.ts';

const random = randomSource(9);
const n = 120;
const features = { local: randomMatrix(n + 40, 10, random), lode: randomMatrix(n + 40, 8, random) };
const rows = (m: typeof features.local, from: number, to: number) =>
  matrix64(to - from, m.cols, m.data.slice(from * m.cols, to * m.cols));
const train = { local: rows(features.local, 0, n), lode: rows(features.lode, 0, n) };
const test = { local: rows(features.local, n, n + 40), lode: rows(features.lode, n, n + 40) };
const kernels = multiScaleKernels(train);
const testKernels = multiScaleKernels(test, train);

/** A target of the LODE range: linear in the ρ⊗V rows. */
const lodeTarget = times(features.lode, randomVector(8, random)).map((v) => v + 0.01 * (random() - 0.5));
/** A target of the local range: (x̂·u)², in the span of the squared kernel and not linear in anything. */
const u = randomVector(10, random);
const localTarget = Float64Array.from({ length: n + 40 }, (_, r) => {
  const x = features.local.data.subarray(10 * r, 10 * r + 10);
  const norm = Math.hypot(...x);
  return (x.reduce((s, v, j) => s + v * u[j], 0) / norm) ** 2;
});

describe('kernels', () => {
  it('builds (x̂·x̂′)² on row-normalised features and x·x′ between rows', () => {
    const k = squaredKernel(train.local);
    const x = (r: number) => Array.from(train.local.data.subarray(10 * r, 10 * r + 10));
    const cos = (a: number[], b: number[]) =>
      a.reduce((s, v, j) => s + v * b[j], 0) / (Math.hypot(...a) * Math.hypot(...b));
    expect(Math.abs(k.data[3 * n + 3] - 1)).toBeLessThan(1e-14);
    expect(Math.abs(k.data[3 * n + 7] - cos(x(3), x(7)) ** 2)).toBeLessThan(1e-14);
    expect(Math.abs(k.data[7 * n + 3] - k.data[3 * n + 7])).toBe(0);
    const cross = linearKernel(test.lode, train.lode);
    expect(cross.rows).toBe(40);
    expect(
      Math.abs(
        cross.data[5 * n + 2] -
          times(matrix64(1, 8, test.lode.data.slice(40, 48)), train.lode.data.slice(16, 24))[0],
      ),
    ).toBeLessThan(1e-13);
    expect(() => mixKernels(0.5, kernels.local, testKernels.lode)).toThrow(ShapeMismatchError);
  });

  it('linear kernel ridge in the dual equals primal ridge (with baseline and intercept)', () => {
    const baseline = randomMatrix(n + 40, 2, random);
    const bTrain = rows(baseline, 0, n);
    const bTest = rows(baseline, n, n + 40);
    const y = lodeTarget.slice(0, n);
    const dual = fitKernelRidge(linearKernel(train.lode), y, {
      alpha: 0.3,
      baseline: bTrain,
      intercept: true,
    });
    const primal = fitRidge(
      { x: train.lode, y, baseline: bTrain },
      { alpha: 0.3, intercept: true, form: 'primal' },
    );
    const fromDual = predictKernelRidge(dual, linearKernel(test.lode, train.lode), bTest);
    expect(relativeDifference(fromDual, predictRidge(primal, test.lode, bTest))).toBeLessThan(1e-9);
    expect(relativeDifference(dual.baselineWeights, primal.baselineWeights)).toBeLessThan(1e-9);
  });

  it('w = 0 and w = 1 reproduce the pure LODE and local models, continuously', () => {
    const y = localTarget.slice(0, n);
    const pure = (k: typeof kernels.local, kTest: typeof kernels.local) =>
      predictKernelRidge(fitKernelRidge(k, y, { alpha: 0.1 }), kTest);
    const mixed = (w: number) =>
      predictKernelRidge(
        fitKernelRidge(mixKernels(w, kernels.local, kernels.lode), y, { alpha: 0.1 }),
        mixKernels(w, testKernels.local, testKernels.lode),
      );
    expect(mixed(0)).toEqual(pure(kernels.lode, testKernels.lode));
    expect(mixed(1)).toEqual(pure(kernels.local, testKernels.local));
    expect(relativeDifference(mixed(1 - 1e-9), pure(kernels.local, testKernels.local))).toBeLessThan(1e-6);
    expect(relativeDifference(mixed(1e-9), pure(kernels.lode, testKernels.lode))).toBeLessThan(1e-6);
  });

  it('cross-validation puts w → 0 for a LODE-range target and w → 1 for a local-range one', () => {
    const lode = cvKernelMixing(kernels, lodeTarget.slice(0, n), { seed: 1 });
    const local = cvKernelMixing(kernels, localTarget.slice(0, n), { seed: 1 });
    console.info(`kernel mixing: w = ${lode.weight} (ρ⊗V target), w = ${local.weight} (local target)`);
    expect(lode.weight).toBeLessThanOrEqual(0.1);
    expect(local.weight).toBeGreaterThanOrEqual(0.9);
    expect(lode.scores).toHaveLength(110);
    const predicted = predictKernelRidge(
      local.model,
      mixKernels(local.weight, testKernels.local, testKernels.lode),
    );
    const error = Math.sqrt(predicted.reduce((s, v, i) => s + (v - localTarget[n + i]) ** 2, 0) / 40);
    expect(error).toBeLessThan(0.05);
  });
});
