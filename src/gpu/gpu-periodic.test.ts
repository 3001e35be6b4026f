/** The WebGPU engine on periodic structures (bulk and slab) against the f64 CPU engine (PHYSICS §5, §6.7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bcc100Slab, LI_BCC_A, water } from '../chem/builders.ts';
import { makeStructure, type Cell } from '../chem/structure.ts';
import { GpuFeatureEngine } from './gpu-engine.ts';
import { nodeGpu } from './testing/node-gpu.ts';
import { expectParity } from './testing/parity.ts';

let engine: GpuFeatureEngine;
beforeAll(async () => {
  engine = await GpuFeatureEngine.create(await nodeGpu());
});
afterAll(() => engine.destroy());

const kinds = ['rho-V', 'rho-rho'] as const;
const vectorKinds = ['rho-V'] as const;

describe('bulk: a small triclinic cell (images of every atom within r_c + 6σ, reciprocal sum, background)', () => {
  const triclinic: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
  const bulk = makeStructure(['Na', 'Cl', 'Na'], [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2], {
    cell: triclinic,
    pbc: [true, true, true],
  });
  const hypers = { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 3, species: ['Na', 'Cl'] };

  it('per-atom and per-structure rows, ρ⊗V, ρ⊗ρ, V⊗V and λ = 1', async () => {
    const request = { structures: [bulk], hypers, kinds: [...kinds, 'V-V'], vectorKinds } as const;
    await expectParity(engine, { ...request, perAtom: true });
    await expectParity(engine, request);
  });

  it('differs from the same atoms as a cluster (the periodic terms are applied)', async () => {
    const request = { structures: [bulk], hypers, kinds: ['rho-V'], perAtom: true } as const;
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
  // Water over a top site, as the cluster test's Li slab: over a hollow site some density entries at the edge of the
  // f32 band deviate by 1–5e−4 in the cluster path too (the f32 distance of near Li, not a periodic term).
  const li = bcc100Slab('Li', { a: LI_BCC_A, size: 2, layers: 3 });
  const h2o = water([0, 0, LI_BCC_A + 3]);
  const period = 2 * LI_BCC_A;
  const slab = makeStructure([...li.species, ...h2o.species], [...li.positions, ...h2o.positions], {
    cell: [period, 0, 0, 0, period, 0, 0, 0, 30],
    pbc: [true, true, false],
  });
  const hypers = { cutoff: 4, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'Li', 'O'] };

  it('per-atom and per-structure rows, ρ⊗V, ρ⊗ρ and λ = 1', async () => {
    const request = { structures: [slab], hypers, kinds, vectorKinds } as const;
    await expectParity(engine, { ...request, perAtom: true });
    await expectParity(engine, request);
  });

  it('with the water as the only centres, among clusters in the same chunk', async () => {
    const lone = makeStructure(h2o.species, h2o.positions);
    await expectParity(engine, {
      structures: [lone, slab, lone],
      hypers,
      kinds,
      vectorKinds,
      centres: { mode: 'species', species: ['O', 'H'] },
    });
  });
});
