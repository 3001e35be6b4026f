/**
 * The engine pool's splitting, joining, progress, cancellation and failures, with its workers in this thread (part
 * engines behind a PartWorker); scripts/lib/node-engine-pool.test.ts runs it on worker threads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { randomCluster } from '../chem/builders.ts';
import { parseExtXyz } from '../chem/extxyz.ts';
import { makeStructure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';
import { canShareMemory, EnginePool, EngineWorkerError, type PartWorker } from './engine-pool.ts';
import { planFeatures } from './feature-plan.ts';
import {
  computeFeatures,
  type FeatureProgress,
  type FeatureRequest,
  type FeatureResult,
} from './features.ts';
import { createPartEngine } from './part-engine.ts';
import { splitRequest, type PartRequest } from './request-parts.ts';
import { firstDifference } from './testing/bits.ts';

const dataset = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const frames = parseExtXyz(readFileSync(dataset, 'utf8')).slice(0, 24);
const hypers = { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2, species: ['H', 'C', 'N', 'O'] };
const base: FeatureRequest = {
  structures: frames,
  hypers,
  kinds: ['rho-rho', 'rho-V'],
  periodic: 'as-clusters',
};
const cluster = randomCluster({ atoms: 60, species: ['H', 'O'], density: 0.1, minDistance: 0.8, seed: 7 });
const clusterHypers = { ...hypers, species: ['H', 'O'] };

/**
 * In-process workers: part engines on this thread, counted, optionally failing on a chosen call (of compute, or of
 * buildTables). As a worker thread does, they send back only timings for rows written into the result.
 */
function inThreadWorkers(
  failOn?: (request: PartRequest, call: number) => boolean,
  failSlice?: (call: number) => boolean,
) {
  const stats = { spawned: 0, calls: 0, spares: 0, placed: 0, slices: 0, tablesGiven: 0 };
  const spawn = (): PartWorker => {
    stats.spawned++;
    const engine = createPartEngine();
    return {
      compute: async (request, onProgress, memory, tables) => {
        const call = stats.calls++;
        if ('spares' in memory) stats.spares += memory.spares.length;
        else stats.placed++;
        if (tables) stats.tablesGiven++;
        if (failOn?.(request, call)) throw new RangeError('injected failure');
        // A task of its own, as in a worker thread: the pool hands out its other parts first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const output = await engine.compute(request, onProgress, memory, tables);
        return 'into' in memory ? { timings: output.timings } : output;
      },
      buildTables: async (hypers, range, onProgress) => {
        // A task of its own, as in a worker thread: the pool hands out other work meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const call = stats.slices++;
        if (failSlice?.(call)) throw new RangeError('injected table failure');
        return engine.buildTables(hypers, range, onProgress);
      },
      cancel: () => engine.cancel(),
      terminate: () => engine.cancel(),
    };
  };
  return { spawn, stats };
}

