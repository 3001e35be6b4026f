import { describe, expect, it } from 'vitest';
import { groupLearningModels, rowsOfGroups } from './group-learning.ts';
import { selectRows, selectValues } from './matrix.ts';
import { fitRidge } from './ridge.ts';
import { permutation, randomSource } from './sampling.ts';
import { randomMatrix, randomVector, relativeDifference, times } from './testing/synthetic.ts';

describe('learning over groups of rows', () => {
  it('numbers the rows of whole groups', () => {
    expect(Array.from(rowsOfGroups([0, 2], 3))).toEqual([0, 1, 2, 6, 7, 8]);
  });

  it('fits nested prefixes of each draw’s permutation of the groups, never splitting a group', () => {
    const random = randomSource(3);
    const x = randomMatrix(60, 8, random);
    const y = times(x, randomVector(8, random)).map((v) => v + 0.1 * (random() - 0.5));
    const settings = { standardize: true } as const;
    const learned = groupLearningModels({ x, y }, 3, {
      alpha: 0.5,
      settings,
      sizes: [4, 9, 20],
      draws: 2,
      seed: 5,
    });
    const draws = randomSource(5);
    for (let d = 0; d < 2; d++) {
      const order = permutation(20, draws);
      learned.sizes.forEach((count, i) => {
        const rows = rowsOfGroups(order.slice(0, count).sort(), 3);
        const direct = fitRidge(
          { x: selectRows(x, rows), y: selectValues(y, rows) },
          { ...settings, alpha: 0.5 },
        );
        expect(learned.models[i]![d]!.trainingRows).toBe(3 * count);
        expect(relativeDifference(learned.models[i]![d]!.weights, direct.weights)).toBeLessThan(1e-10);
      });
    }
    // The whole pool is one fit shared by both draws.
    expect(learned.models[2]![0]).toBe(learned.models[2]![1]);
  });
});
