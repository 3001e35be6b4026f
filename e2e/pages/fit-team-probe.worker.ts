/** Sums the Gram matrix of seeded uniform random rows with the fits' team (see fit-team-page.ts). */
import { gramOfRows } from '../../src/learn/blas.ts';
import { installedGramTeam } from '../../src/learn/team/gram-team.ts';
import { seededRandom } from '../../src/util/random.ts';
import { fitThreads } from '../../workers/fit-team.ts';

export interface GramProbeResult {
  readonly threads: number;
  readonly split: boolean;
  readonly gram: number[];
}

self.onmessage = async (event: MessageEvent<{ rows: number; cols: number; seed: number }>) => {
  const { rows, cols, seed } = event.data;
  const { threads } = await fitThreads();
  const x = Float64Array.from({ length: rows * cols }, seededRandom(seed));
  const split = installedGramTeam()?.worthSplitting(cols, rows) ?? false;
  const gram = gramOfRows(cols, rows, (r, z) => z.set(x.subarray(r * cols, (r + 1) * cols)));
  self.postMessage({ threads, split, gram: Array.from(gram) } satisfies GramProbeResult);
};
