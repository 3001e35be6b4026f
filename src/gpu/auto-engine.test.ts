import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { computeFeatures } from '../lode/features.ts';
import {
  AutoEngine,
  ENGINE_POLICIES,
  isEnginePolicy,
  parseEnginePolicy,
  type EnginePolicy,
} from './auto-engine.ts';
import { nodeGpu } from './testing/node-gpu.ts';
import { maxDeviation } from './testing/parity.ts';

const water = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
const request = {
  structures: [water],
  hypers: { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2, species: ['H', 'O'] },
  kinds: ['rho-V'],
} as const;

describe('engine selection and fallback', () => {
  it("uses WebGPU under 'webgpu' even on a software adapter (SwiftShader), and reports it", async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'webgpu');
    await engine.compute(request);
    expect(engine.status).toMatchObject({ backend: 'webgpu', fallbackReason: null });
    expect(engine.status.adapter).toMatch(/\w/);
    engine.destroy();
  });

  it('falls back to the CPU with a reason when WebGPU is missing, with identical results', async () => {
    const engine = await AutoEngine.create(undefined);
    expect(engine.status).toMatchObject({
      backend: 'cpu',
      fallbackReason: expect.stringMatching(/not available/),
    });
    const result = await engine.compute(request);
    expect(result.invariants).toEqual(computeFeatures(request).invariants);
  });

  it('falls back for hypers too large for workgroup memory, and keeps WebGPU for the next request', async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'webgpu');
    const large = { ...request, hypers: { ...request.hypers, nMax: 16, lMax: 10 } };
    await engine.compute(large);
    expect(engine.status).toMatchObject({
      backend: 'cpu',
      fallbackReason: expect.stringMatching(/workgroup memory/),
    });
    await engine.compute(request);
    expect(engine.status.backend).toBe('webgpu');
    engine.destroy();
  });

  it('switches to the CPU, saying so, after the device is lost', async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'webgpu');
    await engine.compute(request);
    // Destroying the device is the one portable way to lose it on purpose.
    (engine as unknown as { gpu: { destroy(): void } }).gpu.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await engine.compute(request);
    expect(engine.status).toMatchObject({ backend: 'cpu', fallbackReason: expect.stringMatching(/lost/) });
    expect(result.invariants).toEqual(computeFeatures(request).invariants);
  });

  it('passes input errors through instead of falling back', async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'webgpu');
    await expect(engine.compute({ ...request, hypers: { ...request.hypers, sigma: -1 } })).rejects.toThrow(
      /sigma/,
    );
    expect(engine.status.backend).toBe('webgpu');
    const noCell = makeStructure(water.species, water.positions, { pbc: [true, true, true] });
    await expect(engine.compute({ ...request, structures: [noCell] })).rejects.toThrow(
      /^structure 0: periodic \(a pbc flag is T\) but has no cell/,
    );
    expect(engine.status).toMatchObject({ backend: 'webgpu', fallbackReason: null });
    engine.destroy();
  });

  it('computes periodic requests on WebGPU like any other', async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'webgpu');
    const cell = [6, 0, 0, 0, 6, 0, 0, 0, 20] as const;
    const slab = makeStructure(water.species, water.positions, { cell, pbc: [true, true, false] });
    const periodic = { ...request, structures: [water, slab] };
    const result = await engine.compute(periodic);
    expect(engine.status).toMatchObject({ backend: 'webgpu', fallbackReason: null });
    expect(maxDeviation(computeFeatures(periodic).invariants, result.invariants)).toBeLessThan(1e-4);
    engine.destroy();
  });

  it('cancels through AbortSignal on both engines', async () => {
    for (const gpu of [await nodeGpu(), undefined]) {
      const engine = await AutoEngine.create(gpu, 'webgpu');
      const controller = new AbortController();
      controller.abort();
      await expect(engine.compute({ ...request, signal: controller.signal })).rejects.toThrow(/abort/i);
      engine.destroy();
    }
  });
});

