/** The fits' Gram team on Node worker threads: sums equal to ml-matrix's, independent of timing, a silent helper. */
import { afterAll, describe, expect, it } from 'vitest';
import { accumulateGram, gramOfRows } from '../../src/learn/blas.ts';
import { cvRidge } from '../../src/learn/cv.ts';
import { fullSymmetric, usingShiftedFactor } from '../../src/learn/linalg.ts';
import { fitRidge } from '../../src/learn/ridge.ts';
import { usingShiftedFactors } from '../../src/learn/shifted-factors.ts';
import { newTeamBuffers, SLOT_DOUBLES, tileCount } from '../../src/learn/team/gram-job.ts';
import { GramTeam, installGramTeam, installedGramTeam } from '../../src/learn/team/gram-team.ts';
import { randomMatrix, randomVector, relativeDifference, toMl } from '../../src/learn/testing/synthetic.ts';
import { linearKernel } from '../../src/learn/kernel-matrices.ts';
import type { Matrix64 } from '../../src/learn/matrix.ts';
import { PANEL_DEPTH } from '../../src/learn/wasm/kernels.ts';
import { seededRandom } from '../../src/util/random.ts';
import { createNodeGramTeam } from './node-gram-team.ts';

afterAll(() => installGramTeam(null));

/** XᵀX by ml-matrix, an independent product. */
const naiveGram = (x: Matrix64) => Float64Array.from(toMl(x).transpose().mmul(toMl(x)).to1DArray());

const rowsOf = (x: Matrix64) => (r: number, z: Float64Array) =>
  z.set(x.data.subarray(r * x.cols, (r + 1) * x.cols));

/**
 * The rows each thread of a team of `threads` sums, panel by panel in order: panel p (PANEL_DEPTH rows) goes to
 * thread p mod threads, but that the caller's (thread 0's) last turn goes to helper 1 + (turn mod (threads − 1)).
 */
function rowsOfThreads(rows: number, threads: number): number[][] {
  const panels = Math.ceil(rows / PANEL_DEPTH);
  const lastTurn = panels - 1 - ((panels - 1) % threads);
  const owned = Array.from({ length: threads }, (): number[] => []);
  for (let p = 0; p < panels; p++) {
    const thread = p === lastTurn && p > 0 ? 1 + ((p / threads) % (threads - 1)) : p % threads;
    for (let r = p * PANEL_DEPTH; r < Math.min(rows, (p + 1) * PANEL_DEPTH); r++) owned[thread].push(r);
  }
  return owned;
}

describe.each([2, 3])('a Gram team of %i threads', (threads) => {
  // Row counts that leave a partial last panel, widths that leave partial 4 × 4 blocks.
  const x = randomMatrix(1500, 203, seededRandom(threads));
  const wide = randomMatrix(900, 318, seededRandom(10 + threads));

  it('sums the Gram matrix as ml-matrix does, the same bits on every call', async () => {
    installGramTeam(await createNodeGramTeam(threads));
    expect(installedGramTeam()?.worthSplitting(x.cols, x.rows)).toBe(true);
    const gram = gramOfRows(x.cols, x.rows, rowsOf(x));
    expect(relativeDifference(gram, naiveGram(x))).toBeLessThan(1e-13);
    // A wider matrix next (the shared buffers grow), then the first again.
    expect(relativeDifference(gramOfRows(wide.cols, wide.rows, rowsOf(wide)), naiveGram(wide))).toBeLessThan(
      1e-13,
    );
    expect(gramOfRows(x.cols, x.rows, rowsOf(x))).toEqual(gram);
  });

  it("adds its threads' sums in thread order, each of its panels in order: bits that timing cannot change", () => {
    expect(installedGramTeam()?.threads).toBe(threads);
    const split = gramOfRows(x.cols, x.rows, rowsOf(x));
    const team = installedGramTeam();
    installGramTeam(null);
    const sums = rowsOfThreads(x.rows, threads).map((rows) =>
      gramOfRows(x.cols, rows.length, (t, z) => rowsOf(x)(rows[t], z)),
    );
    installGramTeam(team);
    expect(split).toEqual(sums.reduce((sum, next) => sum.map((v, i) => v + next[i])));
  });

  it('brings a sum larger than a slot back in pieces', () => {
    const x = randomMatrix(300, 2100, seededRandom(20 + threads));
    expect(tileCount(x.cols)).toBeGreaterThan(SLOT_DOUBLES);
    const split = gramOfRows(x.cols, x.rows, rowsOf(x));
    const team = installedGramTeam();
    installGramTeam(null);
    const alone = gramOfRows(x.cols, x.rows, rowsOf(x));
    installGramTeam(team);
    expect(relativeDifference(split, alone)).toBeLessThan(1e-13);
  });

  it('subtracts from a Gram matrix given', () => {
    const start = naiveGram(wide);
    const gram = Float64Array.from(start);
    accumulateGram(gram, wide.cols, wide.rows, rowsOf(wide), -1);
    expect(Math.max(...gram.map(Math.abs))).toBeLessThan(1e-12 * Math.max(...start.map(Math.abs)));
  });

  it('fits a ridge model as one thread does, to round-off', () => {
    const random = seededRandom(7);
    const data = { x: randomMatrix(2000, 150, random), y: randomVector(2000, random) };
    expect(installedGramTeam()?.worthSplitting(data.x.cols + 1, data.x.rows)).toBe(true);
    const split = fitRidge(data, { alpha: 1e-3 });
    installGramTeam(null);
    const alone = fitRidge(data, { alpha: 1e-3 });
    expect(relativeDifference(split.weights, alone.weights)).toBeLessThan(1e-10);
  });
});