function expectSameBits(actual: FeatureResult, expected: FeatureResult): void {
  expect(actual.rows).toBe(expected.rows);
  expect(actual.rowInfo).toEqual(expected.rowInfo);
  expect(actual.invariantLabels).toEqual(expected.invariantLabels);
  expect(actual.vectorLabels).toEqual(expected.vectorLabels);
  expect(actual.invariants.length).toBe(expected.invariants.length);
  expect(actual.vectors.length).toBe(expected.vectors.length);
  expect(firstDifference(actual.invariants, expected.invariants)).toBe(-1);
  expect(firstDifference(actual.vectors, expected.vectors)).toBe(-1);
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('splitRequest', () => {
  it('covers every structure and row once, in order, splitting only per-atom rows of large structures', () => {
    const structures = [frames[0], cluster, frames[1], frames[2]];
    for (const perAtom of [false, true]) {
      const plan = planFeatures({
        ...base,
        structures,
        hypers: { ...hypers, species: ['H', 'C', 'N', 'O'] },
        perAtom,
      });
      const parts = splitRequest(plan, structures, 8);
      let structure = 0;
      let row = 0;
      for (const part of parts) {
        expect(part.firstRow).toBe(row);
        row += part.rows;
        if (part.centres && part.centres.to < plan.centres[part.first].length) continue;
        expect(part.first).toBe(structure);
        structure += part.count;
      }
      expect(structure).toBe(structures.length);
      expect(row).toBe(plan.rowInfo.length);
      expect(parts.some((part) => part.centres)).toBe(perAtom);
    }
  });
});

describe('EnginePool', () => {
  it.each([
    ['structure rows', {}],
    ['per-atom rows', { perAtom: true }],
    ['centres of some species', { centres: { mode: 'species', species: ['N', 'O'] } }],
    ['λ = 1 vectors per atom', { kinds: [], vectorKinds: ['rho-V', 'V-V'], perAtom: true }],
    [
      'explicit centres',
      { centres: { mode: 'indices', indices: frames.map((_, s) => (s % 3 ? [s % 2] : [])) } },
    ],
  ] as const)(
    'equals one engine bit for bit: %s, for pools of 1 to 5 workers, rows shared or copied',
    async (_, extra) => {
      const request: FeatureRequest = { ...base, vectorKinds: ['rho-V'], ...extra };
      const expected = computeFeatures(request);
      for (const size of [1, 2, 5]) {
        for (const sharedMemory of [true, false]) {
          const { spawn, stats } = inThreadWorkers();
          const pool = new EnginePool(size, spawn, { sharedMemory });
          const result = await pool.compute(request);
          expectSameBits(result, expected);
          expect(result.invariants.buffer instanceof SharedArrayBuffer).toBe(sharedMemory);
          expect(stats.placed).toBe(sharedMemory ? stats.calls : 0);
        }
      }
    },
  );

  it('shares memory by default where this thread can (always in Node; in a browser when cross-origin isolated)', () => {
    expect(new EnginePool(2, inThreadWorkers().spawn).sharesMemory).toBe(true);
    vi.stubGlobal('crossOriginIsolated', false);
    try {
      expect(canShareMemory()).toBe(false);
      expect(new EnginePool(2, inThreadWorkers().spawn).sharesMemory).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('writes each request into new shared memory, never into an earlier result', async () => {
    const pool = new EnginePool(2, inThreadWorkers().spawn);
    const first = await pool.compute(base);
    const copy = Float64Array.from(first.invariants);
    const second = await pool.compute(base);
    expect(second.invariants.buffer).not.toBe(first.invariants.buffer);
    expect(firstDifference(first.invariants, copy)).toBe(-1);
    expectSameBits(second, computeFeatures(base));
  });

  it('hands the memory of joined outputs to later parts, whose rows still equal one engine bit for bit', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn, { sharedMemory: false });
    const perAtom: FeatureRequest = { ...base, vectorKinds: ['rho-V'], perAtom: true };
    const fewer: FeatureRequest = { ...base, structures: frames.slice(0, 9) };
    for (const request of [perAtom, fewer, perAtom])
      expectSameBits(await pool.compute(request), computeFeatures(request));
    expect(stats.spares).toBeGreaterThan(0);
  });

  it.each([
    ['of some species', { mode: 'species', species: ['O'] }],
    [
      'given by index',
      { mode: 'indices', indices: [[5, 0, 59, 12, 33, 34, 35, 2, 40, 41, 7, 8, 9, 10, 11], [1]] },
    ],
  ] as const)(
    'splits the per-atom rows of a large structure by centres (%s), bit for bit',
    async (_, centres) => {
      const request: FeatureRequest = {
        structures: [cluster, frames[3]],
        hypers: { ...clusterHypers, species: ['H', 'C', 'N', 'O'] },
        kinds: ['rho-V'],
        vectorKinds: ['rho-rho'],
        perAtom: true,
        centres,
        periodic: 'as-clusters',
      };
      const { spawn, stats } = inThreadWorkers();
      const pool = new EnginePool(2, spawn);
      expectSameBits(await pool.compute(request), computeFeatures(request));
      expect(stats.calls).toBeGreaterThan(3); // the cluster's centres went out in several parts
    },
  );

  it('computes per-atom rows of a periodic structure, bit for bit, however its centres are shared out', async () => {
    // A cubic box around the random cluster: its Ewald far field is summed once per part.
    const box = makeStructure(cluster.species, cluster.positions, {
      cell: [12, 0, 0, 0, 12, 0, 0, 0, 12],
      pbc: [true, true, true],
    });
    const request: FeatureRequest = {
      structures: [box, frames[3]],
      hypers: { ...clusterHypers, species: ['H', 'C', 'N', 'O'] },
      kinds: ['rho-V'],
      vectorKinds: ['rho-V'],
      perAtom: true,
    };
    const expected = computeFeatures(request);
    for (const size of [2, 3]) {
      const pool = new EnginePool(size, inThreadWorkers().spawn);
      expectSameBits(await pool.compute(request), expected);
    }
  });

  it('computes a molecule moving over a fixed periodic cell, bit for bit, however the structures are shared out', async () => {
    // One engine keeps the far field of the atoms that stay put from one structure to the next.
    const cell = [9, 0, 0, 0, 9, 0, 0, 0, 9] as const;
    const curve = [0, 0.4, 0.8, 1.2, 1.6, 2].map((shift) => {
      const positions = Float64Array.from(cluster.positions.subarray(0, 3 * 40));
      for (let i = 0; i < 3; i++) positions[3 * i + 2] += shift;
      return makeStructure(cluster.species.slice(0, 40), positions, { cell, pbc: [true, true, true] });
    });
    const request: FeatureRequest = {
      structures: curve,
      hypers: { ...clusterHypers, species: ['H', 'C', 'O'] },
      kinds: ['rho-V'],
    };
    const expected = computeFeatures(request);
    for (const size of [2, 3]) {
      const pool = new EnginePool(size, inThreadWorkers().spawn);
      expectSameBits(await pool.compute(request), expected);
    }
    // The cell's atoms are centres that stay put: the curve is one chain, in one part.
    expect(splitRequest(planFeatures(request), curve, 8)).toHaveLength(1);
    // With the molecule's atoms as the only centres, no far field depends on the one before: the curve is shared out.
    const moving: FeatureRequest = {
      ...request,
      centres: { mode: 'indices', indices: curve.map(() => [0, 1, 2]) },
    };
    expect(splitRequest(planFeatures(moving), curve, 8).length).toBeGreaterThan(1);
    const alone = computeFeatures(moving);
    for (const size of [2, 3])
      expectSameBits(await new EnginePool(size, inThreadWorkers().spawn).compute(moving), alone);
  });

  it("computes with the request's Ewald options", async () => {
    const box = makeStructure(cluster.species, cluster.positions, {
      cell: [12, 0, 0, 0, 12, 0, 0, 0, 12],
      pbc: [true, true, true],
    });
    const request: FeatureRequest = {
      structures: [box, box],
      hypers: clusterHypers,
      kinds: ['rho-V'],
      centres: { mode: 'indices', indices: [[0, 1], [2]] },
      ewald: { accuracy: 1e-6, eta: 4 },
    };
    const expected = computeFeatures(request);
    // The options matter: the engine's own choices give other bits.
    expect(
      firstDifference(computeFeatures({ ...request, ewald: {} }).invariants, expected.invariants),
    ).not.toBe(-1);
    expectSameBits(await new EnginePool(2, inThreadWorkers().spawn).compute(request), expected);
  });

  it('reports progress as one engine does: monotone, whole structures counted once, ending at the total', async () => {
    const stages: FeatureProgress[] = [];
    const whole: number[] = [];
    const pool = new EnginePool(3, inThreadWorkers().spawn);
    await pool.compute({
      ...base,
      structures: [cluster, ...frames],
      hypers: { ...hypers, species: ['H', 'C', 'N', 'O'] },
      perAtom: true,
      onStageProgress: (p) => stages.push(p),
      onProgress: (done, total) => {
        expect(total).toBe(frames.length + 1);
        whole.push(done);
      },
    });
    const structures = stages.filter((p) => p.stage === 'structures');
    expect(structures.length).toBeGreaterThan(1);
    for (let i = 1; i < structures.length; i++)
      expect(structures[i].done).toBeGreaterThan(structures[i - 1].done);
    expect(structures.at(-1)).toEqual({
      stage: 'structures',
      done: frames.length + 1,
      total: frames.length + 1,
    });
    expect(stages.slice(stages.indexOf(structures[0])).every((p) => p.stage === 'structures')).toBe(true);
    for (let i = 1; i < whole.length; i++) expect(whole[i]).toBeGreaterThan(whole[i - 1]);
    expect(whole.at(-1)).toBe(frames.length + 1);
  });

  it('rejects bad input as one engine does, before any part is sent', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn);
    const overlapping = makeStructure(['H', 'H'], [0, 0, 0, 0, 0, 0]);
    const request = { ...base, structures: [...frames.slice(0, 3), overlapping] };
    await expect(pool.compute(request)).rejects.toThrow(StructureInputError);
    await expect(pool.compute(request)).rejects.toThrow('structure 3: atoms 0 and 1 sit on the same point');
    expect(stats.calls).toBe(0);
  });

  it.each([true, false])(
    'stops every part of a cancelled request, and computes the next one (shared: %s)',
    async (sharedMemory) => {
      const pool = new EnginePool(2, inThreadWorkers().spawn, { sharedMemory });
      const controller = new AbortController();
      // Long enough (≈ 0.2 s) to be caught with both workers on its parts.
      const big = {
        ...base,
        structures: Array.from({ length: 10 }, () => frames).flat(),
        hypers: { ...hypers, nMax: 6, lMax: 4 },
        perAtom: true,
      };
      // Cancelled as its first structure's progress arrives (were it polled for, the parts might end first).
      let busyWhenCancelled = -1;
      const running = pool.compute({
        ...big,
        signal: controller.signal,
        onStageProgress: (p) => {
          if (p.stage !== 'structures' || controller.signal.aborted) return;
          busyWhenCancelled = pool.busy;
          controller.abort();
        },
      });
      await expect(running).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
      expect(busyWhenCancelled).toBe(2);
      await until(() => pool.busy === 0);
      expectSameBits(await pool.compute(base), computeFeatures(base));
    },
  );

  it('builds the tables of new hyper-parameters once, shared out, and gives each worker them once', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn);
    const stages: FeatureProgress[] = [];
    const first = await pool.compute({ ...base, onStageProgress: (p) => stages.push(p) });
    expectSameBits(first, computeFeatures(base));
    expect(stats).toMatchObject({ slices: 2, tablesGiven: 2 });
    // The tables stage: the two slices' work added up, monotone, to its total, before any structure.
    const tables = stages.slice(
      0,
      stages.findIndex((p) => p.stage === 'structures'),
    );
    expect(tables.length).toBeGreaterThan(1);
    expect(tables.every((p) => p.stage === 'tables' && p.total === tables[0].total)).toBe(true);
    for (let i = 1; i < tables.length; i++) expect(tables[i].done).toBeGreaterThan(tables[i - 1].done);
    expect(tables.at(-1)!.done).toBe(tables[0].total);

    const again = await pool.compute(base);
    expectSameBits(again, first);
    expect(stats).toMatchObject({ slices: 2, tablesGiven: 2 });

    const other = { ...base, hypers: { ...hypers, nMax: 4 } };
    expectSameBits(await pool.compute(other), computeFeatures(other));
    expect(stats).toMatchObject({ slices: 4, tablesGiven: 4 });

    pool.forgetTables();
    expectSameBits(await pool.compute(base), first);
    expect(stats).toMatchObject({ slices: 6, tablesGiven: 6 });
  });

  it('keeps the tables of the 8 hyper-parameter sets used last', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn);
    const request = (nMax: number) => ({
      ...base,
      structures: frames.slice(0, 2),
      hypers: { ...hypers, nMax },
    });
    for (let nMax = 1; nMax <= 8; nMax++) await pool.compute(request(nMax));
    await pool.compute(request(1));
    expect(stats.slices).toBe(16);
    await pool.compute(request(9));
    await pool.compute(request(1));
    expect(stats.slices).toBe(18);
    expectSameBits(await pool.compute(request(2)), computeFeatures(request(2)));
    expect(stats.slices).toBe(20);
  });

  it('waits for tables being built by an earlier request instead of building them again', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn);
    const [a, b] = await Promise.all([pool.compute(base), pool.compute(base)]);
    expectSameBits(a, computeFeatures(base));
    expectSameBits(b, a);
    expect(stats.slices).toBe(2);
  });

  it('stops a request cancelled while its tables are built; the tables still serve the next one', async () => {
    const { spawn, stats } = inThreadWorkers();
    const pool = new EnginePool(2, spawn);
    const controller = new AbortController();
    const running = pool.compute({ ...base, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
    await until(() => pool.busy === 0);
    expect(stats.calls).toBe(0);
    expectSameBits(await pool.compute(base), computeFeatures(base));
    expect(stats.slices).toBe(2);
  });

  it('turns a worker that fails building tables into one EngineWorkerError, and builds them anew next time', async () => {
    const { spawn, stats } = inThreadWorkers(undefined, (call) => call === 1);
    const pool = new EnginePool(2, spawn);
    const failure = await pool.compute(base).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineWorkerError);
    expect((failure as Error).message).toBe(
      'an engine worker failed building radial tables: injected table failure',
    );
    expect(stats.calls).toBe(0);
    await until(() => pool.busy === 0);
    expectSameBits(await pool.compute(base), computeFeatures(base));
    expect(stats).toMatchObject({ spawned: 3, slices: 4 });
  });

  it('turns a worker that throws into one EngineWorkerError, replaces that worker and computes the next request', async () => {
    const { spawn, stats } = inThreadWorkers((_, call) => call === 1);
    const pool = new EnginePool(2, spawn);
    const failure = await pool.compute(base).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineWorkerError);
    expect((failure as Error).message).toMatch(
      /^an engine worker failed on structures? [\d–]+: injected failure$/,
    );
    expect((failure as Error).cause).toBeInstanceOf(RangeError);
    await until(() => pool.busy === 0);
    expectSameBits(await pool.compute(base), computeFeatures(base));
    expect(stats.spawned).toBe(3);
  });

  it('fails a request whose rows a worker neither sent nor wrote into shared memory', async () => {
    const engine = createPartEngine();
    const timingsOnly: PartWorker = {
      compute: async (request, onProgress) => ({
        timings: (await engine.compute(request, onProgress)).timings,
      }),
      buildTables: async (...args) => engine.buildTables(...args),
      cancel: () => engine.cancel(),
      terminate: () => engine.cancel(),
    };
    const pool = new EnginePool(1, () => timingsOnly, { sharedMemory: false });
    await expect(pool.compute(base)).rejects.toThrow(
      /^an engine worker failed on structures [\d–]+: part 0 \(structures 0…\d+\) sent no rows$/,
    );
  });

  it('answers a request without structures as one engine does, without starting a worker', async () => {
    const { spawn, stats } = inThreadWorkers();
    const request = { ...base, structures: [] };
    expectSameBits(await new EnginePool(2, spawn).compute(request), computeFeatures(request));
    expect(stats.spawned).toBe(0);
  });

  it('refuses work once closed', async () => {
    const pool = new EnginePool(1, inThreadWorkers().spawn);
    pool.close();
    await expect(pool.compute(base)).rejects.toThrow('the engine pool is closed');
  });
});
