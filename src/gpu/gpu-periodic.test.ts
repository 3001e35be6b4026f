/** The WebGPU engine on periodic structures (bulk and slab) against the f64 CPU engine (PHYSICS §5, §6.7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { GpuFeatureEngine } from './gpu-engine.ts';
import { nodeGpu } from './testing/node-gpu.ts';
import { expectParity } from './testing/parity.ts';
import { bulkCase, slabCase } from './testing/periodic-cases.ts';

let engine: GpuFeatureEngine;
beforeAll(async () => {
  engine = await GpuFeatureEngine.create(await nodeGpu());
});
afterAll(() => engine.destroy());

describe('bulk: a small triclinic cell (images of every atom within r_c + 6σ, reciprocal sum, background)', () => {
  const request = bulkCase();

  it('per-atom and per-structure rows, ρ⊗V, ρ⊗ρ, V⊗V and λ = 1', async () => {
    await expectParity(engine, request);
    await expectParity(engine, { ...request, kinds: ['V-V'] });
    await expectParity(engine, { ...request, perAtom: false });
  });

  it('differs from the same atoms as a cluster (the periodic terms are applied)', async () => {
    const periodic = await engine.compute(request);
    const cluster = await engine.compute({ ...request, periodic: 'as-clusters' });
    const scale = cluster.invariants.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const change = periodic.invariants.reduce(
      (m, v, i) => Math.max(m, Math.abs(v - cluster.invariants[i])),
      0,
    );
    expect(change / scale).toBeGreaterThan(1e-2);
  });
});

describe('slab: Li(100) with a water above it (pbc T T F, the exact 2D far field)', () => {
  const request = slabCase();

  it('per-atom and per-structure rows, ρ⊗V, ρ⊗ρ and λ = 1', async () => {
    await expectParity(engine, request);
    await expectParity(engine, { ...request, perAtom: false });
  });

  it('with the water as the only centres, among clusters in the same chunk', async () => {
    const slab = request.structures[0];
    const atoms = slab.species.length;
    const lone = makeStructure(slab.species.slice(atoms - 3), slab.positions.slice(3 * (atoms - 3)));
    await expectParity(engine, {
      ...request,
      structures: [lone, slab, lone],
      perAtom: false,
      centres: { mode: 'species', species: ['O', 'H'] },
    });
  });
});

describe('several periodic structures in one chunk, and across chunks', () => {
  const bulk = bulkCase();
  const slab = slabCase();
  const request = {
    structures: [slab.structures[0], bulk.structures[0], slab.structures[0]],
    hypers: { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 2, species: ['H', 'Li', 'O', 'Na', 'Cl'] },
    kinds: ['rho-V'],
    vectorKinds: ['rho-V'],
  } as const;

  it('each structure reads its own waves, phases and images', async () => {
    await expectParity(engine, request);
  });

  it('streamed one structure per chunk: the same features', async () => {
    const whole = await engine.compute(request);
    const rowBytes = whole.invariantLabels.length * 4 + whole.vectorLabels.length * 12;
    const summary = await engine.stream(
      request,
      (chunk) => {
        const start = chunk.firstRow * chunk.invariantWidth;
        expect(Array.from(chunk.invariants)).toEqual(
          Array.from(whole.invariants.subarray(start, start + chunk.invariants.length)),
        );
      },
      { maxChunkBytes: rowBytes },
    );
    expect(summary.chunks).toBe(3);
  });
});
