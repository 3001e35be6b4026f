/**
 * Sums the Gram matrix G of seeded uniform random rows with the fits' team (see fit-team-page.ts), then solves
 * (G + s·I)x = 1 for each shift s asked, the factorisations handed out to the team as a ridge α grid's are (one
 * large one split across the team).
 */
import { gramOfRows } from '../../src/learn/blas.ts';
import { fullSymmetric } from '../../src/learn/linalg.ts';
import { usingShiftedFactors } from '../../src/learn/shifted-factors.ts';
import { installedGramTeam } from '../../src/learn/team/gram-team.ts';
import { seededRandom } from '../../src/util/random.ts';
import { fitThreads } from '../../workers/fit-team.ts';

export interface GramProbeRequest {
  readonly rows: number;
  readonly cols: number;
  readonly seed: number;
  readonly shifts: readonly number[];
  /** Whether to send G back (large for many columns). */
  readonly withGram: boolean;
}

export interface GramProbeResult {
  readonly threads: number;
  readonly split: boolean;
  /** G, when asked for. */
  readonly gram: number[];
  /** Whether the team takes factorisations of G for several shifts. */
  readonly factored: boolean;
  /** Whether a single factorisation of G is split across the team. */
  readonly splitFactor: boolean;
  /** One solution per shift. */
  readonly solutions: number[][];
}

self.onmessage = async (event: MessageEvent<GramProbeRequest>) => {
  const { rows, cols, seed, shifts, withGram } = event.data;
  const { threads } = await fitThreads();
  const x = Float64Array.from({ length: rows * cols }, seededRandom(seed));
  const team = installedGramTeam();
  const split = team?.worthSplitting(cols, rows) ?? false;
  const gram = gramOfRows(cols, rows, (r, z) => z.set(x.subarray(r * cols, (r + 1) * cols)));
  const factored = team?.worthFactoring(cols) ?? false;
  const splitFactor = team?.worthSplittingFactor(cols) ?? false;
  const ones = new Float64Array(cols).fill(1);
  const solutions = usingShiftedFactors(fullSymmetric(gram, cols), shifts, 'G + sI', (factor) =>
    Array.from(factor.solve(ones)),
  );
  self.postMessage({
    threads,
    split,
    gram: withGram ? Array.from(gram) : [],
    factored,
    splitFactor,
    solutions,
  } satisfies GramProbeResult);
};
