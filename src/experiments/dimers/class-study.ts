/**
 * The per-class protocol of paper §4.1 (Table 1, Figs. 5 and 6), on the CPU or GPU feature engine:
 *
 * - split the class's binding curves into training and test curves (split.ts: seeded, stratified by residue pair);
 * - for each feature kind, ΔX of the training curves (binding-features.ts), kept in memory in the columns they use;
 *   the test curves are featurised while the fits run (on other threads when the engine is a pool of workers), a
 *   chunk at a time, kept in those columns only until their predictions are made: the test rows are at most about
 *   a third of the training rows (AA), so the peak memory stays about twice the training matrix (its engine columns
 *   while they are compacted), not the class;
 * - ridge on ΔX without intercept, one scale per angular channel l (angular-scaling.ts: not per column, which
 *   blows up on rare elements), α by 5-fold cross-validation over training curves (a fold holds whole curves). ΔX
 *   builds in the dissociated limit: the limit's row is ΔX = 0 with E = 0, which a model without intercept fits
 *   exactly, so adding it to the training set changes nothing;
 * - for the kinds asked, the calibrated committee of src/learn (M = 8, the cross-validated α) with members drawn as
 *   80 % of the training curves rather than of the points: with the paper's point subsamples, every held-out point
 *   has neighbours on its curve in most members, the calibration learns interpolation errors and the bands are too
 *   narrow for new dimers (CP: 57 % of test points inside ±1σ, 83 % inside ±2σ);
 * - learning curves over whole training curves (src/learn/group-learning.ts), last: a kind's study is told
 *   (`onFitted`) as soon as its model, committee and predictions are done, which is all a class's first answer needs.
 */
import type { BindingCurve } from '../../data/curves.ts';
import {
  cvRidgeGroupedSteps,
  fitCommitteeSteps,
  groupLearningModelsSteps,
  logGrid,
  matrix64,
  predictCommittee,
  predictRidgeModels,
  ridgeProblem,
  rmse,
  rowsOfGroups,
  standardDeviation,
  summarize,
  type CommitteeModel,
  type Matrix64,
  type RidgeModel,
  type Summary,
} from '../../learn/index.ts';
import { selectColumns, type FeatureEngine, type FeatureKind } from '../../lode/features.ts';
import { angularScales, inRawUnits, scaleColumnsInPlace } from './angular-scaling.ts';
import {
  bindingFeatureChunks,
  classSpecies,
  usedColumns,
  type DimerHypers,
  type FeatureChunk,
} from './binding-features.ts';
import { runBreathing } from '../../util/event-loop.ts';
import { residuePair, splitCurves, trainCurveCount, type ClassName } from './split.ts';

export interface StudyOptions {
  readonly hypers: DimerHypers;
  /** Seed of the split, the folds, the committee and the learning-curve draws. */
  readonly seed: number;
  readonly kinds: readonly FeatureKind[];
  /** Kinds that get a calibrated committee (default ρ⊗V). */
  readonly committeeKinds?: readonly FeatureKind[];
  /** Kinds that get learning curves (default ρ⊗V and ρ⊗ρ). */
  readonly learningKinds?: readonly FeatureKind[];
  /** Training curves (default trainCurveCount: the paper's). */
  readonly trainCurves?: number;
  /** Draws per learning-curve size (default 3). */
  readonly learningDraws?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: StudyProgress) => void;
  /**
   * Told, kind after kind, the study so far once that kind's model, committee and predictions are done, before its
   * learning curves (at FITTED_SHARE of the kind's progress).
   */
  readonly onFitted?: (study: ClassStudy) => void;
}

/** The share of a kind's progress at which its fits and predictions are done and only its learning curves remain. */
export const FITTED_SHARE = 0.9;

export interface StudyProgress {
  readonly kind: FeatureKind;
  readonly stage: 'training features' | 'fits' | 'test features' | 'learning curves';
  /** Of the whole study, in [0, 1]. */
  readonly fraction: number;
}

