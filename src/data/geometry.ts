/** Rigid-body geometry shared by the dataset generators and loaders, so both build bit-identical dimers. */
import { elementBySymbol } from '../chem/elements.ts';
import type { MoleculeJson } from './formats.ts';

export type Vec3 = readonly [number, number, number];

/** Rounds to a fixed number of decimals (the shipped files store Å to 1e-4 and eV to 1e-6). */
export function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(x * scale) / scale + 0; // + 0 turns -0 into 0
}

function weightedCentre(positions: ArrayLike<number>, weights: readonly number[]): Vec3 {
  const c = [0, 0, 0];
  let total = 0;
  weights.forEach((w, i) => {
    for (let k = 0; k < 3; k++) c[k]! += w * positions[3 * i + k]!;
    total += w;
  });
  return [c[0]! / total, c[1]! / total, c[2]! / total];
}

/** Geometric centre (unweighted mean of the positions). */
export function geometricCentre(positions: ArrayLike<number>): Vec3 {
  return weightedCentre(
    positions,
    Array.from({ length: positions.length / 3 }, () => 1),
  );
}

export function centreOfMass(species: readonly string[], positions: ArrayLike<number>): Vec3 {
  return weightedCentre(
    positions,
    species.map((s) => elementBySymbol(s)?.mass ?? NaN),
  );
}

/** positions + distance · direction, atom by atom. */
export function translated(positions: ArrayLike<number>, direction: Vec3, distance: number): number[] {
  return Array.from(positions, (x, i) => x + distance * direction[i % 3]!);
}

export function unit(v: Vec3): Vec3 {
  const norm = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / norm, v[1] / norm, v[2] / norm];
}

/** Both molecules of a dimer as one molecule, B moved rigidly by distance · direction. */
export function dimerMolecule(
  a: MoleculeJson,
  b: MoleculeJson,
  direction: Vec3,
  distance: number,
): MoleculeJson {
  return {
    species: [...a.species, ...b.species],
    positions: [...a.positions, ...translated(b.positions, direction, distance)],
    charge: a.charge + b.charge,
  };
}
