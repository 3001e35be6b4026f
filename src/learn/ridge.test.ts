import { Matrix, QrDecomposition, SingularValueDecomposition, pseudoInverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cvRidge, defaultAlphas } from './cv.ts';
import {
  FitCancelledError,
  LearnInputError,
  NonFiniteValueError,
  ShapeMismatchError,
  TooFewSamplesError,
} from './errors.ts';
import { hstack, matrix64, type Matrix64 } from './matrix.ts';
import { fitRidge } from './ridge.ts';
import { predictRidge, predictRidgeModels, type RidgeData } from './ridge-model.ts';
import { randomSource } from './sampling.ts';
import {
  gaussian,
  randomMatrix,
  randomVector,
  relativeDifference,
  times,
  toMl,
} from './testing/synthetic.ts';

/** Ridge with unpenalised B by least squares on [[X, B], [√α I, 0]]·[w; c] ≈ [y; 0] (Householder QR). */
function qrReference(x: Matrix64, y: Float64Array, alpha: number, b?: Matrix64): Float64Array {
  const nb = b?.cols ?? 0;
  const a = Matrix.zeros(x.rows + x.cols, x.cols + nb);
  a.setSubMatrix(toMl(x), 0, 0);
  if (b) a.setSubMatrix(toMl(b), 0, x.cols);
  for (let j = 0; j < x.cols; j++) a.set(x.rows + j, j, Math.sqrt(alpha));
  const rhs = Matrix.columnVector([...y, ...new Array<number>(x.cols).fill(0)]);
  return Float64Array.from(new QrDecomposition(a).solve(rhs).to1DArray());
}

/** Ridge without baseline from the SVD X = U S Vᵀ: w = V diag(s / (s² + α)) Uᵀ y. */
function svdReference(x: Matrix64, y: Float64Array, alpha: number): Float64Array {
  const svd = new SingularValueDecomposition(toMl(x), { autoTranspose: true });
  const uty = svd.leftSingularVectors.transpose().mmul(Matrix.columnVector([...y]));
  const s = svd.diagonal;
  const scaled = Matrix.columnVector(s.map((si, i) => (si / (si * si + alpha)) * uty.get(i, 0)));
  return Float64Array.from(svd.rightSingularVectors.mmul(scaled).to1DArray());
}

function problem(seed: number, n: number, p: number, nb = 0): RidgeData & { w: Float64Array } {
  const random = randomSource(seed);
  const x = randomMatrix(n, p, random);
  const w = randomVector(p, random);
  const baseline =
    nb > 0
      ? matrix64(
          n,
          nb,
          Float64Array.from({ length: n * nb }, () => Math.floor(random() * 6)),
        )
      : undefined;
  const noise = randomVector(n, random, 0.1);
  const y = times(x, w).map((v, i) => v + noise[i] + (baseline ? 3 * baseline.data[i * nb] : 0));
  return { x, y, baseline, w };
}

