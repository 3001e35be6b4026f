/** Where the atoms of the H2O–CO2 lesson are: dimers at any separation and the centres of each centring. */
import { makeStructure, type Structure } from '../../chem/structure.ts';
import type { BindingCurve } from '../../data/curves.ts';
import type { Centring } from './spec.ts';

/** Atoms of water, which comes first in every dimer. */
export const WATER_ATOMS = 3;

/** The dimer of a curve at any centre-of-mass separation (CO2 moved along +z, as in the dataset). */
export function dimerAt(curve: BindingCurve, separation: number): Structure {
  const [water, co2] = curve.monomers;
  const moved = co2.positions.map((x: number, i: number) => (i % 3 === 2 ? x + separation : x));
  return makeStructure([...water.species, ...co2.species], [...water.positions, ...moved]);
}

/** Centres of a dimer (water first, then CO2) and of each monomer, for a centring. */
export function centresFor(
  centring: Centring,
  atoms: number,
): { dimer: number[]; water: number[]; co2: number[] } {
  const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
  if (centring === 'water-O') return { dimer: [0], water: [0], co2: [] };
  if (centring === 'co2-C') return { dimer: [WATER_ATOMS], water: [], co2: [0] };
  return { dimer: range(atoms), water: range(WATER_ATOMS), co2: range(atoms - WATER_ATOMS) };
}
