/** The fits' Gram team on Node worker threads: sums equal to ml-matrix's, independent of timing, a silent helper. */
import { afterAll, describe, expect, it } from 'vitest';
import { accumulateGram, gramOfRows } from '../../src/learn/blas.ts';
import { fitRidge } from '../../src/learn/ridge.ts';
import { newTeamBuffers, SLOT_DOUBLES, tileCount } from '../../src/learn/team/gram-job.ts';
import { GramTeam, installGramTeam, installedGramTeam } from '../../src/learn/team/gram-team.ts';
import { randomMatrix, randomVector, relativeDifference, toMl } from '../../src/learn/testing/synthetic.ts';
import type { Matrix64 } from '../../src/learn/matrix.ts';
import { seededRandom } from '../../src/util/random.ts';
import { createNodeGramTeam } from './node-gram-team.ts';

afterAll(() => installGramTeam(null));

/** XᵀX by ml-matrix, an independent product. */
const naiveGram = (x: Matrix64) => Float64Array.from(toMl(x).transpose().mmul(toMl(x)).to1DArray());

const rowsOf = (x: Matrix64) => (r: number, z: Float64Array) =>
  z.set(x.data.subarray(r * x.cols, (r + 1) * x.cols));

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

  it('brings a sum larger than a slot back in pieces', () => {
    const x = randomMatrix(700, 1500, seededRandom(20 + threads));
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
});
