import { describe, expect, it } from 'vitest';
import { bindingFeatures, fitPerClass, groupByClass, predictPerClass } from './binding.ts';
import { ShapeMismatchError } from './errors.ts';
import { fromRows, matrix64 } from './matrix.ts';
import { fitRidge } from './ridge.ts';
import { randomSource } from './sampling.ts';
import { randomMatrix, relativeDifference, times } from './testing/synthetic.ts';

describe('binding-energy models', () => {
  it('builds ΔX = X(AB) − X(A) − X(B)', () => {
    const ab = fromRows([
      [5, 7],
      [1, 1],
    ]);
    const a = fromRows([
      [1, 2],
      [0, 1],
    ]);
    const b = fromRows([
      [3, 3],
      [1, 0],
    ]);
    expect(Array.from(bindingFeatures(ab, a, b).data)).toEqual([1, 2, 0, 0]);
    expect(() => bindingFeatures(ab, a, matrix64(1, 2))).toThrow(ShapeMismatchError);
  });

  it('groups rows by class and fits and predicts one model per class', () => {
    const labels = ['CC', 'CP', 'CC', 'AA', 'CP', 'CC'];
    expect([...groupByClass(labels)].map(([k, rows]) => [k, Array.from(rows)])).toEqual([
      ['CC', [0, 2, 5]],
      ['CP', [1, 4]],
      ['AA', [3]],
    ]);
    // Two classes with opposite weights: one shared model could not fit both.
    const random = randomSource(1);
    const x = randomMatrix(60, 3, random);
    const classes = Array.from({ length: 60 }, (_, r) => (r % 2 === 0 ? 'even' : 'odd'));
    const w = { even: [1, 2, 3], odd: [-3, -2, -1] };
    const y = Float64Array.from(
      { length: 60 },
      (_, r) => times(matrix64(1, 3, x.data.slice(3 * r, 3 * r + 3)), w[classes[r] as 'even'])[0],
    );
    const models = fitPerClass({ x, y }, classes, (subset) => fitRidge(subset, { alpha: 1e-10 }));
    expect(relativeDifference(models.get('even')!.weights, w.even)).toBeLessThan(1e-8);
    expect(relativeDifference(models.get('odd')!.weights, w.odd)).toBeLessThan(1e-8);
    expect(relativeDifference(predictPerClass(models, x, classes), y)).toBeLessThan(1e-8);
    expect(() => fitPerClass({ x, y }, classes.slice(1), () => 0)).toThrow(ShapeMismatchError);
  });
});
