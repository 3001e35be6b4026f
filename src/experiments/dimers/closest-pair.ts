/** The closest atoms of a dimer's two monomers: what decides whether a cutoff sphere reaches the partner. */
import type { Structure } from '../../chem/structure.ts';

export interface ClosestPair {
  /** Atom of monomer A (fragment 0) and of monomer B (fragment 1). */
  readonly a: number;
  readonly b: number;
  /** Their distance (Å). */
  readonly distance: number;
}

export function closestPair(dimer: Structure): ClosestPair {
  const p = dimer.positions;
  const fragment = dimer.arrays.fragment!.values;
  let best: ClosestPair = { a: -1, b: -1, distance: Infinity };
  for (let a = 0; a < fragment.length; a++) {
    if (fragment[a] !== 0) continue;
    for (let b = 0; b < fragment.length; b++) {
      if (fragment[b] !== 1) continue;
      const distance = Math.hypot(
        p[3 * a]! - p[3 * b]!,
        p[3 * a + 1]! - p[3 * b + 1]!,
        p[3 * a + 2]! - p[3 * b + 2]!,
      );
      if (distance < best.distance) best = { a, b, distance };
    }
  }
  return best;
}
