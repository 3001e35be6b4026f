/** The Chromium side of e2e/gpu-periodic.spec.ts: window.periodicFeatures computes a shared case on WebGPU. */
import { GpuFeatureEngine } from '../../src/gpu/gpu-engine.ts';
import { periodicCase, type PeriodicCaseName } from '../../src/gpu/testing/periodic-cases.ts';

interface GpuFeatures {
  readonly adapter: string;
  readonly invariants: number[];
  readonly vectors: number[];
}

declare global {
  interface Window {
    periodicFeatures(name: PeriodicCaseName): Promise<GpuFeatures>;
  }
}

window.periodicFeatures = async (name) => {
  const engine = await GpuFeatureEngine.create();
  try {
    const result = await engine.compute(periodicCase(name));
    return {
      adapter: engine.adapter,
      invariants: Array.from(result.invariants),
      vectors: Array.from(result.vectors),
    };
  } finally {
    engine.destroy();
  }
};
