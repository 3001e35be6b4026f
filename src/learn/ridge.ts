/**
 * In-memory ridge fits. A RidgeProblem caches what every subset fit of one data set shares (the Gram statistics of
 * all rows in the primal, the kernel of all rows in the dual), so cross-validation folds, committee members and
 * learning-curve draws cost only the rows that differ; and it keeps its fits on all rows per α, so that the
 * cross-validation's refit and the learning curve's whole pool are one fit. Fits that share a data set share its
 * problem through SharedProblem.
 */
import { solveLinearDual } from './dual.ts';
import { LearnInputError } from './errors.ts';
import { linearKernel } from './kernel-matrices.ts';
import { fullSymmetric, symmetricBlock, type SymmetricRows } from './linalg.ts';
import { selectRows, selectValues, type Matrix64 } from './matrix.ts';
import {
  layoutOf,
  primalSolver,
  statsOfRows,
  statsWidth,
  subtractStats,
  type NormalStats,
} from './normal-equations.ts';
import {
  checkAlpha,
  checkRidgeShapes,
  checkRidgeValues,
  type RidgeData,
  type RidgeForm,
  type FitsAt,
  type RidgeModel,
  type RidgeOptions,
  type RidgeSettings,
} from './ridge-model.ts';
import { allRows, complement } from './sampling.ts';

export interface RidgeProblem {
  readonly data: RidgeData;
  readonly settings: Required<RidgeSettings>;
  readonly rows: number;
  readonly features: number;
  /** The form a fit on `count` training rows uses. */
  formFor(count: number): RidgeForm;
  /** Prepares fits on the given training rows (ascending indices), one per α asked (on all rows: once per α). */
  trainOn(rows: Int32Array): FitsAt;
  /** Rejects NaN and ±Infinity in the data, unless done already (for callers that use the rows directly). */
  checkValues(): void;
}

/**
 * The shapes of the data (named `name` in errors) are checked at once, their values before the first fit: by a
 * scan, or at no cost when that fit starts from the statistics of all rows, whose diagonal Σ z² is finite exactly
 * when every value is (barring overflow of the squares). A scan of 3·10⁷ values costs about as much as 5 % of the
 * fit on them.
 */
