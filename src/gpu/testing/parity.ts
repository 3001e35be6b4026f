/** Comparing the f32 WebGPU engine's features with the f64 CPU engine's (PHYSICS §6.7), for the GPU tests. */
import { expect } from 'vitest';
import {
  computeFeatures,
  type FeatureEngine,
  type FeatureRequest,
  type FeatureResult,
} from '../../lode/features.ts';
import { invariantDeviations, vectorDeviations } from './deviations.ts';

/** The worst relative deviation of the entries above 1e−5 of the largest, expecting those down to 1e−6 within 1e−2. */
export function maxDeviation(reference: Float64Array, test: Float64Array): number {
  const { strict, floor } = invariantDeviations(reference, test);
  expect(floor).toBeLessThan(1e-2);
  return strict;
}

function vectorDeviation(reference: Float64Array, test: Float64Array): number {
  const { strict, floor } = vectorDeviations(reference, test);
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
