import { describe, expect, it } from 'vitest';
import { FitCancelledError, LearnInputError, NonFiniteValueError, ShapeMismatchError } from './errors.ts';
import { matrix64, selectRows, selectValues } from './matrix.ts';
import { sumSquaredError } from './metrics.ts';
import { fitRidge } from './ridge.ts';
import { predictRidge } from './ridge-model.ts';
import { randomSource } from './sampling.ts';
import { RidgeAccumulator, residualSumOfSquares } from './streaming.ts';
import { statsOfRows } from './normal-equations.ts';
import { randomMatrix, randomVector, relativeDifference, times } from './testing/synthetic.ts';

function data(seed: number, n: number, p: number) {
  const random = randomSource(seed);
  const x = randomMatrix(n, p, random);
  const baseline = matrix64(
    n,
    2,
    Float64Array.from({ length: 2 * n }, () => Math.floor(random() * 4)),
  );
  const y = times(x, randomVector(p, random)).map((v, r) => v + 5 * baseline.data[2 * r] + random());
  return { x, y, baseline, random };
}

describe('streaming ridge', () => {
  it('equals the in-memory fit to 1e−10 for random chunk sizes', () => {
    const n = 700;
    const p = 45;
    const { x, y, baseline, random } = data(1, n, p);
    for (const standardize of [false, true]) {
      const stream = new RidgeAccumulator(p, { baselineColumns: 2, intercept: true });
      for (let start = 0; start < n;) {
        const size = Math.min(n - start, 1 + Math.floor(random() * 150));
        const rows = Int32Array.from({ length: size }, (_, i) => start + i);
        stream.add({
          x: selectRows(x, rows).data,
          y: selectValues(y, rows),
          baseline: selectRows(baseline, rows).data,
        });
        start += size;
      }
      expect(stream.rows).toBe(n);
      const streamed = stream.fit(0.3, { standardize });
      const memory = fitRidge({ x, y, baseline }, { alpha: 0.3, intercept: true, standardize });
      expect(relativeDifference(streamed.weights, memory.weights)).toBeLessThan(1e-10);
      expect(relativeDifference(streamed.baselineWeights, memory.baselineWeights)).toBeLessThan(1e-10);
      expect(Math.abs(streamed.intercept - memory.intercept)).toBeLessThan(
        1e-10 * (1 + Math.abs(memory.intercept)),
      );
    }
  });

  it('cross-validates α from per-fold statistics exactly as an explicit k-fold fit does', () => {
    const { x, y, baseline } = data(2, 400, 10);
    const alphas = [1e-3, 1, 1e3, 1e6];
    const folds = [0, 1, 2, 3].map((f) => Int32Array.from({ length: 100 }, (_, i) => 100 * f + i));
    const stream = new RidgeAccumulator(10, { baselineColumns: 2, folds: 4 });
    folds.forEach((rows, f) =>
      stream.add(
        { x: selectRows(x, rows).data, y: selectValues(y, rows), baseline: selectRows(baseline, rows).data },
        f,
      ),
    );
    const result = stream.crossValidate(alphas);
    const explicit = alphas.map((alpha) => {
      let sse = 0;
      folds.forEach((validation) => {
        const train = Int32Array.from({ length: 400 }, (_, i) => i).filter((r) => !validation.includes(r));
        const part = {
          x: selectRows(x, train),
          y: selectValues(y, train),
          baseline: selectRows(baseline, train),
        };
        const model = fitRidge(part, { alpha, form: 'primal' });
        const predicted = predictRidge(model, selectRows(x, validation), selectRows(baseline, validation));
        sse += sumSquaredError(predicted, selectValues(y, validation));
      });
      return Math.sqrt(sse / 400);
    });
    expect(
      relativeDifference(
        result.scores.map((s) => s.rmse),
        explicit,
      ),
    ).toBeLessThan(1e-9);
    expect(result.alpha).toBe(alphas[explicit.indexOf(Math.min(...explicit))]);

    // Seeded random assignment: same seed, same scores.
    const scores = (seed: number) => {
      const s = new RidgeAccumulator(10, { baselineColumns: 2, folds: 4, seed });
      s.add({ x: x.data, y, baseline: baseline.data });
      return s.crossValidate(alphas).scores;
    };
    expect(scores(5)).toEqual(scores(5));
    expect(scores(5)).not.toEqual(scores(6));
    expect(() =>
      stream.add(
        { x: x.data.subarray(0, 10), y: y.subarray(0, 1), baseline: baseline.data.subarray(0, 2) },
        4,
      ),
    ).toThrow(LearnInputError);
  });

  it('computes a validation error from the statistics alone (quadratic form = explicit residuals)', () => {
    const { x, y, baseline } = data(3, 120, 8);
    const model = fitRidge({ x, y, baseline }, { alpha: 2, intercept: true });
    const rows = Int32Array.from({ length: 40 }, (_, i) => 3 * i);
    const stats = statsOfRows(
      { features: 8, baselineColumns: 2, intercept: true },
      { x: x.data, y, baseline: baseline.data },
      rows,
    );
    const explicit = sumSquaredError(
      predictRidge(model, selectRows(x, rows), selectRows(baseline, rows)),
      selectValues(y, rows),
    );
    expect(Math.abs(residualSumOfSquares(stats, model) - explicit)).toBeLessThan(1e-9 * explicit);
  });

  it('accepts an async stream of chunks and stops when cancelled', async () => {
    const { x, y, baseline } = data(4, 60, 5);
    async function* chunks() {
      for (let start = 0; start < 60; start += 20) {
        const rows = Int32Array.from({ length: 20 }, (_, i) => start + i);
        yield {
          x: selectRows(x, rows).data,
          y: selectValues(y, rows),
          baseline: selectRows(baseline, rows).data,
        };
      }
    }
    const stream = new RidgeAccumulator(5, { baselineColumns: 2 });
    await stream.addAll(chunks());
    const memory = fitRidge({ x, y, baseline }, { alpha: 1 });
    expect(relativeDifference(stream.fit(1).weights, memory.weights)).toBeLessThan(1e-10);
    const controller = new AbortController();
    controller.abort();
    await expect(
      new RidgeAccumulator(5, { baselineColumns: 2 }).addAll(chunks(), controller),
    ).rejects.toThrow(FitCancelledError);
  });

  it('rejects chunks of the wrong shape or with NaN, and fits with no rows', () => {
    const stream = new RidgeAccumulator(3, { baselineColumns: 1 });
    expect(() => stream.add({ x: new Float64Array(6), y: new Float64Array(2) })).toThrow(ShapeMismatchError);
    expect(() =>
      stream.add({ x: new Float64Array(5), y: new Float64Array(2), baseline: new Float64Array(2) }),
    ).toThrow(ShapeMismatchError);
    expect(() =>
      stream.add({ x: new Float64Array(3).fill(NaN), y: new Float64Array(1), baseline: new Float64Array(1) }),
    ).toThrow(NonFiniteValueError);
    expect(() => stream.fit(1)).toThrow(LearnInputError);
    expect(() => new RidgeAccumulator(0)).toThrow(LearnInputError);
  });
});