export interface CommitteeFit {
  readonly model: CommitteeModel;
  /** Committee mean and calibrated error bar α·σ for every row of the class. */
  readonly mean: Float64Array;
  readonly sigma: Float64Array;
  /** Fractions of the test points with |E − mean| ≤ σ and ≤ 2σ. */
  readonly coverage1: number;
  readonly coverage2: number;
}

export interface LearningPoint {
  /** Training curves. */
  readonly curves: number;
  /** Test RMSE / std(test energies) · 100 over the draws. */
  readonly rmsePercent: Summary;
}

export interface KindFit {
  readonly kind: FeatureKind;
  /** Columns of the engine's output (at the study's hypers and species) the model uses. */
  readonly columns: Int32Array;
  /** Ridge penalty chosen by cross-validation, on the per-l scaled columns (angular-scaling.ts). */
  readonly alpha: number;
  /** Pooled validation RMSE per candidate α, per curve (√(Σ squared errors / curves), src/learn's convention). */
  readonly cvScores: readonly { alpha: number; rmse: number }[];
  /** The ridge model on the raw ΔX columns `columns`. */
  readonly model: RidgeModel;
  /** Prediction for every row of the class (training rows included). */
  readonly predicted: Float64Array;
  readonly testRmse: number;
  readonly testRmsePercent: number;
  readonly committee?: CommitteeFit;
  readonly learning?: readonly LearningPoint[];
  /** Seconds spent featurising and fitting. */
  readonly seconds: { readonly features: number; readonly fits: number };
}

export interface ClassStudy {
  readonly cls: ClassName;
  readonly hypers: DimerHypers;
  readonly species: readonly string[];
  readonly seed: number;
  readonly curveIds: readonly string[];
  /** Points per curve (rows of curve c: c·points .. c·points + points − 1). */
  readonly points: number;
  readonly displacements: readonly number[];
  readonly train: Int32Array;
  readonly test: Int32Array;
  /** Reference binding energy (eV) of every row. */
  readonly energies: Float64Array;
  readonly testStd: number;
  readonly fits: Partial<Record<FeatureKind, KindFit>>;
}

/** Candidate α: decades from 10⁻⁶ to 10² times the mean diagonal of XᵀX. */
export function alphaGrid(x: Matrix64): number[] {
  let sum = 0;
  for (const v of x.data) sum += v * v;
  const scale = sum / x.cols > 0 ? sum / x.cols : 1;
  return logGrid(1e-6 * scale, 1e2 * scale, 9);
}

const percent = (error: number, std: number) => (100 * error) / std;

