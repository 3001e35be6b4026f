/**
 * Binding curves of water above Li(100) (paper Fig. 7): one ridge model per feature kind on ΔX of the water's
 * centres, trained on whole binding curves and tested on held-out ones (paper: 75 train, 6 test). α is chosen by
 * cross-validation over training curves (never over points of one curve, which are near-duplicates). The models
 * have an intercept: far from the surface ρ⊗ρ's ΔX is exactly 0, so what it predicts there is that constant.
 */
import {
  cvRidgeGrouped,
  matrix64,
  predictRidge,
  rmse,
  rmsePercent,
  rowsOfGroups,
  selectRows,
  selectValues,
  type RidgeModel,
} from '../../learn/index.ts';
import { permutation, randomSource } from '../../learn/sampling.ts';
import { breathe } from '../../util/event-loop.ts';
import { type LessonKind, type LiWaterFeatures } from './features.ts';

/** The paper's split of the 81 curves. */
export const PAPER_TEST_CURVES = 6;
export const PAPER_TRAIN_CURVES = 75;

/** The paper's test RMSE% over its 6 test curves (§4.2): about 19 % for ρ⊗ρ and 9 % for ρ⊗V. */
export const PAPER_ENERGY_RMSE_PERCENT: Readonly<Record<LessonKind, number>> = { 'rho-rho': 19, 'rho-V': 9 };

export interface CurveSplit {
  /** Curve indices, ascending. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** A seeded split of `curves` curves: `testCount` held out, `trainCount` (default: all the others) for training. */
export function splitCurves(
  curves: number,
  seed: number,
  testCount: number,
  trainCount?: number,
): CurveSplit {
  const order = permutation(curves, randomSource(seed));
  const test = order.slice(0, testCount);
  const train = order.slice(testCount, trainCount === undefined ? curves : testCount + trainCount);
  if (
    test.length !== testCount ||
    train.length < 2 ||
    (trainCount !== undefined && train.length !== trainCount)
  )
    throw new RangeError(
      `cannot hold out ${testCount} and train on ${trainCount ?? 'the rest'} of ${curves} curves`,
    );
  return { train: train.sort(), test: test.sort() };
}

export interface EnergyFit {
  readonly model: RidgeModel;
  readonly alpha: number;
  /** Predicted binding energy of every point of every curve (eV), curve after curve. */
  readonly predicted: Float64Array;
  /** Over all points of the test curves. */
  readonly testRmse: number;
  readonly testRmsePercent: number;
}

export interface EnergyStudy {
  readonly split: CurveSplit;
  readonly fits: Readonly<Record<LessonKind, EnergyFit>>;
}

const SETTINGS = { standardize: true, intercept: true } as const;

/** Fits both kinds on the training curves and scores them on the test curves, yielding between the two. */
export async function energyStudy(
  features: LiWaterFeatures,
  energies: Float64Array,
  split: CurveSplit,
  signal?: AbortSignal,
): Promise<EnergyStudy> {
  const points = features.heights.length;
  const all = features.curves * points;
  if (energies.length !== all) throw new RangeError(`need ${all} energies, got ${energies.length}`);
  const trainRows = rowsOfGroups(split.train, points);
  const testRows = rowsOfGroups(split.test, points);
  const fitKind = async (kind: LessonKind): Promise<EnergyFit> => {
    await breathe(signal);
    const { invariants, labels } = features.kinds[kind];
    const x = matrix64(all, labels.length, invariants);
    const train = { x: selectRows(x, trainRows), y: selectValues(energies, trainRows) };
    const cv = cvRidgeGrouped(
      train,
      SETTINGS,
      split.train.length,
      (curves) => rowsOfGroups(curves, points),
      'energy',
    );
    const predicted = predictRidge(cv.model, x);
    const testPredicted = selectValues(predicted, testRows);
    const testTarget = selectValues(energies, testRows);
    return {
      model: cv.model,
      alpha: cv.alpha,
      predicted,
      testRmse: rmse(testPredicted, testTarget),
      testRmsePercent: rmsePercent(testPredicted, testTarget),
    };
  };
  const fits = { 'rho-rho': await fitKind('rho-rho'), 'rho-V': await fitKind('rho-V') };
  return { split, fits };
}
