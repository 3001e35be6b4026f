/**
 * Calibrated committee (paper §4.1; Musil et al., JCTC 15, 906 (2019)): M ridge models on random subsamples, whose
 * spread σ (sample std, M − 1 denominator) is rescaled by a factor α fitted on an internal validation set — the
 * training points absent from at least a quarter of the members — so that α·σ are calibrated error bars.
 *
 * Calibration. Under the model behind the formula (members y_k ~ N(μ, s²), truth y ~ N(μ, α²s²)), the residual of
 * a mean over m members has variance (α² + 1/m)s² and E[s²/σ²] = (M − 1)/(M − 3), so
 *
 *     α² = ((M − 3)/(M − 1))·mean_val[(y − ȳ)²/σ²] − mean_val[1/m].
 *
 * With `validation: 'committee'` ȳ is the mean of all members and m = M: exactly the formula of the paper. The
 * default 'out-of-bag' takes ȳ over the m members that did not train on the point (so the residual is an honest
 * out-of-sample error) and keeps σ² from the whole committee (so it has the M − 1 degrees of freedom the factor
 * corrects for). The predictive distribution is then a Student t with M − 1 degrees of freedom, centre ȳ and
 * scale σ·√(α² + 1/M): its standard deviation √((M − 1)/(M − 3)) times that scale is what `zScores` divides by.
 */
import { reportProgress, runSteps, throwIfCancelled, type FitControl, type Steps } from './control.ts';
import { LearnInputError } from './errors.ts';
import type { Matrix64 } from './matrix.ts';
import { problemFor, type SharedProblem } from './ridge.ts';
import {
  checkAlpha,
  predictionsOf,
  predictRidgeModels,
  type RidgeData,
  type RidgeModel,
  type RidgeSettings,
} from './ridge-model.ts';
import { complement, randomSource, subsample } from './sampling.ts';

export interface CommitteeOptions extends RidgeSettings, FitControl, SharedProblem {
  /** Ridge penalty of every member. */
  readonly alpha: number;
  /** M, at least 4 (default 8). */
  readonly members?: number;
  /** Fraction of the rows each member is trained on (default 0.8). */
  readonly fraction?: number;
  /** Internal validation: points absent from at least this fraction of the members (default 0.25). */
  readonly validationFraction?: number;
  /** How ȳ is formed on the validation points (default 'out-of-bag', see the module comment). */
  readonly validation?: 'out-of-bag' | 'committee';
  /**
   * Group of each row (0 .. G − 1), e.g. the binding curve of a point: members then draw `fraction` of the groups
   * and take all their rows, and a point is internal validation when its group is absent from enough members.
   * Rows of one group are strongly correlated, so a member that saw a point's neighbours would judge that point as
   * an interpolation and the calibration would come out too small for new groups. Default: every row its own group.
   */
  readonly groups?: Int32Array;
  readonly seed?: number;
}

export interface CommitteeModel {
  readonly members: readonly RidgeModel[];
  /** Training rows of each member (ascending). */
  readonly memberRows: readonly Int32Array[];
  /** The calibration factor α of Musil et al. (not the ridge penalty). */
  readonly calibration: number;
  /** Number of internal validation points the calibration used. */
  readonly validationPoints: number;
  readonly warnings: readonly string[];
}

export interface CommitteePrediction {
  /** ȳ, the committee mean. */
  readonly mean: Float64Array;
  /** Calibrated error bars α·σ. */
  readonly sigma: Float64Array;
  /** Uncalibrated committee spread σ. */
  readonly committeeSigma: Float64Array;
  /** Standard deviation of the predictive Student t: σ·√((α² + 1/M)(M − 1)/(M − 3)). */
  readonly predictiveStd: Float64Array;
  /** Calibrated members ȳ + α(y_k − ȳ). */
  readonly members: readonly Float64Array[];
}

interface Spread {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
}

function spread(predictions: readonly Float64Array[]): Spread {
  const m = predictions.length;
  const n = predictions[0].length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (const p of predictions) for (let i = 0; i < n; i++) mean[i] += p[i] / m;
  for (const p of predictions) for (let i = 0; i < n; i++) variance[i] += (p[i] - mean[i]) ** 2 / (m - 1);
  return { mean, variance };
}

/** Group of each row and the rows of each group (each row its own group without `groups`). */
function groupsOf(
  options: CommitteeOptions,
  n: number,
): { count: number; rowsOf: (chosen: Int32Array) => Int32Array } {
  const { groups } = options;
  if (!groups) return { count: n, rowsOf: (chosen) => chosen };
  if (groups.length !== n)
    throw new LearnInputError('groups', `has ${groups.length} entries, the data ${n} rows`);
  let count = 0;
  for (const g of groups) {
    if (!(Number.isInteger(g) && g >= 0))
      throw new LearnInputError('groups', `must be integers ≥ 0, got ${g}`);
    count = Math.max(count, g + 1);
  }
  return {
    count,
    rowsOf(chosen) {
      const taken = new Uint8Array(count);
      for (const g of chosen) taken[g] = 1;
      return Int32Array.from({ length: n }, (_, r) => r).filter((r) => taken[groups[r]] === 1);
    },
  };
}

