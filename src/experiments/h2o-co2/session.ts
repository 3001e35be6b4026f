/**
 * One learner's H2O–CO2 lesson, with everything expensive cached: features per (centring, kind, hypers) at the
 * largest l_max and fits per (features, l_max, window). Moving the l_max slider or the orientation therefore costs a
 * refit or a 57-structure prediction, not a featurisation of the dataset. Featurisations are shared between
 * requests (SharedTasks): a superseded request stops waiting, and the request that replaced it picks the running
 * computation up. Returns the series the charts draw.
 */
import type { D2Dataset } from '../../data/d2.ts';
import type { FeatureEngine, FeatureKind } from '../../lode/features.ts';
import type { Matrix64, PointChargeModel } from '../../learn/index.ts';
import { SharedTasks } from '../../util/shared-tasks.ts';
import type { LessonRuntime, LessonSession, SeriesOptions } from '../lesson.ts';
import {
  asymptoticErrors,
  curveFeatures,
  fitLesson,
  fitLessonPointCharges,
  lessonFeatures,
  lessonLevel,
  predictCurve,
  type LessonFeatures,
  type LessonFit,
  type LessonHypers,
} from './model.ts';
import { CENTRINGS, LESSON_LMAX, type Centring, type H2oCo2Values } from './spec.ts';
import { breathe } from '../../util/event-loop.ts';

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
  /**
   * Chart 2: extrapolation test RMSE (eV) for l_max = 0..LESSON_LMAX: the chosen centring, and every other one whose
   * features (same kind, hypers) are computed already (the spec's background requests compute them).
   */
  readonly rmseByLmax: Partial<Record<Centring, number[]>>;
  /** Feature columns of the model at the chosen l_max (0: nothing varies, the model predicts the limit, 0). */
  readonly modelColumns: number;
  readonly testRmse: number;
  readonly testRmsePercent: number;
  /** Chart 3: extrapolation error against distance for l_max = 0, the chosen l_max and fixed point charges (Fig. 4). */
  readonly asymptotic: { separation: number; [model: string]: number }[];
}

/** Separations (Å) the model's binding curve is drawn at. */
export const CURVE_GRID = Array.from({ length: 57 }, (_, i) => 6 + 0.25 * i);

const featuresKey = (request: LessonRequest, centring: Centring) =>
  JSON.stringify({ centring, kind: request.kind, hypers: request.hypers });

/** The session request of the lesson's (validated) session-scoped parameter values. */
export function lessonRequest(values: Omit<H2oCo2Values, 'separation' | 'camera' | 'target'>): LessonRequest {
  return {
    centring: values.centring as Centring,
    kind: values.features as FeatureKind,
    hypers: { cutoff: values.cutoff, sigma: values.sigma, nMax: values.nMax },
    lMax: values.lMax,
    orientation: values.orientation,
    window: values.trainWindow,
  };
}

export class H2oCo2Session implements LessonSession {
  private readonly features = new SharedTasks<LessonFeatures>();
  private readonly curves = new SharedTasks<Matrix64>();
  private readonly fits = new Map<string, LessonFit>();
  private readonly charges = new Map<string, PointChargeModel>();

  constructor(
    private readonly dataset: D2Dataset,
    private readonly engine: FeatureEngine,
  ) {}

  private featuresFor(request: LessonRequest, options: SeriesOptions): Promise<LessonFeatures> {
    const key = { centring: request.centring, kind: request.kind, hypers: request.hypers };
    const total = this.dataset.curves.reduce((n, c) => n + c.points.length + 1, 0);
    return this.features.run(
      featuresKey(request, request.centring),
      (signal) =>
        lessonFeatures(this.dataset, key, this.engine, {
          signal,
          onProgress: (done) =>
            options.onProgress?.({ stage: `features of ${total} dimers`, fraction: done / total }),
        }),
      options.signal,
    );
  }

  private fitNow(features: LessonFeatures, lMax: number, window: readonly [number, number]): LessonFit {
    const key = JSON.stringify([features.key, lMax, window]);
    let fit = this.fits.get(key);
    if (!fit) {
      fit = fitLesson(features, lMax, window);
      this.fits.set(key, fit);
    }
    return fit;
  }

  /**
   * A fit, cached; before computing a new one the worker first handles what is waiting for it, so a cancellation or
   * a newer request is seen between fits (each is a synchronous stretch of up to a few hundred milliseconds).
   */
  private async fitFor(
    features: LessonFeatures,
    lMax: number,
    window: readonly [number, number],
    signal?: AbortSignal,
  ): Promise<LessonFit> {
    if (!this.fits.has(JSON.stringify([features.key, lMax, window]))) {
      await breathe(signal);
    }
    return this.fitNow(features, lMax, window);
  }

  private curveFor(features: LessonFeatures, orientation: number, signal?: AbortSignal): Promise<Matrix64> {
    return this.curves.run(
      JSON.stringify([features.key, orientation]),
      (own) => curveFeatures(this.dataset, orientation, features, CURVE_GRID, this.engine, { signal: own }),
      signal,
    );
  }

  series(values: Readonly<Record<string, unknown>>, options: SeriesOptions = {}): Promise<LessonSeries> {
    return this.seriesFor(lessonRequest(values as H2oCo2Values), options);
  }

  async seriesFor(request: LessonRequest, options: SeriesOptions = {}): Promise<LessonSeries> {
    const { signal } = options;
    const features = await this.featuresFor(request, options);
    signal?.throwIfAborted();
    options.onProgress?.({ stage: 'fits', fraction: 1 });
    const fit = await this.fitFor(features, request.lMax, request.window, signal);
    const curve = this.dataset.curves[request.orientation];
    const level = lessonLevel(this.dataset);
    const predicted = predictCurve(fit, await this.curveFor(features, request.orientation, signal));
    const rmseByLmax: Partial<Record<Centring, number[]>> = {};
    for (const centring of CENTRINGS) {
      const done =
        centring === request.centring ? features : this.features.done(featuresKey(request, centring));
      if (!done) continue;
      const row: number[] = [];
      for (let l = 0; l <= LESSON_LMAX; l++)
        row.push((await this.fitFor(done, l, request.window, signal)).testRmse);
      rmseByLmax[centring] = row;
    }
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
      (l) => this.fitNow(features, l, request.window),
      charges,
      [0, request.lMax],
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
      modelColumns: fit.columns.length,
    };
  }
}

export async function createSession(runtime: LessonRuntime): Promise<H2oCo2Session> {
  return new H2oCo2Session(await runtime.dataset('d2-h2o-co2'), runtime.engine);
}