/** A GPU object whose one adapter has the given info; requestDevice only records that it was called. */
function fakeGpu(info: Partial<GPUAdapterInfo>) {
  const calls = { requestDevice: 0 };
  const adapter = {
    info: { vendor: '', architecture: '', device: '', description: '', ...info },
    limits: {
      maxComputeWorkgroupStorageSize: 32768,
      maxStorageBufferBindingSize: 1 << 27,
      maxBufferSize: 1 << 28,
      maxStorageBuffersPerShaderStage: 8,
    },
    requestDevice: async () => {
      calls.requestDevice++;
      throw new Error('no device in this fake');
    },
  };
  const gpu = { requestAdapter: async () => adapter } as unknown as GPU;
  return { gpu, calls };
}

const swiftShaderInfo = {
  isFallbackAdapter: true,
  vendor: 'google',
  architecture: 'swiftshader',
  description: '',
};

describe('engine policy', () => {
  it("'auto' declines a software adapter without creating a device, and says so", async () => {
    const { gpu, calls } = fakeGpu(swiftShaderInfo);
    const engine = await AutoEngine.create(gpu, 'auto');
    expect(engine.status).toEqual({
      backend: 'cpu',
      adapter: 'google swiftshader',
      fallbackReason: 'software GPU adapter only',
      chosen: true,
    });
    expect(calls.requestDevice).toBe(0);
    const result = await engine.compute(request);
    expect(result.invariants).toEqual(computeFeatures(request).invariants);
    expect(engine.status.backend).toBe('cpu');
  });

  it("'auto' is the default, and a software adapter named in the info counts even when not flagged", async () => {
    const { gpu, calls } = fakeGpu({
      isFallbackAdapter: false,
      vendor: 'mesa',
      description: 'llvmpipe (LLVM 15.0.6, 256 bits)',
    });
    const engine = await AutoEngine.create(gpu);
    expect(engine.status).toMatchObject({ backend: 'cpu', fallbackReason: 'software GPU adapter only' });
    expect(calls.requestDevice).toBe(0);
  });

  it("'auto' asks a hardware adapter for a device (and reports a failure to start with the adapter)", async () => {
    const { gpu, calls } = fakeGpu({ isFallbackAdapter: false, vendor: 'nvidia', architecture: 'ampere' });
    const engine = await AutoEngine.create(gpu, 'auto');
    expect(calls.requestDevice).toBe(1);
    expect(engine.status).toEqual({
      backend: 'cpu',
      adapter: 'nvidia ampere',
      fallbackReason: 'WebGPU failed to start: Error: no device in this fake',
      chosen: false,
    });
  });

  it("'webgpu' asks even a software adapter for a device", async () => {
    const { gpu, calls } = fakeGpu(swiftShaderInfo);
    const engine = await AutoEngine.create(gpu, 'webgpu');
    expect(calls.requestDevice).toBe(1);
    expect(engine.status.fallbackReason).toMatch(/failed to start/);
  });

  it("'cpu' (or a null GPU) never touches the adapter", async () => {
    const { gpu, calls } = fakeGpu({ isFallbackAdapter: false, vendor: 'nvidia' });
    for (const engine of [await AutoEngine.create(gpu, 'cpu'), await AutoEngine.create(null)]) {
      expect(engine.status).toEqual({
        backend: 'cpu',
        adapter: null,
        fallbackReason: 'the CPU engine was requested',
        chosen: true,
      });
    }
    expect(calls.requestDevice).toBe(0);
  });

  it("'auto' declines the real SwiftShader adapter of these tests", async () => {
    const engine = await AutoEngine.create(await nodeGpu(), 'auto');
    expect(engine.status).toMatchObject({ backend: 'cpu', fallbackReason: 'software GPU adapter only' });
    expect(engine.status.adapter).toMatch(/swiftshader/i);
  });

  it('validates policies', async () => {
    for (const policy of ENGINE_POLICIES) expect(parseEnginePolicy(policy)).toBe(policy);
    for (const bad of ['gpu', 'Auto', '', undefined, null, 1]) {
      expect(isEnginePolicy(bad)).toBe(false);
      expect(() => parseEnginePolicy(bad)).toThrow(
        /unknown engine policy .*expected one of auto, webgpu, cpu/,
      );
    }
    await expect(AutoEngine.create(undefined, 'gpu' as EnginePolicy)).rejects.toThrow(RangeError);
  });
});