function checkOptions(options: CommitteeOptions, n: number): { m: number; size: number; threshold: number } {
  checkAlpha(options.alpha);
  const m = options.members ?? 8;
  if (!Number.isInteger(m) || m < 4) {
    throw new LearnInputError(
      'members',
      `must be an integer ≥ 4 (the calibration divides by M − 3), got ${m}`,
    );
  }
  const fraction = options.fraction ?? 0.8;
  const size = Math.round(fraction * n);
  if (!(fraction > 0 && fraction < 1) || size < 1 || size >= n) {
    throw new LearnInputError(
      'fraction',
      `must leave between 1 and n − 1 of the ${n} rows (or groups) per member, got ${fraction}`,
    );
  }
  const share = options.validationFraction ?? 0.25;
  if (!(share > 0 && share <= 1))
    throw new LearnInputError('validationFraction', `must lie in (0, 1], got ${share}`);
  return { m, size, threshold: Math.ceil(share * m) };
}

/** Fits M members on seeded subsamples and calibrates α on the internal validation points. */
export function fitCommittee(data: RidgeData, options: CommitteeOptions): CommitteeModel {
  return runSteps(fitCommitteeSteps(data, options));
}

/** fitCommittee, yielding after each member. */
export function* fitCommitteeSteps(data: RidgeData, options: CommitteeOptions): Steps<CommitteeModel> {
  const problem = problemFor(data, options, options);
  const n = problem.rows;
  const groups = groupsOf(options, n);
  const { m, size, threshold } = checkOptions(options, groups.count);
  const random = randomSource(options.seed ?? 0);
  const members: RidgeModel[] = [];
  const memberRows: Int32Array[] = [];
  const absentFrom: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < m; k++) {
    throwIfCancelled(options, 'committee');
    const rows = groups.rowsOf(subsample(groups.count, size, random));
    members.push(problem.trainOn(rows)([options.alpha])[0]);
    memberRows.push(rows);
    for (const r of complement(rows, n)) absentFrom[r].push(k);
    reportProgress(options, 'committee', k + 1, m);
    yield;
  }
  // The members' fits have checked the data.
  const predictions = predictionsOf(members, data.x, data.baseline);
  const { mean, variance } = spread(predictions);
  const outOfBag = (options.validation ?? 'out-of-bag') === 'out-of-bag';
  let ratio = 0;
  let inverseCount = 0;
  let points = 0;
  absentFrom.forEach((absent, i) => {
    if (absent.length < threshold || !(variance[i] > 0)) return;
    const centre = outOfBag ? absent.reduce((s, k) => s + predictions[k][i], 0) / absent.length : mean[i];
    ratio += (data.y[i] - centre) ** 2 / variance[i];
    inverseCount += 1 / (outOfBag ? absent.length : m);
    points++;
  });
  const warnings = members.flatMap((model) => model.warnings);
  if (points === 0) {
    warnings.push('no internal validation points (too few rows or identical members): calibration α = 1');
    return { members, memberRows, calibration: 1, validationPoints: 0, warnings };
  }
  const scaled = ((m - 3) / (m - 1)) * (ratio / points);
  let alpha2 = scaled - inverseCount / points;
  if (!(alpha2 > 0)) {
    warnings.push(
      `calibration α² = ${alpha2.toPrecision(3)} ≤ 0 (the committee spread exceeds the errors): 1/m term dropped`,
    );
    alpha2 = scaled;
  }
  return { members, memberRows, calibration: Math.sqrt(alpha2), validationPoints: points, warnings };
}

export function predictCommittee(
  model: CommitteeModel,
  x: Matrix64,
  baseline?: Matrix64,
): CommitteePrediction {
  const raw = predictRidgeModels(model.members, x, baseline);
  const { mean, variance } = spread(raw);
  const a = model.calibration;
  const m = raw.length;
  const sigma = variance.map((v) => Math.sqrt(v));
  return {
    mean,
    sigma: sigma.map((s) => a * s),
    committeeSigma: sigma,
    predictiveStd: sigma.map((s) => s * Math.sqrt(((a * a + 1 / m) * (m - 1)) / (m - 3))),
    members: raw.map((p) => p.map((v, i) => mean[i] + a * (v - mean[i]))),
  };
}

/** (y − ȳ)/predictiveStd: unit variance when the committee is calibrated. */
export function zScores(prediction: CommitteePrediction, y: ArrayLike<number>): Float64Array {
  return prediction.mean.map((mu, i) => (y[i] - mu) / prediction.predictiveStd[i]);
}
