/**
 * D1: BioFragment SSI side-chain dimer binding curves with GFN2-xTB: the database geometry and 12 rigid
 * displacements of monomer B (0.25 Å steps along the line of geometric centres), minus the isolated monomers.
 * Dimers are taken in a class-balanced reproducible order; the rest are listed as pending.
 *
 *   npm run data:d1 -- [--subset N | --only 001ARG-005ASP-1,...] [--jobs 2]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { D1File } from '../../src/data/formats.ts';
import { dimerMolecule, roundTo } from '../../src/data/geometry.ts';
import { bindingEnergy } from './lib/binding.ts';
import { parseDataArgs, selectItems } from './lib/cli.ts';
import { compactJson } from './lib/json-out.ts';
import { provenanceRecord, writeWithChecksum } from './lib/provenance.ts';
import { PSI4_DATABASES, parsePsi4Database } from './lib/psi4-db.ts';
import { runPoints, type PointRequest } from './lib/runner.ts';
import { classBalancedOrder, prepareDimer, type PreparedDimer } from './lib/ssi.ts';
import { xtbCalculator, xtbProgramInfo } from './lib/xtb.ts';

const OUT = 'public/data/d1-ssi.json';
export const D1_DISPLACEMENTS = Array.from({ length: 13 }, (_, i) => roundTo(0.25 * i, 2));

const pointId = (dimer: PreparedDimer, d: number) => `${dimer.id}/d=${d}`;

function requests(dimers: readonly PreparedDimer[]): PointRequest[] {
  return dimers.flatMap((dimer) => [
    { id: `${dimer.id}/A`, molecule: dimer.a },
    { id: `${dimer.id}/B`, molecule: dimer.b },
    ...D1_DISPLACEMENTS.map((d) => ({
      id: pointId(dimer, d),
      molecule: dimerMolecule(dimer.a, dimer.b, dimer.direction, d),
    })),
  ]);
}

async function main(): Promise<void> {
  const options = parseDataArgs(process.argv.slice(2));
  const source = join(PSI4_DATABASES, 'SSI.py');
  const all = classBalancedOrder(parsePsi4Database(readFileSync(source, 'utf8')).map(prepareDimer));
  const selected = selectItems(all, options);
  const outcomes = await runPoints(xtbCalculator, requests(selected), { ...options, label: 'd1 GFN2-xTB' });

  const dimers: D1File['dimers'][number][] = [];
  for (const dimer of selected) {
    const energies = D1_DISPLACEMENTS.map((d) =>
      bindingEnergy(outcomes, pointId(dimer, d), `${dimer.id}/A`, `${dimer.id}/B`),
    );
    if (energies.every((e) => typeof e === 'number')) dimers.push({ ...dimer, energies });
  }
  const chosen = new Set(selected.map((dimer) => dimer.id));
  const file: D1File = {
    format: 'lode-d1-ssi/1',
    description: `BioFragment Database SSI side-chain dimers (psi4-data ${source}): binding energy E_AB − E_A − E_B (eV) of the database geometry with monomer B moved rigidly by each displacement (Å) along the unit vector between the monomers' geometric centres.`,
    provenance: [
      provenanceRecord(
        xtbProgramInfo(
          'SSI database geometries, rigid monomers, coordinates to 1e-4 Å',
          `tsx scripts/data/d1.ts ${process.argv.slice(2).join(' ')}`.trim(),
        ),
        outcomes,
      ),
    ],
    displacements: D1_DISPLACEMENTS,
    dimers,
    pending: all.filter((dimer) => !chosen.has(dimer.id)).map((dimer) => dimer.id),
  };
  const digest = writeWithChecksum(OUT, compactJson(file));
  process.stderr.write(`wrote ${OUT}: ${dimers.length} dimers (sha256 ${digest.slice(0, 16)}…)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
