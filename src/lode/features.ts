/**
 * The CPU feature engine (f64 reference): structures → ρ⊗ρ, ρ⊗V, V⊗V invariants and λ = 1 vectors, per centre or
 * summed per structure and central species (y(A) = Σ_a w_a·X_a(A), X_a = Σ_{i∈A, a_i = a} x_i).
 */
import { breathe } from '../util/event-loop.ts';
import { coefficientCount, expandStructure } from './expansion.ts';
import type { FarField } from './ewald.ts';
import { createFarFieldReuse } from './far-field-reuse.ts';
import { planFeatures, planResult, type FeatureArrays, type FeaturePlan } from './feature-plan.ts';
import {
  FIELDS_OF,
  isSymmetric,
  type FeatureEngine,
  type FeatureRequest,
  type FeatureResult,
  type FeatureTimings,
} from './feature-spec.ts';
import { accumulateVectors, writePowerSpectrum } from './products.ts';
import { SimdPowerSpectra, simdProductsEnabled } from './products-simd.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables, type RadialTable } from './radial-tables.ts';
import { writtenZeros } from './spare-buffers.ts';

export * from './feature-spec.ts';

/**
 * Share of a periodic structure's progress given to its Ewald far field, the rest to the expansion (the far field
 * took about three quarters of a 328-atom Li slab with water).
 */
const FAR_FIELD_SHARE = 0.75;

/**
 * Memory for the engine's output: `length` zeros for its invariants or vectors. The engine writes the invariant blocks
 * of the species a row has, leaves the others as they are, and adds the vectors' terms, so any zeroed memory of that
 * length will do: the engine pool's spare buffers, views of its shared result.
 */
export type OutputAllocator = (length: number, array: 'invariants' | 'vectors') => Float64Array;

/**
 * The CPU engine as a generator that yields after every structure, and within a periodic structure's far field, so
 * that callers choose how to run it: to the end (computeFeatures) or cooperatively with cancellation
 * (computeFeaturesInSlices, cpuEngine).
 */
function* featureSteps(
  request: FeatureRequest,
  plan: FeaturePlan,
  zeros: OutputAllocator = writtenZeros,
): Generator<void, FeatureArrays> {
  const { hypers, kinds, vectorKinds, layout, rowInfo } = plan;
  const timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };

  const onStage = request.onStageProgress;
  let t0 = performance.now();
  const fields = new Set<Field>([...kinds, ...vectorKinds].flatMap((k) => FIELDS_OF[k]));
  const all = radialTables(hypers, onStage && ((done, total) => onStage({ stage: 'tables', done, total })));
  const tables = new Map<Field, RadialTable>([...fields].map((f) => [f, all[f]]));
  const potential = tables.get('potential');
  timings.tablesMs = performance.now() - t0;
  const simd = simdProductsEnabled();

  const { structures } = request;
  const invariants = zeros(rowInfo.length * layout.invariantWidth, 'invariants');
  const vectors = zeros(rowInfo.length * layout.vectorWidth * 3, 'vectors');
  const perCentre = coefficientCount(hypers);
  const channels = layout.channelNames.length;
  const farFields = createFarFieldReuse();

  for (let s = 0; s < structures.length; s++) {
    const structure = structures[s];
    t0 = performance.now();
    const centres = plan.centres[s];
    const total = structures.length;
    const lattice = plan.lattices[s];
    let farField: FarField | null = null;
    if (lattice && potential) {
      const steps = farFields.steps({
        lattice,
        structure,
        channels: plan.channels[s],
        centres,
        hypers,
        nearRange: potential.rangeEnd,
        options: plan.ewald,
      });
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          farField = step.value;
          break;
        }
        onStage?.({ stage: 'structures', done: s + FAR_FIELD_SHARE * step.value, total });
        // The expansion's time is the engine's own: not the caller's while it holds the steps.
        timings.expansionMs += performance.now() - t0;
        yield;
        t0 = performance.now();
      }
    }
    // Within a structure, progress follows the far field, then the expansion; the structure counts as done after its
    // products.
    const expansionStart = farField ? FAR_FIELD_SHARE : 0;
    const onCentres =
      onStage &&
      ((done: number, count: number) => {
        const fraction = expansionStart + ((1 - expansionStart) * done) / count;
        if (done < count) onStage({ stage: 'structures', done: s + fraction, total });
      });
    const coeffs = expandStructure({
      structure,
      channels: plan.channels[s],
      centres,
      hypers,
      tables,
      onCentres,
      ...(lattice && { periodic: { lattice, farField } }),
      // Read by the products below, before the next structure's expansion.
      transient: true,
    });
    const t1 = performance.now();
    timings.expansionMs += t1 - t0;
    const spectra =
      simd && kinds.length > 0 && new SimdPowerSpectra(coeffs, centres.length, hypers.lMax, channels);
    for (const group of plan.groups[s]) {
      const r = plan.firstRow[s] + group.row;
      const bases = group.centres.map((c) => c * perCentre);
      for (const kind of kinds) {
        // The row's block, summed over all the group's centres in one call, which writes it scaled.
        const column = layout.invariantOffset(kind, group.block);
        const offset = r * layout.invariantWidth + column;
        const [f1, f2] = FIELDS_OF[kind];
        const symmetric = isSymmetric(kind);
        if (spectra) {
          spectra.write(f1, f2, group.centres, symmetric, invariants, offset);
          continue;
        }
        const [c1, c2] = [coeffs.get(f1)!, coeffs.get(f2)!];
        const scale = layout.invariantScale.subarray(column);
        writePowerSpectrum(c1, c2, bases, hypers.lMax, channels, symmetric, invariants, offset, scale);
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

  return { invariants, vectors, timings };
}

/** The CPU engine, synchronously (the CLI, benchmarks and tests call this directly). */
export function computeFeatures(request: FeatureRequest): FeatureResult {
  const plan = planFeatures(request);
  const steps = featureSteps(request, plan);
  for (;;) {
    const step = steps.next();
    if (step.done) return planResult(plan, step.value);
  }
}

/** Longest stretch of work between two looks at the event loop (and at request.signal). */
const SLICE_MS = 8;

/**
 * The CPU engine, cooperatively: between structures (and between stretches of a periodic structure's far field),
 * once `sliceMs` of work have passed, it gives the event loop a turn; it rejects with the signal's reason once
 * request.signal aborts. A longer slice loses less time to the turns (a task each) and answers the signal later.
 */
export async function computeFeaturesInSlices(
  request: FeatureRequest,
  sliceMs = SLICE_MS,
): Promise<FeatureResult> {
  const plan = planFeatures(request);
  return planResult(plan, await runInSlices(featureSteps(request, plan), request.signal, sliceMs));
}

/**
 * computeFeaturesInSlices without the columns' and rows' labels, for a caller that has them (the engine pool), its
 * arrays taken from `zeros`.
 */
export async function computeFeatureArraysInSlices(
  request: FeatureRequest,
  sliceMs: number,
  zeros: OutputAllocator,
): Promise<FeatureArrays> {
  return runInSlices(featureSteps(request, planFeatures(request), zeros), request.signal, sliceMs);
}

async function runInSlices<T>(
  steps: Generator<void, T>,
  signal: AbortSignal | undefined,
  sliceMs: number,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    signal?.throwIfAborted();
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
