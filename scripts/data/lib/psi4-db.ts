/**
 * Reads dimer geometries from Psi4's database modules (psi4-data: /usr/share/psi4/databases/*.py). Each dimer
 * is a `GEOS[...] = qcdb.Molecule("""...""")` block: per fragment a `charge multiplicity` line and atom lines
 * `El x y z` (Å), fragments separated by `--`, optional `units angstrom`.
 */
import type { MoleculeJson } from '../../../src/data/formats.ts';

export const PSI4_DATABASES = '/usr/share/psi4/databases';

export interface DatabaseDimer {
  /** The reaction name inside the database, e.g. `001ARG-005ASP-1` or `1-0.9`. */
  readonly id: string;
  readonly a: MoleculeJson;
  readonly b: MoleculeJson;
}

// GEOS['%s-%s-dimer' % (dbse, 'ID')] (SSI) and GEOS['%s-%s-%s' % (dbse, 'ID', 'dimer')] (S66by8).
const BLOCK =
  /GEOS\['%s-%s-(?:dimer' % \(dbse, '([^']+)'\)|%s' % \(dbse, '([^']+)', 'dimer'\))\] = qcdb\.Molecule\("""([\s\S]*?)"""\)/g;

function parseFragment(id: string, lines: readonly string[]): MoleculeJson {
  const header = lines[0]?.split(/\s+/).map(Number);
  if (!header || header.length !== 2 || !header.every(Number.isInteger)) {
    throw new Error(`${id}: fragment does not start with "charge multiplicity"`);
  }
  if (header[1] !== 1) throw new Error(`${id}: open-shell fragment (multiplicity ${header[1]})`);
  const species: string[] = [];
  const positions: number[] = [];
  for (const line of lines.slice(1)) {
    const [symbol, ...xyz] = line.split(/\s+/);
    const coords = xyz.map(Number);
    if (!symbol || coords.length !== 3 || !coords.every(Number.isFinite)) {
      throw new Error(`${id}: bad atom line "${line}"`);
    }
    species.push(symbol);
    positions.push(...coords);
  }
  return { species, positions, charge: header[0]! };
}

export function parsePsi4Database(text: string): DatabaseDimer[] {
  const dimers: DatabaseDimer[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const id = (match[1] ?? match[2])!;
    const lines = match[3]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !/^units\s+angstrom$/i.test(line));
    if (lines.some((line) => /^units|^no_com|^no_reorient/i.test(line))) {
      throw new Error(`${id}: unsupported molecule option`);
    }
    const split = lines.indexOf('--');
    if (split < 0 || lines.lastIndexOf('--') !== split) throw new Error(`${id}: expected two fragments`);
    dimers.push({
      id,
      a: parseFragment(id, lines.slice(0, split)),
      b: parseFragment(id, lines.slice(split + 1)),
    });
  }
  return dimers;
}

/** Reference values `BIND[...'ID'...] = value` (kcal/mol) of a database module. */
export function parsePsi4Bind(text: string, table = 'BIND'): Map<string, number> {
  const out = new Map<string, number>();
  const line = new RegExp(`^${table}\\['%s-%s'\\s*% \\(dbse, '([^']+)'\\s*\\)\\] =\\s*(-?[\\d.]+)`, 'gm');
  for (const match of text.matchAll(line)) out.set(match[1]!, Number(match[2]));
  return out;
}
