/**
 * One learner's H2O–CO2 lesson, with everything expensive cached: features per (centring, kind, hypers) at l_max = 6
 * and fits per (features, l_max, window). Moving the l_max slider or the orientation therefore costs a refit or
 * a 60-structure prediction, not a featurisation of the dataset. Returns the series the charts draw.
 */
import type { D2Dataset } from '../data/d2.ts';
import type { FeatureEngine, FeatureKind } from '../lode/features.ts';
import type { Matrix64, PointChargeModel } from '../learn/index.ts';
import {
  asymptoticErrors,
  curveFeatures,
  fitLesson,
  fitLessonPointCharges,
  lessonFeatures,
  lessonLevel,
  LESSON_LMAX,
  predictCurve,
  type Centring,
  type LessonFeatures,
  type LessonFit,
  type LessonHypers,
} from './multipole-lesson.ts';

export interface LessonRequest {
  readonly centring: Centring;
  readonly kind: FeatureKind;
  readonly hypers: LessonHypers;
  readonly lMax: number;
  readonly orientation: number;
  readonly window: readonly [number, number];
}

export interface LessonSeries {
  /** Chart 1: reference points (at `level` of theory) and the model's curve for the chosen orientation. */
  readonly level: string;
  readonly reference: { separation: number; energy: number }[];
  readonly model: { separation: number; energy: number }[];
  /** Chart 2: extrapolation test RMSE (eV) for l_max = 0..6, per centring computed so far. */
  readonly rmseByLmax: Partial<Record<Centring, number[]>>;
  readonly testRmse: number;
  readonly testRmsePercent: number;
  /** Chart 3: extrapolation error against distance for l_max = 0, 1 and fixed point charges (paper Fig. 4). */
  readonly asymptotic: { separation: number; [model: string]: number }[];
}

const CURVE_GRID = Array.from({ length: 57 }, (_, i) => 6 + 0.25 * i);

export class LessonSession {
  private readonly features = new Map<string, Promise<LessonFeatures>>();
  private readonly fits = new Map<string, LessonFit>();
  private readonly curves = new Map<string, Promise<Matrix64>>();
  private readonly charges = new Map<string, PointChargeModel>();

  constructor(
    private readonly dataset: D2Dataset,
    private readonly engine: FeatureEngine,
  ) {}

  private featuresFor(request: LessonRequest, signal?: AbortSignal): Promise<LessonFeatures> {
    const key = JSON.stringify([request.centring, request.kind, request.hypers]);
    let entry = this.features.get(key);
    if (!entry) {
      entry = lessonFeatures(
        this.dataset,
        { centring: request.centring, kind: request.kind, hypers: request.hypers },
        this.engine,
        signal,
      );
      entry.catch(() => this.features.delete(key));
      this.features.set(key, entry);
    }
    return entry;
  }

  private fitFor(features: LessonFeatures, lMax: number, window: readonly [number, number]): LessonFit {
    const key = JSON.stringify([features.key, lMax, window]);
    let fit = this.fits.get(key);
    if (!fit) {
      fit = fitLesson(features, lMax, window);
      this.fits.set(key, fit);
    }
    return fit;
  }

  private curveFor(features: LessonFeatures, orientation: number): Promise<Matrix64> {
    const key = JSON.stringify([features.key, orientation]);
    let entry = this.curves.get(key);
    if (!entry) {
      entry = curveFeatures(this.dataset, orientation, features, CURVE_GRID, this.engine);
      entry.catch(() => this.curves.delete(key));
      this.curves.set(key, entry);
    }
    return entry;
  }

  async series(request: LessonRequest, signal?: AbortSignal): Promise<LessonSeries> {
    const features = await this.featuresFor(request, signal);
    signal?.throwIfAborted();
    const fit = this.fitFor(features, request.lMax, request.window);
    const curve = this.dataset.curves[request.orientation];
    const level = lessonLevel(this.dataset);
    const predicted = predictCurve(fit, await this.curveFor(features, request.orientation));
    const rmseByLmax: Partial<Record<Centring, number[]>> = {};
    rmseByLmax[request.centring] = Array.from({ length: LESSON_LMAX + 1 }, (_, l) => {
      signal?.throwIfAborted();
      return this.fitFor(features, l, request.window).testRmse;
    });
    const windowKey = JSON.stringify(request.window);
    let charges = this.charges.get(windowKey);
    if (!charges) {
      charges = fitLessonPointCharges(this.dataset, request.window);
      this.charges.set(windowKey, charges);
    }
    const { separations, series } = asymptoticErrors(
      this.dataset,
      features,
      request.window,
      (l) => this.fitFor(features, l, request.window),
      charges,
    );
    return {
      level,
      reference: curve.points.map((p) => ({ separation: p.coordinate, energy: p.energies[level] })),
      asymptotic: separations.map((separation, i) => ({
        separation,
        ...Object.fromEntries(Object.entries(series).map(([name, values]) => [name, values[i]])),
      })),
      model: CURVE_GRID.map((separation, i) => ({ separation, energy: predicted[i] })),
      rmseByLmax,
      testRmse: fit.testRmse,
      testRmsePercent: fit.testRmsePercent,
    };
  }
}
