/**
 * The CPU engine pool on Node worker threads: exact results, with rows written into shared memory by the workers and
 * with rows sent back and copied, cancellation and a worker that dies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExtXyz } from '../../src/chem/extxyz.ts';
import { EngineWorkerError } from '../../src/lode/engine-pool.ts';
import { computeFeatures, type FeatureRequest } from '../../src/lode/features.ts';
import { createNodeEnginePool } from './node-engine-pool.ts';

const dataset = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const frames = parseExtXyz(readFileSync(dataset, 'utf8')).slice(0, 64);
const request: FeatureRequest = {
  structures: frames,
  hypers: { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2, species: ['H', 'C', 'N', 'O'] },
  kinds: ['rho-rho', 'rho-V'],
  vectorKinds: ['rho-V'],
  perAtom: true,
  periodic: 'as-clusters',
};
const pools = { shared: createNodeEnginePool(2), copied: createNodeEnginePool(2, { sharedMemory: false }) };
afterAll(() => Object.values(pools).forEach((pool) => pool.close()));

const bits = (values: Float64Array) => new BigUint64Array(values.buffer, values.byteOffset, values.length);

function expectSameBits(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const [a, b] = [bits(actual), bits(expected)];
  expect(a.findIndex((x, i) => x !== b[i])).toBe(-1);
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe.each([['shared', true] as const, ['copied', false] as const])(
  'createNodeEnginePool, rows %s',
  (mode, shared) => {
    const pool = pools[mode];

    it('computes per-atom invariants and vectors on two threads, bit for bit those of one engine', async () => {
      expect(pool.sharesMemory).toBe(shared);
      const expected = computeFeatures(request);
      const result = await pool.compute(request);
      expectSameBits(result.invariants, expected.invariants);
      expectSameBits(result.vectors, expected.vectors);
      expect(result.rowInfo).toEqual(expected.rowInfo);
      expect(result.invariants.buffer instanceof SharedArrayBuffer).toBe(shared);
      expect(result.vectors.buffer instanceof SharedArrayBuffer).toBe(shared);
    });

    it('computes later requests in new memory or in the memory of earlier outputs, still bit for bit', async () => {
      const structureRows = { ...request, perAtom: false, structures: frames.slice(0, 20) };
      for (const next of [structureRows, request]) {
        const expected = computeFeatures(next);
        const result = await pool.compute(next);
        expectSameBits(result.invariants, expected.invariants);
        expectSameBits(result.vectors, expected.vectors);
      }
    });

    it('stops a cancelled request on every thread, and computes the next one while its parts stop', async () => {
      const controller = new AbortController();
      let started = false;
      const heavy = {
        ...request,
        structures: [...frames, ...frames, ...frames, ...frames],
        kinds: ['V-V'],
      } as const;
      const running = pool.compute({
        ...heavy,
        signal: controller.signal,
        onStageProgress: () => (started = true),
      });
      await until(() => started);
      controller.abort();
      await expect(running).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
      // Parts of the cancelled request may still be writing: never into the next request's memory.
      const small = { ...request, structures: frames.slice(0, 10) };
      expectSameBits((await pool.compute(small)).invariants, computeFeatures(small).invariants);
      await until(() => pool.busy === 0);
    });
  },
);

describe('createNodeEnginePool', () => {
  it('turns a worker that exits into one EngineWorkerError, and replaces it', async () => {
    const exiting = new URL('./testing/exiting-pool-worker.mjs', import.meta.url);
    const failing = createNodeEnginePool(2, { entry: exiting });
    try {
      const small = { ...request, structures: frames.slice(0, 6) };
      const error = await failing
        .compute({ ...small, hypers: { ...small.hypers, nMax: 1 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineWorkerError);
      expect((error as Error).message).toMatch(
        /^an engine worker failed on structures? [\d–]+: .*exited with code 3/,
      );
      await until(() => failing.busy === 0);
      expectSameBits((await failing.compute(small)).invariants, computeFeatures(small).invariants);
    } finally {
      failing.close();
    }
  });
});