describe('ridge regression', () => {
  it('equals the SVD closed form to 1e−9 (primal and dual, several random problems)', () => {
    for (const [seed, n, p] of [
      [1, 80, 30],
      [2, 30, 80],
      [3, 200, 5],
    ]) {
      const data = problem(seed, n, p);
      const reference = svdReference(data.x, data.y, 0.7);
      for (const form of ['primal', 'dual'] as const) {
        const model = fitRidge(data, { alpha: 0.7, form });
        expect(model.form).toBe(form);
        expect(model.solver).toBe('cholesky');
        expect(relativeDifference(model.weights, reference)).toBeLessThan(1e-9);
      }
    }
  });

  it('equals the QR least-squares solution with unpenalised baseline and intercept columns', () => {
    const data = problem(4, 60, 20, 3);
    const ones = matrix64(60, 1, new Float64Array(60).fill(1));
    const reference = qrReference(data.x, data.y, 2.5, hstack(data.baseline!, ones));
    for (const form of ['primal', 'dual'] as const) {
      const model = fitRidge(data, { alpha: 2.5, intercept: true, form });
      const got = [...model.weights, ...model.baselineWeights, model.intercept];
      expect(relativeDifference(got, reference)).toBeLessThan(1e-9);
    }
  });

  it('standardises by column RMS: equals the reference fit on scaled columns', () => {
    const data = problem(5, 50, 12, 2);
    const scaled = Float64Array.from(data.x.data);
    const rms = Array.from({ length: 12 }, (_, j) => {
      let s = 0;
      for (let r = 0; r < 50; r++) s += data.x.data[r * 12 + j] ** 2 * (j + 1) ** 2;
      return Math.sqrt(s / 50);
    });
    // Columns of very different size, so that standardising matters.
    for (let i = 0; i < scaled.length; i++) scaled[i] *= (i % 12) + 1;
    const x = matrix64(50, 12, scaled);
    const unit = matrix64(
      50,
      12,
      scaled.map((v, i) => v / rms[i % 12]),
    );
    const reference = qrReference(unit, data.y, 3, data.baseline).map((v, j) => (j < 12 ? v / rms[j] : v));
    for (const form of ['primal', 'dual'] as const) {
      const model = fitRidge({ ...data, x }, { alpha: 3, standardize: true, form });
      expect(relativeDifference([...model.weights, ...model.baselineWeights], reference)).toBeLessThan(1e-9);
    }
    const plain = fitRidge({ ...data, x }, { alpha: 3 });
    expect(relativeDifference(plain.weights, reference.slice(0, 12))).toBeGreaterThan(1e-3);
  });

  it('primal and dual agree when p > n and when n > p, with baseline, intercept and standardisation', () => {
    for (const [n, p] of [
      [25, 70],
      [90, 15],
    ]) {
      const data = problem(6 + n, n, p, 2);
      const options = { alpha: 0.05, standardize: true, intercept: true };
      const primal = fitRidge(data, { ...options, form: 'primal' });
      const dual = fitRidge(data, { ...options, form: 'dual' });
      expect(relativeDifference(dual.weights, primal.weights)).toBeLessThan(1e-9);
      expect(relativeDifference(dual.baselineWeights, primal.baselineWeights)).toBeLessThan(1e-9);
      expect(Math.abs(dual.intercept - primal.intercept)).toBeLessThan(
        1e-9 * (1 + Math.abs(primal.intercept)),
      );
      expect(fitRidge(data, options).form).toBe(p > n ? 'dual' : 'primal');
    }
  });

  it('recovers known weights from noiseless data', () => {
    const random = randomSource(7);
    const x = randomMatrix(100, 20, random);
    const w = randomVector(20, random);
    const baseline = randomMatrix(100, 2, random);
    const y = times(x, w).map((v, r) => v + 4 * baseline.data[2 * r] - 2 * baseline.data[2 * r + 1]);
    const model = fitRidge({ x, y, baseline }, { alpha: 1e-12 });
    expect(relativeDifference(model.weights, w)).toBeLessThan(1e-9);
    expect(relativeDifference(model.baselineWeights, [4, -2])).toBeLessThan(1e-9);
  });

  it('does not penalise the baseline: a constant offset of 1000 survives a huge α, and species energies too', () => {
    const random = randomSource(8);
    const x = randomMatrix(80, 10, random);
    // Centre the columns exactly, so the intercept is the mean of y whatever the weights.
    for (let j = 0; j < 10; j++) {
      let m = 0;
      for (let r = 0; r < 80; r++) m += x.data[r * 10 + j] / 80;
      for (let r = 0; r < 80; r++) x.data[r * 10 + j] -= m;
    }
    const y = times(x, randomVector(10, random)).map((v) => v + 1000);
    const model = fitRidge({ x, y }, { alpha: 1e8, intercept: true });
    expect(Math.abs(model.intercept - 1000)).toBeLessThan(1e-9);
    expect(Math.max(...model.weights.map(Math.abs))).toBeLessThan(1e-4);
    // The same column penalised like a feature is shrunk to nothing.
    const ones = matrix64(80, 1, new Float64Array(80).fill(1));
    expect(fitRidge({ x: hstack(x, ones), y }, { alpha: 1e8 }).weights[10]).toBeLessThan(1);

    const counts = matrix64(
      80,
      3,
      Float64Array.from({ length: 240 }, () => 1 + Math.floor(random() * 5)),
    );
    const energies = [-13.6, -1030.2, -2040.5];
    const target = times(counts, energies);
    for (const form of ['primal', 'dual'] as const) {
      const fit = fitRidge({ x, y: target, baseline: counts }, { alpha: 1e8, form });
      expect(relativeDifference(fit.baselineWeights, energies)).toBeLessThan(1e-12);
    }
  });

  it('falls back to an eigen solve on singular normal equations and says so', () => {
    const random = randomSource(9);
    const base = randomMatrix(40, 6, random);
    const x = hstack(base, base); // every column twice: XᵀX has rank 6
    const y = randomVector(40, random);
    const model = fitRidge({ x, y }, { alpha: 0 });
    expect(model.solver).toBe('eigen');
    expect(model.warnings.join(' ')).toMatch(/eigen-decomposition/);
    const minimumNorm = pseudoInverse(toMl(x))
      .mmul(Matrix.columnVector([...y]))
      .to1DArray();
    expect(relativeDifference(model.weights, minimumNorm)).toBeLessThan(1e-8);
    expect(fitRidge({ x, y }, { alpha: 1 }).solver).toBe('cholesky');
  });

  it('predicts X·w + B·c + c₀ and rejects inputs of the wrong shape', () => {
    const data = problem(10, 30, 4, 2);
    const model = fitRidge(data, { alpha: 1, intercept: true });
    const expected = times(data.x, model.weights).map(
      (v, r) =>
        v +
        model.intercept +
        data.baseline!.data[2 * r] * model.baselineWeights[0] +
        data.baseline!.data[2 * r + 1] * model.baselineWeights[1],
    );
    expect(relativeDifference(predictRidge(model, data.x, data.baseline), expected)).toBeLessThan(1e-14);
    expect(() => predictRidge(model, data.x)).toThrow(ShapeMismatchError);
    expect(() => predictRidge(model, matrix64(30, 3))).toThrow(ShapeMismatchError);
  });

  it('predicts several models at once, across blocks of rows, as one model at a time', () => {
    const data = problem(12, 5000, 7, 1);
    const models = [
      fitRidge(data, { alpha: 0.1, intercept: true }),
      fitRidge(data, { alpha: 10 }),
      fitRidge(data, { alpha: 1, standardize: true, intercept: true }),
    ];
    const together = predictRidgeModels(models, data.x, data.baseline);
    models.forEach((model, k) => {
      const expected = times(data.x, model.weights).map(
        (v, r) => v + model.intercept + data.baseline!.data[r] * model.baselineWeights[0],
      );
      expect(relativeDifference(together[k], expected)).toBeLessThan(1e-14);
    });
    expect(() => predictRidgeModels([models[0], fitRidge(problem(1, 20, 3), { alpha: 1 })], data.x)).toThrow(
      ShapeMismatchError,
    );
  });
});

