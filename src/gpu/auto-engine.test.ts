import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { PeriodicStructureError } from '../lode/errors.ts';
import { computeFeatures } from '../lode/features.ts';
import { AutoEngine } from './auto-engine.ts';
import { nodeGpu } from './testing/node-gpu.ts';

const water = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
const request = {
  structures: [water],
  hypers: { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2, species: ['H', 'O'] },
  kinds: ['rho-V'],
} as const;

describe('engine selection and fallback', () => {
  it('uses WebGPU when an adapter exists, and reports it', async () => {
    const engine = await AutoEngine.create(await nodeGpu());
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
    const engine = await AutoEngine.create(await nodeGpu());
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
    const engine = await AutoEngine.create(await nodeGpu());
    await engine.compute(request);
    // Destroying the device is the one portable way to lose it on purpose.
    (engine as unknown as { gpu: { destroy(): void } }).gpu.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await engine.compute(request);
    expect(engine.status).toMatchObject({ backend: 'cpu', fallbackReason: expect.stringMatching(/lost/) });
    expect(result.invariants).toEqual(computeFeatures(request).invariants);
  });

  it('passes input errors through instead of falling back', async () => {
    const engine = await AutoEngine.create(await nodeGpu());
    await expect(engine.compute({ ...request, hypers: { ...request.hypers, sigma: -1 } })).rejects.toThrow(
      /sigma/,
    );
    expect(engine.status.backend).toBe('webgpu');
    const periodic = makeStructure(water.species, water.positions, { pbc: [true, true, true] });
    await expect(engine.compute({ ...request, structures: [periodic] })).rejects.toBeInstanceOf(
      PeriodicStructureError,
    );
    expect(engine.status).toMatchObject({ backend: 'webgpu', fallbackReason: null });
    engine.destroy();
  });

  it('cancels through AbortSignal on both engines', async () => {
    for (const gpu of [await nodeGpu(), undefined]) {
      const engine = await AutoEngine.create(gpu);
      const controller = new AbortController();
      controller.abort();
      await expect(engine.compute({ ...request, signal: controller.signal })).rejects.toThrow(/abort/i);
      engine.destroy();
    }
  });
});
