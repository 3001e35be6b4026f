/** The request of e2e/engine-pool.spec.ts, built alike in the page and in Node: small clusters and one large enough to be split by centres. */
import { randomCluster } from '../../src/chem/builders.ts';
import type { FeatureRequest } from '../../src/lode/features.ts';

const species = ['H', 'C', 'O'];

export function poolRequest(): FeatureRequest {
  const small = Array.from({ length: 24 }, (_, seed) =>
    randomCluster({ atoms: 8, species, density: 0.08, minDistance: 0.9, seed }),
  );
  const large = randomCluster({ atoms: 150, species, density: 0.08, minDistance: 0.9, seed: 99 });
  return {
    structures: [...small, large],
    hypers: { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2, species },
    kinds: ['rho-V', 'rho-rho'],
    vectorKinds: ['rho-V'],
    perAtom: true,
  };
}