/** A symmetric PSD matrix of order n and rank n − 40 (singular without a shift). */
function deficientKernel(n: number, seed: number): Float64Array {
  return linearKernel(randomMatrix(n, n - 40, seededRandom(seed))).data;
}

/** Each shift's solver and solution, as usingShiftedFactor gives them one after the other on this thread. */
function solvedAlone(a: Float64Array, n: number, shifts: readonly number[], b: Float64Array) {
  return shifts.map((shift) =>
    usingShiftedFactor(fullSymmetric(a, n), shift, 'M', (f) => [f.solver, f.solve(b)] as const),
  );
}

describe.each([2, 3])('factorisations on a team of %i threads', (threads) => {
  it('solve each shifted matrix with the bits of one thread, the eigen fallback included', async () => {
    installGramTeam(await createNodeGramTeam(threads));
    const n = 700;
    expect(installedGramTeam()?.worthFactoring(n)).toBe(true);
    const a = deficientKernel(n, threads);
    const b = randomVector(n, seededRandom(30));
    // 0: singular, solved by the eigen pseudo-inverse; the others by Cholesky, more shifts than threads.
    const shifts = [1e-3, 0, 1e-2, 1e-1, 1, 10, 100];
    const split = usingShiftedFactors(
      fullSymmetric(a, n),
      shifts,
      'M',
      (f) => [f.solver, f.solve(b)] as const,
    );
    expect(split.map(([solver]) => solver)).toEqual(shifts.map((s) => (s > 0 ? 'cholesky' : 'eigen')));
    expect(split).toEqual(solvedAlone(a, n, shifts, b));
    // And the solutions solve (A + shift·I)x = b, by ml-matrix's product.
    for (const [k, shift] of shifts.entries()) {
      if (shift === 0) continue;
      const x = toMl({ rows: n, cols: 1, data: split[k][1] });
      const residual = toMl({ rows: n, cols: n, data: a }).mmul(x).add(x.clone().mul(shift)).to1DArray();
      expect(relativeDifference(residual, b)).toBeLessThan(1e-8);
    }
  });

  it('choose the same α and model by cross-validation as one thread (dual fits)', () => {
    const random = seededRandom(40);
    const data = { x: randomMatrix(900, 1500, random), y: randomVector(900, random) };
    const alphas = [1e-2, 1e-1, 1, 10, 100, 1e3];
    const split = cvRidge(data, { alphas, folds: 3 });
    const team = installedGramTeam();
    installGramTeam(null);
    const alone = cvRidge(data, { alphas, folds: 3 });
    installGramTeam(team);
    expect(split.model.form).toBe('dual');
    expect(split.scores).toEqual(alone.scores);
    expect(split.model.weights).toEqual(alone.model.weights);
  });
});

describe('a helper that never answers', () => {
  it('is dismissed after its patience runs out; the sum is made on one thread, and those after it', () => {
    let terminated = false;
    const silent = { buffers: newTeamBuffers(), terminate: () => void (terminated = true) };
    installGramTeam(new GramTeam([silent], 200));
    const x = randomMatrix(1000, 250, seededRandom(3));
    expect(relativeDifference(gramOfRows(x.cols, x.rows, rowsOf(x)), naiveGram(x))).toBeLessThan(1e-13);
    expect(terminated).toBe(true);
    expect(installedGramTeam()).toBeNull();
  });

  it('is dismissed while factorising; every shift is solved on one thread', () => {
    let terminated = false;
    const silent = { buffers: newTeamBuffers(), terminate: () => void (terminated = true) };
    installGramTeam(new GramTeam([silent], 200));
    const n = 600;
    const a = deficientKernel(n, 5);
    const b = randomVector(n, seededRandom(6));
    const shifts = [1, 10, 100];
    expect(
      usingShiftedFactors(fullSymmetric(a, n), shifts, 'M', (f) => [f.solver, f.solve(b)] as const),
    ).toEqual(solvedAlone(a, n, shifts, b));
    expect(terminated).toBe(true);
    expect(installedGramTeam()).toBeNull();
  });
});
