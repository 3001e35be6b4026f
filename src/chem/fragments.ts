/**
 * Molecules of a structure by connectivity: atoms closer than tolerance·(R_a + R_b), with R the single-bond
 * covalent radii, are bonded; the connected components are the molecules. Used to build the isolated monomers
 * of a dimer for the binding features X(AB) − X(A) − X(B).
 */
import { elementBySymbol } from './elements.ts';
import { makeStructure, type Structure } from './structure.ts';

/**
 * Fragment label of each atom, numbered 0, 1, ... in order of each fragment's first atom. Throws RangeError for an
 * unknown element, whose radius (and so whose bonds) would be a guess.
 */
export function bondedFragments(
  structure: Pick<Structure, 'species' | 'positions'>,
  tolerance = 1.2,
): Int32Array {
  const n = structure.species.length;
  const radii = structure.species.map((s) => {
    const element = elementBySymbol(s);
    if (!element) throw new RangeError(`species: unknown element symbol '${s}'`);
    return element.covalentRadius;
  });
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const p = structure.positions;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]);
      if (r < tolerance * (radii[i] + radii[j]))
        parent[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
    }
  }
  const labels = new Map<number, number>();
  return Int32Array.from({ length: n }, (_, i) => {
    const r = root(i);
    if (!labels.has(r)) labels.set(r, labels.size);
    return labels.get(r)!;
  });
}

/** One structure per fragment label (atoms in their original order; no cell, so each is an isolated molecule). */
export function splitFragments(structure: Structure, labels: ArrayLike<number>): Structure[] {
  const count = Math.max(-1, ...Array.from(labels)) + 1;
  return Array.from({ length: count }, (_, f) => {
    const atoms = structure.species.flatMap((_, i) => (labels[i] === f ? [i] : []));
    return makeStructure(
      atoms.map((i) => structure.species[i]),
      atoms.flatMap((i) => [...structure.positions.subarray(3 * i, 3 * i + 3)]),
    );
  });
}