export function ridgeProblem(data: RidgeData, settings: RidgeSettings = {}, name = 'data'): RidgeProblem {
  const n = checkRidgeShapes(data, name);
  const p = data.x.cols;
  const standardize = settings.standardize ?? false;
  const intercept = settings.intercept ?? false;
  const form = settings.form ?? 'auto';
  if (form !== 'auto' && form !== 'primal' && form !== 'dual') {
    throw new LearnInputError('form', `must be 'auto', 'primal' or 'dual', got '${String(form)}'`);
  }
  const { layout, block } = layoutOf(data, intercept);
  const fitsOnAll = new Map<number, RidgeModel>();
  let prepareOnAll: FitsAt | undefined;
  let allStats: NormalStats | undefined;
  let allKernel: Matrix64 | undefined;
  let valuesChecked = false;
  const checkValues = () => {
    if (!valuesChecked) checkRidgeValues(data, name);
    valuesChecked = true;
  };
  const statsOfAll = (): NormalStats => {
    const stats = statsOfRows(layout, block, null);
    const width = statsWidth(layout);
    for (let i = 0; i < width && !valuesChecked; i++) {
      if (Number.isFinite(stats.gram[i * width + i])) continue;
      checkRidgeValues(data, name);
      throw new LearnInputError(name, 'values too large: the sums of their squares overflow');
    }
    valuesChecked = true;
    return stats;
  };

  // Whichever of the subset and its complement is smaller is accumulated.
  const primalStats = (rows: Int32Array): NormalStats => {
    if (rows.length === n) return (allStats ??= statsOfAll());
    if (2 * rows.length <= n) {
      checkValues();
      return statsOfRows(layout, block, rows);
    }
    allStats ??= statsOfAll();
    return subtractStats(allStats, statsOfRows(layout, block, complement(rows, n)));
  };
  // Without standardisation the kernel does not depend on the subset: large subsets (folds, committee members)
  // share the kernel of all rows; small ones (learning-curve sizes) compute their own.
  const dualKernel = (rows: Int32Array, x: Matrix64): SymmetricRows | undefined => {
    if (standardize) return undefined;
    if (2 * rows.length <= n) return fullSymmetric(linearKernel(x).data, rows.length);
    allKernel ??= linearKernel(data.x);
    return rows.length === n ? fullSymmetric(allKernel.data, n) : symmetricBlock(allKernel.data, n, rows);
  };
  const formFor = (count: number): RidgeForm => (form === 'auto' ? (p > count ? 'dual' : 'primal') : form);

  const prepare = (rows: Int32Array): FitsAt => {
    if (formFor(rows.length) === 'primal') return primalSolver(primalStats(rows), standardize);
    checkValues();
    const all = rows.length === n;
    const y = all ? data.y : selectValues(data.y, rows);
    const baseline = data.baseline && !all ? selectRows(data.baseline, rows) : data.baseline;
    const settings = { standardize, intercept };
    // A large subset's kernel is a block of all rows' kernel: its fits read the subset's rows in place (copying
    // them, for each fold, member and draw, cost as much as half the factorisations).
    if (!all && !standardize && 2 * rows.length > n) {
      const kernel = dualKernel(rows, data.x);
      return (alphas) => solveLinearDual(data.x, y, baseline, alphas, settings, kernel, rows);
    }
    const x = all ? data.x : selectRows(data.x, rows);
    const kernel = dualKernel(rows, x);
    return (alphas) => solveLinearDual(x, y, baseline, alphas, settings, kernel);
  };

  return {
    data,
    settings: { standardize, intercept, form },
    rows: n,
    features: p,
    formFor,
    checkValues,
    trainOn(rows) {
      if (rows.length === 0) throw new LearnInputError('rows', 'no training rows');
      for (let i = 0; i < rows.length; i++) {
        if (!(rows[i] >= 0 && rows[i] < n && (i === 0 || rows[i] > rows[i - 1]))) {
          throw new LearnInputError(
            'rows',
            `must be ascending row indices in [0, ${n}), got ${rows[i]} at ${i}`,
          );
        }
      }
      if (rows.length < n) return prepare(rows);
      return (alphas) => {
        const missing = [...new Set(alphas.filter((alpha) => !fitsOnAll.has(alpha)))];
        if (missing.length > 0) {
          const models = (prepareOnAll ??= prepare(rows))(missing);
          missing.forEach((alpha, i) => fitsOnAll.set(alpha, models[i]));
        }
        return alphas.map((alpha) => fitsOnAll.get(alpha)!);
      };
    },
  };
}

/** Lets fits on one data set share its RidgeProblem. */
export interface SharedProblem {
  /** The problem of the fit's data with the fit's settings, made by ridgeProblem (checked). */
  readonly problem?: RidgeProblem;
}

/** The shared problem when there is one (it must be of `data` with `settings`), else a new one. */
export function problemFor(data: RidgeData, settings: RidgeSettings, shared: SharedProblem): RidgeProblem {
  const { problem } = shared;
  if (!problem) return ridgeProblem(data, settings);
  const same =
    problem.data === data &&
    problem.settings.standardize === (settings.standardize ?? false) &&
    problem.settings.intercept === (settings.intercept ?? false) &&
    problem.settings.form === (settings.form ?? 'auto');
  if (!same) throw new LearnInputError('problem', 'was made for other data or other ridge settings');
  return problem;
}

/** One ridge fit on all rows of `data`. */
export function fitRidge(data: RidgeData, options: RidgeOptions): RidgeModel {
  checkAlpha(options.alpha);
  const problem = ridgeProblem(data, options);
  return problem.trainOn(allRows(problem.rows))([options.alpha])[0];
}
