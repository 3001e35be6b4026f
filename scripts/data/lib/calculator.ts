/** What the runner needs from a QM program: a cache identity for an input, and a way to compute it. */
import type { MoleculeJson } from '../../../src/data/formats.ts';

/** CODATA 2018 Hartree energy in eV. */
export const HARTREE_EV = 27.211386245988;

export interface SinglePoint {
  /** Total energy (Hartree). */
  readonly energyHartree: number;
  /** Wall time of the program run(s) (s). */
  readonly wallSeconds: number;
  /** Anything the point needed beyond the default settings (e.g. a smearing fallback). */
  readonly note?: string;
}

export interface Calculator {
  /** Level of theory, e.g. `GFN2-xTB`; also the cache namespace. */
  readonly level: string;
  /** Exact input text of a point: equal inputs give equal energies, so it is also the cache key. */
  input(molecule: MoleculeJson): string;
  compute(molecule: MoleculeJson): Promise<SinglePoint>;
}

/** Atom lines with 8 decimals: exact for coordinates stored to 1e-4 Å plus displacements. */
export function atomLines(molecule: MoleculeJson): string[] {
  return molecule.species.map((s, i) => {
    const p = molecule.positions.slice(3 * i, 3 * i + 3).map((x) => x.toFixed(8).padStart(16));
    return `${s.padEnd(2)} ${p.join(' ')}`;
  });
}
