/**
 * Benchmark of GFN2-xTB against the CCSD(T)/CBS reference of S66x8 (Řezáč et al., JCTC 7, 2427 (2011), from
 * psi4-data): the 528 dimers of 66 complexes at 0.9–2.0 × R_eq. Writes public/data/s66x8-gfn2.json.
 *
 *   tsx scripts/data/s66x8.ts [--jobs 2]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dimerMolecule, roundTo } from '../../src/data/geometry.ts';
import { bindingEnergy } from './lib/binding.ts';
import { parseDataArgs, selectItems } from './lib/cli.ts';
import { compactJson } from './lib/json-out.ts';
import { provenanceRecord, writeWithChecksum } from './lib/provenance.ts';
import { PSI4_DATABASES, parsePsi4Bind, parsePsi4Database } from './lib/psi4-db.ts';
import { runPoints } from './lib/runner.ts';
import { xtbCalculator, xtbProgramInfo } from './lib/xtb.ts';

const OUT = 'public/data/s66x8-gfn2.json';
/** Thermochemical kcal/mol in eV. */
const KCAL_EV = 0.0433641;

async function main(): Promise<void> {
  const options = parseDataArgs(process.argv.slice(2));
  const text = readFileSync(join(PSI4_DATABASES, 'S66by8.py'), 'utf8');
  const reference = parsePsi4Bind(text);
  const dimers = selectItems(parsePsi4Database(text), options);
  const outcomes = await runPoints(
    xtbCalculator,
    dimers.flatMap((d) => [
      { id: `${d.id}/AB`, molecule: dimerMolecule(d.a, d.b, [0, 0, 1], 0) },
      { id: `${d.id}/A`, molecule: d.a },
      { id: `${d.id}/B`, molecule: d.b },
    ]),
    { ...options, label: 's66x8 GFN2-xTB' },
  );
  const points = dimers.flatMap((d) => {
    const gfn2 = bindingEnergy(outcomes, `${d.id}/AB`, `${d.id}/A`, `${d.id}/B`);
    const ref = reference.get(d.id);
    return typeof gfn2 === 'number' && ref !== undefined
      ? [{ id: d.id, reference: roundTo(ref * KCAL_EV, 6), gfn2 }]
      : [];
  });
  const errors = points.map((p) => p.gfn2 - p.reference);
  const summary = {
    points: points.length,
    maeEv: roundTo(errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length, 4),
    rmseEv: roundTo(Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length), 4),
    maxAbsEv: roundTo(Math.max(...errors.map(Math.abs)), 4),
  };
  const file = {
    format: 'lode-s66x8-benchmark/1',
    description:
      'S66x8 binding energies (eV): CCSD(T)/CBS reference (psi4-data S66by8.py, kcal/mol × 0.0433641) vs GFN2-xTB, E_AB − E_A − E_B without counterpoise.',
    provenance: [
      provenanceRecord(
        xtbProgramInfo(
          'S66x8 database geometries',
          `tsx scripts/data/s66x8.ts ${process.argv.slice(2).join(' ')}`.trim(),
        ),
        outcomes,
      ),
    ],
    summary,
    points,
  };
  writeWithChecksum(OUT, compactJson(file));
  process.stderr.write(`wrote ${OUT}: ${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