/** Runs the protocol on one class's curves (all with `points` points and energies at `level`). */
export async function runClassStudy(
  cls: ClassName,
  curves: readonly BindingCurve[],
  level: string,
  engine: FeatureEngine,
  options: StudyOptions,
): Promise<ClassStudy> {
  const points = curves[0].points.length;
  if (curves.some((c) => c.points.length !== points)) throw new RangeError('curves differ in length');
  const { train, test } = splitCurves(
    curves.map((c) => residuePair(c.id)),
    options.trainCurves ?? trainCurveCount(cls, curves.length),
    options.seed,
  );
  const energies = Float64Array.from(curves.flatMap((c) => c.points.map((p) => p.energies[level])));
  const testRows = rowsOfGroups(test, points);
  const testEnergies = Float64Array.from(testRows, (r) => energies[r]);
  const species = classSpecies(curves);
  const fits: Partial<Record<FeatureKind, KindFit>> = {};
  for (const [k, kind] of options.kinds.entries()) {
    const report = (stage: StudyProgress['stage'], share: number) =>
      options.onProgress?.({ kind, stage, fraction: (k + share) / options.kinds.length });
    fits[kind] = await fitKind(kind, report);
  }
  return studyWith(fits);

  function studyWith(kindFits: ClassStudy['fits']): ClassStudy {
    return {
      cls,
      hypers: options.hypers,
      species,
      seed: options.seed,
      curveIds: curves.map((c) => c.id),
      points,
      displacements: curves[0].points.map((p) => p.coordinate),
      train,
      test,
      energies,
      testStd: standardDeviation(testEnergies),
      fits: { ...kindFits },
    };
  }

  async function fitKind(
    kind: FeatureKind,
    report: (stage: StudyProgress['stage'], share: number) => void,
  ): Promise<KindFit> {
    const { signal } = options;
    const started = performance.now();
    const chunks = (indices: Int32Array, stage: StudyProgress['stage'], from: number, to: number) =>
      bindingFeatureChunks(engine, curves, Array.from(indices), kind, options.hypers, species, {
        ...(signal ? { signal } : {}),
        onProgress: (done, total) => report(stage, from + ((to - from) * done) / total),
      });

    // Training rows, in the columns they use.
    const trainChunks: FeatureChunk[] = [];
    for await (const chunk of chunks(train, 'training features', 0, 0.45)) trainChunks.push(chunk);
    const width = trainChunks[0].labels.length;
    const columns = usedColumns(trainChunks, width);
    const x = matrix64(train.length * points, columns.length);
    let filled = 0;
    for (const chunk of trainChunks) {
      const part = selectColumns(chunk.x, width, columns);
      x.data.set(part, filled);
      filled += part.length;
    }
    const scales = angularScales(
      x,
      Array.from(columns, (j) => trainChunks[0].labels[j]),
    );
    scaleColumnsInPlace(x, scales);
    trainChunks.length = 0;
    const y = Float64Array.from(rowsOfGroups(train, points), (r) => energies[r]);

    // Test features, streaming while the fits below run. Their progress shows once the fits are done (one bar that
    // only moves forward); a failed fit stops them.
    const testShare = { done: 0, fitting: true };
    const testProgress = () => 0.55 + (FITTED_SHARE - 0.55) * testShare.done;
    const stopTests = new AbortController();
    const testSignal = signal ? AbortSignal.any([signal, stopTests.signal]) : stopTests.signal;
    const testBlocks = (async () => {
      const blocks: { readonly curves: readonly number[]; readonly x: Matrix64 }[] = [];
      const stream = bindingFeatureChunks(engine, curves, Array.from(test), kind, options.hypers, species, {
        signal: testSignal,
        onProgress: (done, total) => {
          testShare.done = done / total;
          if (!testShare.fitting) report('test features', testProgress());
        },
      });
      for await (const chunk of stream) {
        const x = matrix64(chunk.curves.length * points, columns.length);
        x.data.set(selectColumns(chunk.x, width, columns));
        blocks.push({ curves: chunk.curves, x });
      }
      return blocks;
    })();
    // Awaited after the fits; until then a rejection (the fits failed first) is not left unhandled.
    testBlocks.catch(() => undefined);

    // α by cross-validation over whole training curves, then the extras at that α, all on one ridge problem (the
    // kernel or Gram matrix of the training rows once; the learning curve's whole pool is the refit). Each runs in
    // steps with the worker free to answer pings between them (a page gives up on a worker silent for 15 s).
    report('fits', 0.45);
    const fitStarted = performance.now();
    try {
      return await fitAndPredict();
    } finally {
      stopTests.abort();
    }

    async function fitAndPredict(): Promise<KindFit> {
      const data = { x, y };
      const problem = ridgeProblem(data);
      const cv = await runBreathing(
        cvRidgeGroupedSteps(
          data,
          {
            alphas: alphaGrid(x),
            folds: 5,
            seed: options.seed,
            problem,
            onProgress: ({ done, total }) => report('fits', 0.45 + (0.06 * done) / total),
            ...(signal ? { signal } : {}),
          },
          train.length,
          (s) => rowsOfGroups(s, points),
          'cross-validation',
        ),
        signal,
      );
      const withCommittee = (options.committeeKinds ?? ['rho-V']).includes(kind);
      const committee = withCommittee
        ? await runBreathing(
            fitCommitteeSteps(data, {
              alpha: cv.alpha,
              members: 8,
              fraction: 0.8,
              groups: Int32Array.from(y, (_, r) => Math.floor(r / points)),
              seed: options.seed,
              problem,
              onProgress: ({ done, total }) => report('fits', 0.51 + (0.03 * done) / total),
              ...(signal ? { signal } : {}),
            }),
            signal,
          )
        : undefined;
      signal?.throwIfAborted();
      let fitSeconds = (performance.now() - fitStarted) / 1000;

      // Predictions: training rows from memory (scaled, with the models as fitted), test rows as their raw features
      // stream past (with the models in raw units).
      const rows = curves.length * points;
      const predicted = new Float64Array(rows);
      const mean = new Float64Array(rows);
      const sigma = new Float64Array(rows);
      const place = (
        curveList: ArrayLike<number>,
        block: Matrix64,
        models: { ridge: RidgeModel; committee?: CommitteeModel },
      ) => {
        const [ridge] = predictRidgeModels([models.ridge], block);
        const band = models.committee && predictCommittee(models.committee, block);
        for (let c = 0; c < curveList.length; c++) {
          for (let k = 0; k < points; k++) {
            const row = curveList[c] * points + k;
            predicted[row] = ridge[c * points + k];
            if (band) {
              mean[row] = band.mean[c * points + k];
              sigma[row] = band.sigma[c * points + k];
            }
          }
        }
      };
      place(train, x, { ridge: cv.model, ...(committee ? { committee } : {}) });
      const raw = {
        ridge: inRawUnits(cv.model, scales),
        ...(committee
          ? { committee: { ...committee, members: committee.members.map((m) => inRawUnits(m, scales)) } }
          : {}),
      };
      testShare.fitting = false;
      report('test features', testProgress());
      const blocks = await testBlocks;
      for (const block of blocks) place(block.curves, block.x, raw);

      const testPredicted = Float64Array.from(testRows, (r) => predicted[r]);
      const testRmse = rmse(testPredicted, testEnergies);
      const std = standardDeviation(testEnergies);
      const fitted: KindFit = {
        kind,
        columns,
        alpha: cv.alpha,
        cvScores: cv.scores,
        model: raw.ridge,
        predicted,
        testRmse,
        testRmsePercent: percent(testRmse, std),
        ...(raw.committee
          ? { committee: { model: raw.committee, mean, sigma, ...coverage(mean, sigma) } }
          : {}),
        seconds: { features: (performance.now() - started) / 1000 - fitSeconds, fits: fitSeconds },
      };
      const withLearning = (options.learningKinds ?? ['rho-V', 'rho-rho']).includes(kind);
      report(withLearning ? 'learning curves' : 'test features', withLearning ? FITTED_SHARE : 1);
      options.onFitted?.(studyWith({ ...fits, [kind]: fitted }));
      if (!withLearning) return fitted;

      // Learning curves at the cross-validated α, each draw's models predicting every test block.
      const learningStarted = performance.now();
      const learning = await runBreathing(
        groupLearningModelsSteps(data, points, {
          alpha: cv.alpha,
          seed: options.seed,
          draws: options.learningDraws ?? 3,
          problem,
        }),
        signal,
      );
      signal?.throwIfAborted();
      const learned = learning.models.map((draws) => {
        const inRaw = draws.map((m) => inRawUnits(m, scales));
        const rowsOf = inRaw.map(() => new Float64Array(testRows.length));
        let offset = 0;
        for (const block of blocks) {
          predictRidgeModels(inRaw, block.x).forEach((p, d) => rowsOf[d].set(p, offset));
          offset += block.x.rows;
        }
        return rowsOf;
      });
      fitSeconds += (performance.now() - learningStarted) / 1000;
      report('learning curves', 1);
      return {
        ...fitted,
        learning: learning.sizes.map((size, i) => ({
          curves: size,
          rmsePercent: summarize(learned[i].map((p) => percent(rmse(p, testEnergies), std))),
        })),
        seconds: { features: fitted.seconds.features, fits: fitSeconds },
      };
    }
  }

  function coverage(mean: Float64Array, sigma: Float64Array) {
    let one = 0;
    let two = 0;
    for (const r of testRows) {
      const z = Math.abs(energies[r] - mean[r]) / sigma[r];
      if (z <= 1) one++;
      if (z <= 2) two++;
    }
    return { coverage1: one / testRows.length, coverage2: two / testRows.length };
  }
}
