import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lithiumSlabWithWater, randomCluster } from '../chem/builders.ts';
import { parseExtXyz } from '../chem/extxyz.ts';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { computeFeatures } from '../lode/features.ts';
import { randomRotation, transformStructure } from '../lode/testing/geometry.ts';
import { seededRandom } from '../util/random.ts';
import { GpuFeatureEngine } from './gpu-engine.ts';
import { nodeGpu } from './testing/node-gpu.ts';
import { expectParity, maxDeviation } from './testing/parity.ts';

const dataset = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const frames = parseExtXyz(readFileSync(dataset, 'utf8'));
/** The file declares pbc="T T T" with a 30 Å box that only contains each dimer: its frames are clusters on purpose. */
const asClusters = { periodic: 'as-clusters' } as const;

let engine: GpuFeatureEngine;
beforeAll(async () => {
  engine = await GpuFeatureEngine.create(await nodeGpu());
});
afterAll(() => engine.destroy());

function randomMolecule(random: () => number, atoms: number): Structure {
  const species = ['H', 'C', 'N', 'O'];
  const positions: number[] = [];
  while (positions.length < 3 * atoms) {
    const p = [0, 0, 0].map(() => 8 * random());
    let ok = true;
    for (let j = 0; j < positions.length; j += 3) {
      if (Math.hypot(p[0] - positions[j], p[1] - positions[j + 1], p[2] - positions[j + 2]) < 0.9) ok = false;
    }
    if (ok) positions.push(...p);
  }
  return makeStructure(
    Array.from({ length: atoms }, () => species[Math.floor(random() * 4)]),
    positions,
  );
}

describe('WebGPU engine against the f64 CPU engine (PHYSICS §6.7)', () => {
  const hypers = { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'C', 'N', 'O'] };

  it('reports a WebGPU adapter', () => {
    expect(engine.backend).toBe('webgpu');
    expect(engine.adapter.length).toBeGreaterThan(0);
  });

  it('random molecules: all kinds, vectors, structure rows and per-atom rows', async () => {
    const random = seededRandom(3);
    const structures = Array.from({ length: 12 }, (_, i) => randomMolecule(random, 3 + 3 * i));
    const request = {
      structures,
      hypers,
      kinds: ['rho-rho', 'rho-V', 'V-V'],
      vectorKinds: ['rho-V'],
    } as const;
    await expectParity(engine, request);
    await expectParity(engine, { ...request, perAtom: true });
  });

  it('charge-charge.xyz frames, at the benchmark hypers and with chosen centres', async () => {
    const structures = frames.slice(0, 40);
    await expectParity(engine, {
      structures,
      hypers: { ...hypers, nMax: 8, lMax: 4 },
      kinds: ['rho-V', 'rho-rho'],
      ...asClusters,
    });
    await expectParity(engine, {
      structures,
      ...asClusters,
      hypers: { ...hypers, includeCenter: false },
      kinds: ['rho-V'],
      centres: { mode: 'species', species: ['N', 'O'] },
    });
  });

  it('a Li(100) slab with water as a finite cluster (far-field multipole tail)', async () => {
    await expectParity(engine, {
      structures: [lithiumSlabWithWater()],
      hypers: { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'Li', 'O'] },
      kinds: ['rho-V', 'rho-rho'],
      vectorKinds: ['rho-V'],
      perAtom: true,
    });
  });

  it('streams in chunks that respect the byte budget, with identical results', async () => {
    const structures = frames.slice(0, 30);
    const request = { structures, hypers, kinds: ['rho-V'], ...asClusters } as const;
    const whole = await engine.compute(request);
    const rowBytes = whole.invariantLabels.length * 4;
    const seen: number[] = [];
    const summary = await engine.stream(
      request,
      (chunk) => {
        expect(chunk.invariants.byteLength).toBeLessThanOrEqual(7 * rowBytes);
        expect(Array.from(chunk.invariants)).toEqual(
          Array.from(
            whole.invariants.subarray(
              chunk.firstRow * chunk.invariantWidth,
              (chunk.firstRow + chunk.rows) * chunk.invariantWidth,
            ),
          ).map(Math.fround),
        );
        seen.push(chunk.rows);
      },
      { maxChunkBytes: 7 * rowBytes },
    );
    expect(summary.chunks).toBe(5);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('hands out views of the read-back memory, detached once the consumer is done', async () => {
    const request = { structures: frames.slice(0, 4), hypers, kinds: ['rho-V'], ...asClusters } as const;
    const kept: Float32Array[] = [];
    await engine.stream(request, (chunk) => {
      expect(chunk.invariants.length).toBeGreaterThan(0);
      kept.push(chunk.invariants);
    });
    expect(kept.map((values) => values.length)).toEqual([0]);
    // A slow asynchronous consumer still reads the values it was given.
    const sums: number[] = [];
    await engine.stream(request, async (chunk) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sums.push(chunk.invariants.reduce((a, b) => a + Math.abs(b), 0));
    });
    expect(sums[0]).toBeGreaterThan(0);
  });

  it('keeps the invariances on the GPU (rotated structures give the same features)', async () => {
    const random = seededRandom(9);
    const structures = frames.slice(60, 64);
    const rotated = structures.map((s) => transformStructure(s, randomRotation(random)));
    const request = { structures, hypers, kinds: ['rho-V', 'V-V'], ...asClusters } as const;
    const a = await engine.compute(request);
    const b = await engine.compute({ ...request, structures: rotated });
    expect(maxDeviation(a.invariants, b.invariants)).toBeLessThan(1e-4);
  });

  it('large random cluster: many chunks of atoms per centre', async () => {
    const cluster = randomCluster({
      atoms: 300,
      species: ['H', 'C', 'O'],
      density: 0.1,
      minDistance: 0.8,
      seed: 4,
    });
    await expectParity(engine, {
      structures: [cluster],
      hypers: { ...hypers, species: ['H', 'C', 'O'] },
      kinds: ['rho-V'],
    });
  });
});

describe('periodic structures', () => {
  const water = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);
  const cell = [10, 0, 0, 0, 10, 0, 0, 0, 10] as const;
  const boxed = makeStructure(water.species, water.positions, { cell, pbc: [true, true, false] });
  const request = {
    structures: [water, boxed],
    hypers: { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 1, species: ['H', 'O'] },
    kinds: ['rho-V'],
  } as const;

  it("are featurised as clusters with periodic: 'as-clusters'", async () => {
    const result = await engine.compute({ ...request, periodic: 'as-clusters' });
    const width = result.invariantLabels.length;
    expect(result.rows).toBe(2);
    expect(result.invariants.subarray(width)).toEqual(result.invariants.subarray(0, width));
    expect(result.invariants.some((x) => x !== 0)).toBe(true);
  });
});

describe('concurrent requests', () => {
  it('calls in flight at the same time share the device safely and each gets its own results', async () => {
    const hypers = { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'C', 'N', 'O'] };
    const small = { structures: frames.slice(0, 2), hypers, kinds: ['rho-V'], ...asClusters } as const;
    const large = {
      structures: frames.slice(2, 40),
      hypers: { ...hypers, nMax: 6 },
      kinds: ['rho-V', 'rho-rho'],
      ...asClusters,
    } as const;
    // The small call first: the large one then needs bigger buffers while the small one still reads its own.
    const [b, a] = await Promise.all([engine.compute(small), engine.compute(large)]);
    expect(maxDeviation(computeFeatures(large).invariants, a.invariants)).toBeLessThan(1e-4);
    expect(maxDeviation(computeFeatures(small).invariants, b.invariants)).toBeLessThan(1e-4);
  });
});
