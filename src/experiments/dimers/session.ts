/**
 * One learner's dimer lesson: the chosen class's study (studies.ts: computed once per class for the session, with
 * progress), and from it the chosen dimer's binding curve with both models and the ρ⊗V band, the band's coverage of
 * the test points, and the Table 1 rows and learning curves of every class computed so far. The first answer for a
 * class has ρ⊗V only (the curve, its band and the coverage; its learning curves still being computed); a request with
 * `complete: true`, which the spec makes in the background once that is shown, adds ρ⊗ρ and both kinds' learning
 * curves, and later answers include them. A request `{ tableOf: class }`
 * computes that class's full Table 1 row (V⊗V too) and answers with its ClassSummary.
 */
import type { D1Dataset } from '../../data/d1.ts';
import { FEATURE_KINDS, type FeatureEngine, type FeatureKind } from '../../lode/features.ts';
import { TABLE_RANGE_SIGMAS } from '../../lode/radial-tables.ts';
import { LESSON_HYPERS } from './binding-features.ts';
import type { LessonRuntime, LessonSession, SeriesOptions } from '../lesson.ts';
import { closestPair } from './closest-pair.ts';
import { curvePrediction, medianErrorCurve } from './curve-predictions.ts';
import type { ClassStudy, LearningPoint, StudyProgress } from './class-study.ts';
import { CLASSES, MEDIAN_DIMER, type DimersValues } from './spec.ts';
import { DimerStudies } from './studies.ts';
import { KIND_SYMBOL, PAPER_TABLE_1, tableRow, type PaperRow, type TableRow } from './table.ts';
import type { ClassName } from './split.ts';

/**
 * How far (Å) the ρ⊗ρ features of an atom reach: r_c, plus the Gaussian tails of neighbours outside it
 * (radial-tables.ts). A partner whose closest atom is further away leaves ΔX = 0, so ρ⊗ρ predicts exactly 0.
 */
export const DENSITY_REACH = LESSON_HYPERS.cutoff + TABLE_RANGE_SIGMAS * LESSON_HYPERS.sigma;

/** The lesson compares the local model with the multi-scale one (V⊗V is left to the full table). */
export const LESSON_KINDS: readonly FeatureKind[] = ['rho-rho', 'rho-V'];
/** What a class's first answer needs: the curve's ρ⊗V prediction and band, and the median-error test dimer. */
export const FIRST_KINDS: readonly FeatureKind[] = ['rho-V'];

export interface CurvePoint {
  readonly displacement: number;
  /** Reference binding energy (eV) from the dataset. */
  readonly reference: number;
  /** Null until the class's ρ⊗ρ fit is done. */
  readonly rhoRho: number | null;
  readonly rhoV: number;
  /** ρ⊗V committee mean and its calibrated ±1σ (eV). */
  readonly mean: number;
  readonly sigma: number;
  /** Distance (Å) between the closest atoms of the two monomers. */
  readonly gap: number;
}

/** A class's Table 1 row (the kinds computed so far), and its learning curves. */
export interface ClassSummary {
  readonly cls: ClassName;
  readonly row: TableRow;
  readonly paper: PaperRow;
  /** RMSE % of the test STD against training curves, for ρ⊗V and ρ⊗ρ. */
  readonly learning: Partial<Record<FeatureKind, readonly LearningPoint[]>>;
}

export function classSummary(study: ClassStudy): ClassSummary {
  return {
    cls: study.cls,
    row: tableRow(study),
    paper: PAPER_TABLE_1[study.cls],
    learning: Object.fromEntries(
      FEATURE_KINDS.flatMap((kind) => {
        const learning = study.fits[kind]?.learning;
        return learning ? [[kind, learning]] : [];
      }),
    ),
  };
}

export interface DimersSeries {
  readonly cls: ClassName;
  readonly level: string;
  /** Index of the dimer within its class, and its id. */
  readonly index: number;
  readonly id: string;
  readonly heldOut: boolean;
  /** Indices of the class's test dimers (held out of every fit), ascending. */
  readonly test: readonly number[];
  readonly curve: readonly CurvePoint[];
  /** Every class computed so far, this one included, in the order of CLASSES. */
  readonly classes: readonly ClassSummary[];
  /** Fractions of the class's test points inside the ρ⊗V band's ±1σ and ±2σ. */
  readonly coverage1: number;
  readonly coverage2: number;
}

