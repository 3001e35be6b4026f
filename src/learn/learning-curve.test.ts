import { describe, expect, it } from 'vitest';
import { FitCancelledError, LearnInputError, ShapeMismatchError } from './errors.ts';
import { geometricSizes, growPrimal, learningCurve } from './learning-curve.ts';
import { matrix64, selectRows, selectValues } from './matrix.ts';
import { rmse, standardDeviation } from './metrics.ts';
import { fitRidge } from './ridge.ts';
import { predictRidge } from './ridge-model.ts';
import { permutation, randomSource } from './sampling.ts';
import { randomMatrix, randomVector, relativeDifference, times } from './testing/synthetic.ts';

function dataset(seed: number, n: number, p: number) {
  const random = randomSource(seed);
  const w = randomVector(p, random);
  const make = (rows: number) => {
    const x = randomMatrix(rows, p, random);
    const baseline = randomMatrix(rows, 1, random);
    const y = times(x, w).map((v, r) => v + 2 * baseline.data[r] + 0.3 * (random() - 0.5));
    return { x, y, baseline };
  };
  return { train: make(n), test: make(300) };
}

describe('learning curves', () => {
  const { train, test } = dataset(1, 400, 30);
  // p = 30: sizes 10 and 25 are dual; 60 and 150 grow a prefix, 390 shrinks from the pool (see growPrimal).
  const options = { alpha: 0.1, sizes: [10, 25, 60, 150, 390, 400], draws: 3, seed: 7 };

  it('equals brute-force fits on nested prefixes of each draw (dual, grown and shrunk statistics)', () => {
    const curve = learningCurve(train, test, options);
    const random = randomSource(7);
    for (let d = 0; d < 3; d++) {
      const order = permutation(400, random);
      curve.forEach((point) => {
        const rows = order.slice(0, point.size).sort();
        const part = {
          x: selectRows(train.x, rows),
          y: selectValues(train.y, rows),
          baseline: selectRows(train.baseline, rows),
        };
        const model = fitRidge(part, { alpha: 0.1 });
        const expected = rmse(predictRidge(model, test.x, test.baseline), test.y);
        expect(relativeDifference([point.rmse.values[d]], [expected])).toBeLessThan(1e-8);
      });
    }
  });

  it('grows or shrinks the statistics, whichever accumulates fewer rows', () => {
    expect(growPrimal([60, 150, 390], 400, 0)).toBe(2);
    expect(growPrimal([60, 150, 260], 400, 0)).toBe(3);
    // Shrinking needs the whole pool's statistics; when nothing else needs them they cost n / draws per draw.
    expect(growPrimal([60, 150, 390], 400, 400)).toBe(3);
    expect(growPrimal([], 400, 0)).toBe(0);
  });

  it('falls with the training size, has no spread at the full pool, and reports RMSE % of std(test)', () => {
    const curve = learningCurve(train, test, options);
    const means = curve.map((p) => p.rmse.mean);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeLessThan(means[i - 1]);
    expect(curve[0].rmse.std).toBeGreaterThan(0);
    // Every draw trains on the whole pool: identical RMSEs, so the spread is rounding only.
    expect(curve.at(-1)!.rmse.std).toBeLessThan(1e-12 * curve.at(-1)!.rmse.mean);
    const std = standardDeviation(test.y);
    curve.forEach((p) =>
      expect(
        relativeDifference(
          p.rmsePercent.values,
          p.rmse.values.map((v) => (100 * v) / std),
        ),
      ).toBeLessThan(1e-12),
    );
    expect(learningCurve(train, test, options)).toEqual(curve);
  });

  it('uses a geometric grid by default, reports progress per draw and can be cancelled', () => {
    expect(geometricSizes(10, 1000, 3)).toEqual([10, 100, 1000]);
    expect(geometricSizes(4, 400, 10)).toHaveLength(10);
    const steps: number[] = [];
    const curve = learningCurve(train, test, { alpha: 0.1, draws: 2, onProgress: (p) => steps.push(p.done) });
    expect(curve.map((p) => p.size)).toEqual(geometricSizes(4, 400, 10));
    expect(steps).toEqual([1, 2]);
    const controller = new AbortController();
    controller.abort();
    expect(() => learningCurve(train, test, { ...options, signal: controller.signal })).toThrow(
      FitCancelledError,
    );
    expect(() => learningCurve(train, test, { ...options, sizes: [0, 10] })).toThrow(LearnInputError);
    expect(() => learningCurve(train, test, { ...options, sizes: [401] })).toThrow(LearnInputError);
    const narrow = { ...test, x: matrix64(test.x.rows, test.x.cols - 1) };
    expect(() => learningCurve(train, narrow, options)).toThrow(ShapeMismatchError);
  });
});