describe('input checks', () => {
  const data = problem(11, 20, 3);
  it('throws typed errors for bad shapes, NaN, ±Infinity, negative α and too few rows for the folds', () => {
    expect(() => fitRidge({ ...data, y: data.y.subarray(1) }, { alpha: 1 })).toThrow(ShapeMismatchError);
    for (const value of [NaN, Infinity, -Infinity]) {
      const bad = Float64Array.from(data.x.data);
      bad[7] = value;
      const fit = () => fitRidge({ ...data, x: matrix64(20, 3, bad) }, { alpha: 1 });
      expect(fit).toThrow(NonFiniteValueError);
      expect(fit).toThrow(expect.objectContaining({ index: 7 }));
    }
    expect(() => fitRidge(data, { alpha: -1 })).toThrow(LearnInputError);
    expect(() => fitRidge({ ...data, baseline: matrix64(19, 1) }, { alpha: 1 })).toThrow(ShapeMismatchError);
    expect(() => cvRidge(data, { folds: 25 })).toThrow(TooFewSamplesError);
    expect(() => matrix64(2, 2, new Float64Array(3))).toThrow(ShapeMismatchError);
  });
});

describe('non-finite values, whichever path meets them first', () => {
  type Spoil = (data: RidgeData) => RidgeData;
  const spoilers: [string, Spoil][] = [
    [
      'x',
      (d) => ({
        ...d,
        x: matrix64(
          d.x.rows,
          d.x.cols,
          d.x.data.map((v, i) => (i === 40 ? NaN : v)),
        ),
      }),
    ],
    ['y', (d) => ({ ...d, y: d.y.map((v, i) => (i === 9 ? Infinity : v)) })],
    [
      'baseline',
      (d) => ({
        ...d,
        baseline: matrix64(
          d.x.rows,
          1,
          d.baseline!.data.map((v, i) => (i === 3 ? -Infinity : v)),
        ),
      }),
    ],
  ];
  const fits: [string, (data: RidgeData) => unknown][] = [
    ['primal, all rows (statistics check)', (data) => fitRidge(data, { alpha: 1 })],
    ['dual (scan)', (data) => fitRidge(data, { alpha: 1, form: 'dual' })],
    ['cross-validation folds', (data) => cvRidge(data, { folds: 3 })],
    ['a small subset first (scan)', (data) => cvRidge(data, { folds: 2, alphas: [1] })],
  ];
  it.each(spoilers)('rejects a bad value in %s on every path', (_, spoil) => {
    const bad = spoil(problem(21, 30, 4, 1));
    for (const [, fit] of fits) expect(() => fit(bad)).toThrow(NonFiniteValueError);
  });

  it('reports squares too large for f64 rather than fitting them', () => {
    const data = problem(22, 30, 4);
    const huge = matrix64(
      30,
      4,
      data.x.data.map((v, i) => (i === 5 ? 1e200 : v)),
    );
    expect(() => fitRidge({ ...data, x: huge }, { alpha: 1 })).toThrow(/sums of their squares overflow/);
  });
});