export class DimersSession implements LessonSession {
  /** Public so that a caller can predict at other displacements with the very models drawn. */
  readonly studies: DimerStudies;

  constructor(
    private readonly dataset: D1Dataset,
    engine: FeatureEngine,
  ) {
    this.studies = new DimerStudies(dataset, engine);
  }

  series(
    values: Readonly<Record<string, unknown>>,
    options: SeriesOptions = {},
  ): Promise<DimersSeries | ClassSummary> {
    const { cls, dimer, tableOf, complete } = values as DimersValues & {
      readonly tableOf?: ClassName;
      readonly complete?: boolean;
    };
    return tableOf
      ? this.tableRowOf(tableOf, options)
      : this.seriesFor(cls as ClassName, dimer, { ...options, complete: complete ?? false });
  }

  /** A class's row of Table 1 with all three kinds (the lesson's two reused when done), and its learning curves. */
  async tableRowOf(cls: ClassName, options: SeriesOptions = {}): Promise<ClassSummary> {
    return classSummary(await this.studies.study({ cls }, this.studyOptions(cls, options)));
  }

  /**
   * The class's finished study with the most kinds, if any: all three, the lesson's two, or ρ⊗V alone (fitted, its
   * learning curves maybe still being computed).
   */
  private doneStudy(cls: ClassName): ClassStudy | undefined {
    return (
      this.studies.done({ cls }) ??
      this.studies.done({ cls, kinds: LESSON_KINDS }) ??
      this.studies.done({ cls, kinds: FIRST_KINDS }, true)
    );
  }

  /** Every class with a finished study. */
  private computedClasses(): ClassSummary[] {
    return CLASSES.flatMap((cls) => {
      const study = this.doneStudy(cls);
      return study ? [classSummary(study)] : [];
    });
  }

  private studyOptions(cls: ClassName, options: SeriesOptions) {
    const size = this.dataset.curves.filter((c) => c.class === cls).length;
    return {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p: StudyProgress) =>
        options.onProgress?.({
          stage: `${KIND_SYMBOL[p.kind]} ${p.stage} of ${size} ${cls} dimers`,
          fraction: p.fraction,
        }),
    };
  }

  /** `complete`: wait for the lesson's kinds; otherwise ρ⊗ρ only when already done. */
  async seriesFor(
    cls: ClassName,
    dimer: number,
    options: SeriesOptions & { readonly complete?: boolean } = {},
  ): Promise<DimersSeries> {
    const curves = this.dataset.curves.filter((c) => c.class === cls);
    if (dimer >= curves.length)
      throw new RangeError(`class ${cls} has ${curves.length} dimers: there is no dimer ${dimer}`);
    const kinds = options.complete ? LESSON_KINDS : FIRST_KINDS;
    const study =
      (options.complete ? undefined : this.doneStudy(cls)) ??
      (await this.studies.study(
        { cls, kinds },
        { ...this.studyOptions(cls, options), early: !options.complete },
      ));
    const index = dimer === MEDIAN_DIMER ? medianErrorCurve(study) : dimer;
    const drawn = curvePrediction(study, index);
    const committee = study.fits['rho-V']!.committee!;
    const points = curves[index]!.points;
    return {
      cls,
      level: this.dataset.level,
      index,
      id: drawn.id,
      heldOut: drawn.heldOut,
      test: Array.from(study.test),
      curve: drawn.displacements.map((displacement, k) => ({
        displacement,
        reference: drawn.reference[k]!,
        rhoRho: drawn.predicted['rho-rho']?.[k] ?? null,
        rhoV: drawn.predicted['rho-V']![k]!,
        mean: drawn.band!.mean[k]!,
        sigma: drawn.band!.sigma[k]!,
        gap: closestPair(points[k]!.structure).distance,
      })),
      classes: this.computedClasses(),
      coverage1: committee.coverage1,
      coverage2: committee.coverage2,
    };
  }
}

export async function createSession(runtime: LessonRuntime): Promise<DimersSession> {
  return new DimersSession(await runtime.dataset('d1-ssi'), runtime.engine);
}
