/**
 * What the lesson draws for one dimer (paper Fig. 5): the reference binding curve, the models' predictions and the
 * ρ⊗V committee band, from a finished ClassStudy; and predictions at any displacement (the slider), which costs the
 * features of those few dimers only.
 */
import { displacedDimer, type BindingCurve } from '../../data/curves.ts';
import { matrix64, predictCommittee, predictRidgeModels } from '../../learn/index.ts';
import { selectColumns, type FeatureEngine, type FeatureKind } from '../../lode/features.ts';
import { bindingFeatureChunks } from './binding-features.ts';
import type { ClassStudy } from './class-study.ts';

export interface CurvePrediction {
  readonly id: string;
  /** True for a test curve (the models never saw it). */
  readonly heldOut: boolean;
  readonly displacements: readonly number[];
  readonly reference: Float64Array;
  readonly predicted: Partial<Record<FeatureKind, Float64Array>>;
  /** ρ⊗V committee mean and calibrated error bar α·σ. */
  readonly band?: { readonly mean: Float64Array; readonly sigma: Float64Array };
}

/** The stored predictions of curve `c` (index into the class's curves). */
export function curvePrediction(study: ClassStudy, c: number): CurvePrediction {
  const rows = (values: Float64Array) => values.slice(c * study.points, (c + 1) * study.points);
  const committee = study.fits['rho-V']?.committee;
  return {
    id: study.curveIds[c],
    heldOut: study.test.includes(c),
    displacements: study.displacements,
    reference: rows(study.energies),
    predicted: Object.fromEntries(
      Object.entries(study.fits).map(([kind, fit]) => [kind, rows(fit.predicted)]),
    ),
    ...(committee ? { band: { mean: rows(committee.mean), sigma: rows(committee.sigma) } } : {}),
  };
}

/**
 * The test curve whose integrated error (RMSE over its points) is the median of the test set for `kind` (the
 * paper's choice of example in Fig. 5).
 */
export function medianErrorCurve(study: ClassStudy, kind: FeatureKind = 'rho-V'): number {
  const fit = study.fits[kind];
  if (!fit) throw new RangeError(`the study has no ${kind} fit`);
  const error = (c: number) => {
    let s = 0;
    for (let k = 0; k < study.points; k++) {
      const r = c * study.points + k;
      s += (fit.predicted[r] - study.energies[r]) ** 2;
    }
    return s;
  };
  const ranked = Array.from(study.test).sort((a, b) => error(a) - error(b));
  return ranked[Math.floor((ranked.length - 1) / 2)];
}

export interface DisplacementPrediction {
  readonly predicted: Partial<Record<FeatureKind, Float64Array>>;
  readonly band?: { readonly mean: Float64Array; readonly sigma: Float64Array };
}

/** Every model of the study at the given displacements of one of its curves. */
export async function predictAtDisplacements(
  study: ClassStudy,
  curve: BindingCurve,
  shifts: readonly number[],
  engine: FeatureEngine,
  signal?: AbortSignal,
): Promise<DisplacementPrediction> {
  const moved: BindingCurve = {
    id: curve.id,
    monomers: curve.monomers,
    points: shifts.map((shift) => ({
      structure: displacedDimer(curve, shift),
      coordinate: shift,
      energies: {},
    })),
  };
  const predicted: Partial<Record<FeatureKind, Float64Array>> = {};
  let band: DisplacementPrediction['band'];
  for (const [kind, fit] of Object.entries(study.fits) as [
    FeatureKind,
    NonNullable<ClassStudy['fits']['rho-V']>,
  ][]) {
    const options = signal ? { signal } : {};
    for await (const chunk of bindingFeatureChunks(
      engine,
      [moved],
      [0],
      kind,
      study.hypers,
      study.species,
      options,
    )) {
      const x = matrix64(
        shifts.length,
        fit.columns.length,
        selectColumns(chunk.x, chunk.labels.length, fit.columns),
      );
      predicted[kind] = predictRidgeModels([fit.model], x)[0];
      if (fit.committee) {
        const { mean, sigma } = predictCommittee(fit.committee.model, x);
        band = { mean, sigma };
      }
    }
  }
  return { predicted, ...(band ? { band } : {}) };
}