describe('α by cross-validation', () => {
  /** Bayesian linear model w ~ N(0, τ²), noise N(0, σ²): the expected-error optimum is α = σ²/τ². */
  function bayesian(seed: number, n: number) {
    const random = randomSource(seed);
    const normal = gaussian(random);
    const p = 60;
    const tau = 0.5;
    const sigma = 2;
    const w = Float64Array.from({ length: p }, () => tau * normal());
    const x = randomMatrix(n, p, random);
    const y = times(x, w).map((v) => v + sigma * normal());
    return { data: { x, y }, optimum: (sigma * sigma) / (tau * tau) };
  }

  it('picks α near the noise optimum σ²/τ² on synthetic data', () => {
    const alphas = [0.01, 0.1, 1, 16 / 10, 16 / 3, 16, 48, 160, 1600];
    const chosen = [20, 21, 22].map(
      (seed) => cvRidge(bayesian(seed, 120).data, { alphas, folds: 5, seed }).alpha,
    );
    const logError = chosen.map((a) => Math.abs(Math.log10(a / 16)));
    // Individual draws are noisy; their geometric mean must be within a factor 3 of the optimum.
    expect(logError.reduce((s, e) => s + e, 0) / chosen.length).toBeLessThan(Math.log10(3));
    expect(Math.max(...logError)).toBeLessThan(1.1);
  });

  it('is seedable, reports progress per fold and can be cancelled', () => {
    const { data } = bayesian(30, 60);
    const progress: number[] = [];
    const a = cvRidge(data, { folds: 4, seed: 3, onProgress: (p) => progress.push(p.done) });
    const b = cvRidge(data, { folds: 4, seed: 3 });
    const c = cvRidge(data, { folds: 4, seed: 4 });
    expect(a.scores).toEqual(b.scores);
    expect(a.scores).not.toEqual(c.scores);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(a.scores.map((s) => s.alpha)).toEqual(defaultAlphas(data));
    const controller = new AbortController();
    controller.abort();
    expect(() => cvRidge(data, { signal: controller.signal })).toThrow(FitCancelledError);
  });
});
