/** Bonds for display: atom pairs closer than 1.15 × the sum of their covalent radii. */
import { elementBySymbol } from './elements.ts';
import type { Structure } from './structure.ts';

const BOND_TOLERANCE = 1.15;

export function bondPairs(structure: Structure): [number, number][] {
  const { species, positions: p } = structure;
  const radii = species.map((s) => elementBySymbol(s)?.covalentRadius ?? 0.75);
  const pairs: [number, number][] = [];
  for (let i = 0; i < species.length; i++) {
    for (let j = i + 1; j < species.length; j++) {
      const d = Math.hypot(p[3 * j] - p[3 * i], p[3 * j + 1] - p[3 * i + 1], p[3 * j + 2] - p[3 * i + 2]);
      if (d < BOND_TOLERANCE * (radii[i] + radii[j])) pairs.push([i, j]);
    }
  }
  return pairs;
}
