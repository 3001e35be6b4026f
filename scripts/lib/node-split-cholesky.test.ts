/**
 * One Cholesky factorisation split by rows across a Gram team of Node worker threads: the factor of one thread, bit
 * for bit, whatever the order; a failed pivot stops every thread; a helper that stops answering is dismissed.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { linearKernel } from '../../src/learn/kernel-matrices.ts';
import { choleskyOnHeap, fullSymmetric, type HeapCholesky } from '../../src/learn/linalg.ts';
import { usingShiftedFactors } from '../../src/learn/shifted-factors.ts';
import { TO_CALLER, TO_HELPER, type TeamBuffers } from '../../src/learn/team/gram-job.ts';
import { GramTeam, installGramTeam, installedGramTeam } from '../../src/learn/team/gram-team.ts';
import { choleskyOnTeam } from '../../src/learn/team/split-cholesky.ts';
import { randomMatrix, randomVector, relativeDifference, toMl } from '../../src/learn/testing/synthetic.ts';
import { seededRandom } from '../../src/util/random.ts';
import { createNodeGramTeam, startNodeGramHelper } from './node-gram-team.ts';

afterAll(() => installGramTeam(null));

/** Orders from this one on are split here: small enough for quick tests, two block columns and more. */
const MIN_ORDER = 300;

/** A team of `threads` threads splitting factorisations of order MIN_ORDER and more. */
async function team(threads: number, patienceMs?: number): Promise<GramTeam> {
  const helpers = await Promise.all(Array.from({ length: threads - 1 }, startNodeGramHelper));
  return new GramTeam(helpers, patienceMs, MIN_ORDER);
}

it('splits orders from 1536 on by default (below, one thread is faster here)', async () => {
  const defaults = await createNodeGramTeam(2);
  expect([1535, 1536].map((n) => defaults.worthSplittingFactor(n))).toEqual([false, true]);
  defaults.terminate();
});

/** A symmetric positive definite matrix of order n: the kernel X·Xᵀ of n random rows of n + 30 columns. */
const definite = (n: number, seed: number) => linearKernel(randomMatrix(n, n + 30, seededRandom(seed))).data;

/** The factor's lower triangle (a copy) and outcome, from `factorise` on this thread or on the installed team. */
function factorWith(factorise: HeapCholesky, a: Float64Array, n: number, shift: number) {
  const { l, result } = factorise(n, shift, fullSymmetric(a, n).lowerRow);
  const lower = new Float64Array((n * (n + 1)) / 2);
  for (let i = 0; i < n; i++) lower.set(l.subarray(i * n, i * n + i + 1), (i * (i + 1)) / 2);
  return { lower, result };
}

/** Whether two factorisations gave the same outcome and the same factor, bit for bit. */
const same = (x: ReturnType<typeof factorWith>, y: ReturnType<typeof factorWith>) =>
  JSON.stringify(x.result) === JSON.stringify(y.result) &&
  Buffer.from(x.lower.buffer).equals(Buffer.from(y.lower.buffer));

/** Solver and solution of (A + shift·I)x = b for one shift, as a fit makes them. */
const solved = (a: Float64Array, n: number, shift: number, b: Float64Array) =>
  usingShiftedFactors(
    fullSymmetric(a, n),
    [shift],
    'M',
    (f) => [f.solver, f.solve(b), f.warnings] as const,
  )[0];

describe.each([2, 3])('a factorisation split across %i threads', (threads) => {
  // 512: whole chunks and block columns; 576: a partial last block column; 707: a partial chunk and 4-row block.
  const orders = [512, 576, 707];

  it('gives the factor of one thread, bit for bit, for orders that are and are not multiples of its blocks', async () => {
    const split = await team(threads);
    installGramTeam(split);
    for (const n of orders) {
      expect(split.worthSplittingFactor(n)).toBe(true);
      const a = definite(n, n);
      expect(same(factorWith(choleskyOnTeam, a, n, 0.5), factorWith(choleskyOnHeap, a, n, 0.5))).toBe(true);
      expect(installedGramTeam()).toBe(split);
    }
  });

  it('solves (A + shift·I)x = b as ml-matrix multiplies it back', () => {
    const n = orders[2];
    const a = definite(n, 3);
    const b = randomVector(n, seededRandom(4));
    const [solver, x] = solved(a, n, 1e-3, b);
    expect(solver).toBe('cholesky');
    const xMl = toMl({ rows: n, cols: 1, data: x });
    const product = toMl({ rows: n, cols: n, data: a }).mmul(xMl).add(xMl.clone().mul(1e-3)).to1DArray();
    expect(relativeDifference(product, b)).toBeLessThan(1e-8);
  });

  it('stops at the first negative pivot, in a middle or the last block column, and serves the next one', () => {
    const n = orders[2];
    for (const k of [300, 705]) {
      const a = definite(n, k);
      a[k * n + k] = -1;
      const split = factorWith(choleskyOnTeam, a, n, 0);
      expect(split.result).toEqual({ ok: false, failedAt: k, conditionEstimate: Infinity });
      expect(split.result).toEqual(factorWith(choleskyOnHeap, a, n, 0).result);
    }
    const a = definite(n, 5);
    expect(same(factorWith(choleskyOnTeam, a, n, 0), factorWith(choleskyOnHeap, a, n, 0))).toBe(true);
  });
});

describe('a fit whose matrix is not positive definite', () => {
  it('is solved by the eigen fallback, from the pivot where the split factorisation stopped', async () => {
    installGramTeam(await team(2));
    const n = 600;
    const a = definite(n, 6);
    a[400 * n + 400] = -1;
    const b = randomVector(n, seededRandom(7));
    const split = solved(a, n, 0, b);
    expect(split[0]).toBe('eigen');
    expect(split[2][0]).toContain('not positive definite (pivot 400)');
  });
});

/**
 * A thread that waits until the helper has sent `messages` messages of a split factorisation, then puts the
 * caller's count of messages far out of its reach: the helper waits for ever from then on, silent.
 */
async function silenceAfter(buffers: TeamBuffers, messages: number): Promise<Worker> {
  const watcher = new Worker(
    `const { parentPort, workerData: { control, messages, toCaller, toHelper } } = require('node:worker_threads');
    const words = new Int32Array(control);
    parentPort.postMessage('watching');
    for (let now; (now = Atomics.load(words, toCaller)) < messages; ) Atomics.wait(words, toCaller, now);
    Atomics.sub(words, toHelper, 1 << 20);`,
    {
      eval: true,
      workerData: { control: buffers.control, messages, toCaller: TO_CALLER, toHelper: TO_HELPER },
    },
  );
  await new Promise((resolve) => watcher.once('message', resolve));
  return watcher;
}

describe('a helper that stops answering in the middle of a factorisation', () => {
  it('is dismissed after its patience runs out; the factor is made on one thread', async () => {
    const helper = await startNodeGramHelper();
    let terminated = false;
    const silenced = new GramTeam(
      [{ buffers: helper.buffers, terminate: () => ((terminated = true), helper.terminate()) }],
      300,
      MIN_ORDER,
    );
    // Its rows acknowledged, the diagonal block's rows and the panel's sent: silent before the trailing update.
    const watcher = await silenceAfter(helper.buffers, 3);
    installGramTeam(silenced);
    const n = 707;
    const a = definite(n, 8);
    const split = factorWith(choleskyOnTeam, a, n, 0);
    expect(terminated).toBe(true);
    expect(installedGramTeam()).toBeNull();
    expect(same(split, factorWith(choleskyOnHeap, a, n, 0))).toBe(true);
    await watcher.terminate();
  });
});
