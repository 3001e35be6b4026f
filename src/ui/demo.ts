/** The structure and settings the start page featurises: water and CO2, 8 Å apart. */
import { makeStructure } from '../chem/structure.ts';
import type { EngineRequest } from '../../workers/protocol.ts';

export const demoRequest: EngineRequest = {
  structures: [
    makeStructure(
      ['O', 'H', 'H', 'C', 'O', 'O'],
      [0, 0, -0.066, 0.757, 0, 0.52, -0.757, 0, 0.52, 0, 0, 8, 0, 1.16, 8, 0, -1.16, 8],
    ),
  ],
  hypers: { cutoff: 3, sigma: 0.3, nMax: 6, lMax: 4, species: ['H', 'C', 'O'] },
  kinds: ['rho-V'],
};

/** Summary shown on the page (and checked by the end-to-end test against the engine in Node). */
export function featureNorm(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum);
}
