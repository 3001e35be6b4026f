import { describe, expect, it } from 'vitest';
import { fitCommittee, fitCommitteeSteps } from './committee.ts';
import { runSteps } from './control.ts';
import { cvRidgeGrouped, cvRidgeGroupedSteps } from './cv.ts';
import { solveDual } from './dual.ts';
import { LearnInputError } from './errors.ts';
import { groupLearningModels, rowsOfGroups } from './group-learning.ts';
import { linearKernel } from './kernel-matrices.ts';
import { fitRidge, ridgeProblem } from './ridge.ts';
import { randomSource } from './sampling.ts';
import { randomMatrix, randomVector, times } from './testing/synthetic.ts';

/** 30 groups of 3 rows, p columns (p > 90 rows puts every fit in the dual form). */
function grouped(p: number, seed: number) {
  const random = randomSource(seed);
  const x = randomMatrix(90, p, random);
  const y = times(x, randomVector(p, random)).map((v) => v + 0.1 * (random() - 0.5));
  return { x, y };
}

const rowsOf = (groups: Int32Array) => rowsOfGroups(groups, 3);
const cvOptions = { alphas: [0.01, 0.1, 1, 10], folds: 5, seed: 7 };

describe('fits sharing one ridge problem', () => {
  for (const [form, p] of [
    ['primal', 12],
    ['dual', 150],
  ] as const) {
    it(`give exactly what each gives alone (${form}), and the learning curve's whole pool is the refit`, () => {
      const data = grouped(p, p);
      const problem = ridgeProblem(data);
      expect(problem.formFor(72)).toBe(form);
      const shared = cvRidgeGrouped(data, { ...cvOptions, problem }, 30, rowsOf, 'cv');
      const alone = cvRidgeGrouped(data, cvOptions, 30, rowsOf, 'cv');
      expect(shared.scores).toEqual(alone.scores);
      expect(shared.model.weights).toEqual(alone.model.weights);
      // The refit is an independent fit on all rows at the chosen α.
      expect(shared.model.weights).toEqual(fitRidge(data, { alpha: shared.alpha }).weights);

      const groups = Int32Array.from(data.y, (_, r) => Math.floor(r / 3));
      const committee = { alpha: shared.alpha, groups, seed: 3 };
      const a = fitCommittee(data, { ...committee, problem });
      const b = fitCommittee(data, committee);
      expect(a.members.map((m) => m.weights)).toEqual(b.members.map((m) => m.weights));
      expect(a.calibration).toBe(b.calibration);

      const learning = { alpha: shared.alpha, sizes: [5, 30], draws: 2, seed: 1 };
      const learned = groupLearningModels(data, 3, { ...learning, problem });
      const separate = groupLearningModels(data, 3, learning);
      expect(learned.models[0]!.map((m) => m.weights)).toEqual(separate.models[0]!.map((m) => m.weights));
      expect(learned.models[1]![0]).toBe(shared.model);
      expect(learned.models[1]![1]).toBe(shared.model);
      expect(separate.models[1]![0]!.weights).toEqual(shared.model.weights);
    });
  }

  it('refuses a problem made for other data or other settings', () => {
    const data = grouped(12, 1);
    const other = ridgeProblem(grouped(12, 2));
    const standardised = ridgeProblem(data, { standardize: true });
    expect(() => cvRidgeGrouped(data, { ...cvOptions, problem: other }, 30, rowsOf, 'cv')).toThrow(
      LearnInputError,
    );
    expect(() => fitCommittee(data, { alpha: 1, problem: standardised })).toThrow(/other data or other/);
    expect(() =>
      groupLearningModels(data, 3, { alpha: 1, problem: standardised, settings: { standardize: false } }),
    ).toThrow(LearnInputError);
  });

  it('run in steps: one per fold and one per member, with the result of running them at once', () => {
    const data = grouped(12, 3);
    const count = (steps: Generator<void, unknown, void>) => {
      let yields = 0;
      for (let next = steps.next(); !next.done; next = steps.next()) yields++;
      return yields;
    };
    expect(count(cvRidgeGroupedSteps(data, cvOptions, 30, rowsOf, 'cv'))).toBe(5);
    expect(count(fitCommitteeSteps(data, { alpha: 1, members: 6 }))).toBe(6);
    const stepped = runSteps(fitCommitteeSteps(data, { alpha: 1, seed: 2 }));
    expect(stepped.members.map((m) => m.weights)).toEqual(
      fitCommittee(data, { alpha: 1, seed: 2 }).members.map((m) => m.weights),
    );
  });

  it('solve the dual for several α on one kernel, leaving the kernel as it was', () => {
    const { x, y } = grouped(150, 4);
    const kernel = linearKernel(x);
    const before = Float64Array.from(kernel.data);
    const n = kernel.rows;
    for (const alpha of [10, 0.1]) {
      const a = solveDual(kernel, y, null, alpha).coefficients;
      // (K + αI)a = y, checked row by row.
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let row = alpha * a[i];
        for (let j = 0; j < n; j++) row += before[i * n + j] * a[j];
        worst = Math.max(worst, Math.abs(row - y[i]));
      }
      expect(worst).toBeLessThan(1e-8 * Math.max(...y.map(Math.abs)));
    }
    expect(kernel.data).toEqual(before);
  });
});
