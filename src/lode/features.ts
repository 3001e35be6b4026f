/**
 * The CPU feature engine (f64 reference): structures → ρ⊗ρ, ρ⊗V, V⊗V invariants and λ = 1 vectors, per centre or
 * summed per structure and central species (y(A) = Σ_a w_a·X_a(A), X_a = Σ_{i∈A, a_i = a} x_i).
 */
import { breathe } from '../util/event-loop.ts';
import { coefficientCount, expandStructure } from './expansion.ts';
import { farFieldOf } from './ewald.ts';
import { planFeatures, planResult } from './feature-plan.ts';
import {
  FIELDS_OF,
  isSymmetric,
  type FeatureEngine,
  type FeatureRequest,
  type FeatureResult,
  type FeatureTimings,
} from './feature-spec.ts';
import { accumulatePowerSpectrum, accumulateVectors } from './products.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables, type RadialTable } from './radial-tables.ts';

export * from './feature-spec.ts';

/**
 * The CPU engine as a generator that yields after every structure, so that callers choose how to run it: to the end
 * (computeFeatures) or cooperatively with cancellation (computeFeaturesInSlices, cpuEngine).
 */
function* featureSteps(request: FeatureRequest): Generator<void, FeatureResult> {
  const plan = planFeatures(request);
  const { hypers, kinds, vectorKinds, layout, rowInfo } = plan;
  const timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };

  const onStage = request.onStageProgress;
  let t0 = performance.now();
  const fields = new Set<Field>([...kinds, ...vectorKinds].flatMap((k) => FIELDS_OF[k]));
  const all = radialTables(hypers, onStage && ((done, total) => onStage({ stage: 'tables', done, total })));
  const tables = new Map<Field, RadialTable>([...fields].map((f) => [f, all[f]]));
  const potential = tables.get('potential');
  timings.tablesMs = performance.now() - t0;

  const { structures } = request;
  const invariants = new Float64Array(rowInfo.length * layout.invariantWidth);
  const vectors = new Float64Array(rowInfo.length * layout.vectorWidth * 3);
  const perCentre = coefficientCount(hypers);
  const channels = layout.channelNames.length;

  for (let s = 0; s < structures.length; s++) {
    const structure = structures[s];
    t0 = performance.now();
    const centres = plan.centres[s];
    const total = structures.length;
    // Within a structure, progress follows the expansion; the structure counts as done after its products.
    const onCentres =
      onStage &&
      ((done: number, count: number) => {
        if (done < count) onStage({ stage: 'structures', done: s + done / count, total });
      });
    const lattice = plan.lattices[s];
    const coeffs = expandStructure({
      structure,
      channels: plan.channels[s],
      centres,
      hypers,
      tables,
      onCentres,
      ...(lattice && {
        periodic: {
          lattice,
          farField: potential
            ? farFieldOf({
                lattice,
                structure,
                channels: plan.channels[s],
                centres,
                hypers,
                nearRange: potential.rangeEnd,
                options: plan.ewald,
              })
            : null,
        },
      }),
    });
    const t1 = performance.now();
    timings.expansionMs += t1 - t0;
    for (const group of plan.groups[s]) {
      const r = plan.firstRow[s] + group.row;
      const bases = group.centres.map((c) => c * perCentre);
      for (const kind of kinds) {
        const [c1, c2] = FIELDS_OF[kind].map((f) => coeffs.get(f)!);
        const offset = r * layout.invariantWidth + layout.invariantOffset(kind, group.block);
        accumulatePowerSpectrum(c1, c2, bases, hypers.lMax, channels, isSymmetric(kind), invariants, offset);
      }
      for (const kind of vectorKinds) {
        const [c1, c2] = FIELDS_OF[kind].map((f) => coeffs.get(f)!);
        const offset = r * layout.vectorWidth + layout.vectorOffset(kind, group.block);
        for (const base of bases) accumulateVectors(c1, c2, base, hypers.lMax, channels, vectors, offset);
      }
    }
    timings.productsMs += performance.now() - t1;
    request.onProgress?.(s + 1, structures.length);
    onStage?.({ stage: 'structures', done: s + 1, total: structures.length });
    yield;
  }

  const width = layout.invariantWidth;
  for (let i = 0; i < invariants.length; i++) invariants[i] *= layout.invariantScale[i % width];

  return planResult(plan, invariants, vectors, timings);
}

/** The CPU engine, synchronously (the CLI, benchmarks and tests call this directly). */
export function computeFeatures(request: FeatureRequest): FeatureResult {
  const steps = featureSteps(request);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Longest stretch of work between two looks at the event loop (and at request.signal). */
const SLICE_MS = 8;

/**
 * The CPU engine, cooperatively: between structures, once `sliceMs` of work have passed, it gives the event loop a
 * turn; it rejects with the signal's reason once request.signal aborts. A longer slice loses less time to the turns
 * (a task each) and answers the signal later.
 */
export async function computeFeaturesInSlices(
  request: FeatureRequest,
  sliceMs = SLICE_MS,
): Promise<FeatureResult> {
  const steps = featureSteps(request);
  let sliceStart = performance.now();
  for (;;) {
    request.signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await breathe();
      sliceStart = performance.now();
    }
  }
}

export const cpuEngine: FeatureEngine = {
  backend: 'cpu',
  compute: (request) => computeFeaturesInSlices(request),
};
