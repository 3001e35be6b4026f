/**
 * Periodic structures the GPU parity tests share (Node and Chromium): a small triclinic bulk cell and a small Li(100)
 * slab with a water above it, each as a FeatureRequest with per-atom rows, ρ⊗V, ρ⊗ρ and λ = 1.
 */
import { bcc100Slab, LI_BCC_A, water } from '../../chem/builders.ts';
import { makeStructure, type Cell } from '../../chem/structure.ts';
import type { FeatureRequest } from '../../lode/features.ts';

export const PERIODIC_CASE_NAMES = ['bulk', 'slab'] as const;
export type PeriodicCaseName = (typeof PERIODIC_CASE_NAMES)[number];

const kinds = ['rho-V', 'rho-rho'] as const;
const vectorKinds = ['rho-V'] as const;

/** NaCl-like, triclinic: images of every atom within r_c + 6σ, the reciprocal sum and the background all matter. */
export function bulkCase(): FeatureRequest {
  const cell: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
  const bulk = makeStructure(['Na', 'Cl', 'Na'], [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2], {
    cell,
    pbc: [true, true, true],
  });
  const hypers = { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 3, species: ['Na', 'Cl'] };
  return { structures: [bulk], hypers, kinds, vectorKinds, perAtom: true };
}

/**
 * Li(100), 2 × 2 × 3 layers, periodic in x and y, water 3 Å above a top site (as the cluster test's Li slab: over a
 * hollow site some density entries at the edge of the f32 band deviate by 1–5e−4 in the cluster path too, from the
 * f32 distances to near Li, not from a periodic term).
 */
export function slabCase(): FeatureRequest {
  const li = bcc100Slab('Li', { a: LI_BCC_A, size: 2, layers: 3 });
  const h2o = water([0, 0, LI_BCC_A + 3]);
  const period = 2 * LI_BCC_A;
  const slab = makeStructure([...li.species, ...h2o.species], [...li.positions, ...h2o.positions], {
    cell: [period, 0, 0, 0, period, 0, 0, 0, 30],
    pbc: [true, true, false],
  });
  const hypers = { cutoff: 4, sigma: 0.3, nMax: 4, lMax: 3, species: ['H', 'Li', 'O'] };
  return { structures: [slab], hypers, kinds, vectorKinds, perAtom: true };
}

export function periodicCase(name: PeriodicCaseName): FeatureRequest {
  return name === 'bulk' ? bulkCase() : slabCase();
}
