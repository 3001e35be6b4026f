/**
 * D2: H2O–CO2 binding curves (33 orientations, 6.5–20 Å, dissociated check at 100 Å) with GFN2-xTB for every
 * point and, with --dft BASIS, PBE0-D3(BJ) for the selected orientations and --dft-separations.
 *
 *   npm run data:d2 -- [--subset N | --only o01,o07] [--jobs 2]
 *                      [--dft def2-svp [--dft-orientations o01,o13] [--dft-separations 6.5,9,20]]
 *                      [--dft-subset def2-tzvp:o01,o13:6.5,9,20 | def2-tzvp:all:6.5,9,20]
 */
import type { D2File, ProvenanceRecord } from '../../src/data/formats.ts';
import { dimerMolecule, roundTo } from '../../src/data/geometry.ts';
import { bindingEnergy } from './lib/binding.ts';
import type { Calculator } from './lib/calculator.ts';
import { parseDataArgs, selectItems } from './lib/cli.ts';
import { h2oCo2Orientations, type Orientation } from './lib/h2o-co2.ts';
import { compactJson } from './lib/json-out.ts';
import { NWCHEM_COMMAND, NWCHEM_SETTINGS, nwchemCalculator, nwchemVersion } from './lib/nwchem.ts';
import { provenanceRecord, writeWithChecksum, type ProgramInfo } from './lib/provenance.ts';
import { runPoints, type PointRequest } from './lib/runner.ts';
import { xtbCalculator, xtbProgramInfo } from './lib/xtb.ts';

const OUT = 'public/data/d2-h2o-co2.json';
const TRAINING: [number, number] = [6.5, 9.0];
const DISSOCIATED = 100;
/** 6.5–9 Å in 0.25 Å steps (training window), then 9.5–20 Å in 0.5 Å steps (extrapolation). */
export const D2_SEPARATIONS = [
  ...Array.from({ length: 11 }, (_, i) => roundTo(6.5 + 0.25 * i, 2)),
  ...Array.from({ length: 22 }, (_, i) => roundTo(9.5 + 0.5 * i, 2)),
];

const Z: [number, number, number] = [0, 0, 1];
const pointId = (o: Orientation, r: number) => `${o.id}/R=${r}`;

function requests(orientations: readonly Orientation[], separations: readonly number[]): PointRequest[] {
  return orientations.flatMap((o) => [
    { id: `${o.id}/water`, molecule: o.water },
    { id: `${o.id}/co2`, molecule: o.co2 },
    ...separations.map((r) => ({ id: pointId(o, r), molecule: dimerMolecule(o.water, o.co2, Z, r) })),
  ]);
}

async function level(
  calculator: Calculator,
  info: ProgramInfo,
  /** Rows of the file, and the orientations this level computes. */
  orientations: readonly Orientation[],
  computed: readonly Orientation[],
  separations: readonly number[],
  options: ReturnType<typeof parseDataArgs>,
): Promise<{ record: ProvenanceRecord; level: D2File['levels'][number] }> {
  const outcomes = await runPoints(calculator, requests(computed, [...separations, DISSOCIATED]), {
    ...options,
    label: `d2 ${calculator.level}`,
  });
  const energy = (o: Orientation, r: number) => {
    const e = bindingEnergy(outcomes, pointId(o, r), `${o.id}/water`, `${o.id}/co2`);
    return typeof e === 'number' ? e : null;
  };
  const wanted = new Set(separations);
  return {
    record: provenanceRecord(info, outcomes),
    level: {
      level: calculator.level,
      energies: orientations.map((o) => D2_SEPARATIONS.map((r) => (wanted.has(r) ? energy(o, r) : null))),
      dissociated: orientations.map((o) => energy(o, DISSOCIATED)),
    },
  };
}

async function main(): Promise<void> {
  const options = parseDataArgs(process.argv.slice(2), [
    '--dft',
    '--dft-orientations',
    '--dft-separations',
    '--dft-subset',
  ]);
  const orientations = selectItems(h2oCo2Orientations(), options);
  const generator = `tsx scripts/data/d2.ts ${process.argv.slice(2).join(' ')}`.trim();
  const geometry = 'rigid experimental monomers: H2O O–H 0.9572 Å, H–O–H 104.52°; CO2 C=O 1.16 Å';
  const xtb = await level(
    xtbCalculator,
    xtbProgramInfo(geometry, generator),
    orientations,
    orientations,
    D2_SEPARATIONS,
    options,
  );
  const levels = [xtb];
  const dftLevel = async (
    basis: string,
    orientationIds: string[] | undefined,
    separationList: string | undefined,
  ) => {
    const separations = separationList ? separationList.split(',').map(Number) : D2_SEPARATIONS;
    const unknown = separations.filter((r) => !D2_SEPARATIONS.includes(r));
    if (unknown.length) throw new Error(`DFT separations not on the D2 grid: ${unknown.join(', ')}`);
    const dftOrientations = orientationIds
      ? selectItems(orientations, { ...options, only: orientationIds })
      : orientations;
    const calculator = nwchemCalculator(basis);
    const info: ProgramInfo = {
      level: calculator.level,
      program: 'nwchem',
      version: nwchemVersion(),
      method: 'PBE0-D3(BJ)',
      basis,
      settings: { ...NWCHEM_SETTINGS, geometry },
      command: NWCHEM_COMMAND,
      generator,
    };
    return level(calculator, info, orientations, dftOrientations, separations, options);
  };
  const basis = options.extra.get('--dft');
  if (basis) {
    const ids = options.extra.get('--dft-orientations')?.split(',');
    levels.push(await dftLevel(basis, ids, options.extra.get('--dft-separations')));
  }
  // A second, costlier basis on a subset: BASIS:o01,o13:6.5,9,20 (or BASIS:all:6.5,9,20)
  const subset = options.extra.get('--dft-subset');
  if (subset) {
    const [subsetBasis, ids, separations] = subset.split(':');
    if (!subsetBasis || !ids || !separations)
      throw new Error(`--dft-subset needs BASIS:ORIENTATIONS:SEPARATIONS, got ${subset}`);
    levels.push(await dftLevel(subsetBasis, ids === 'all' ? undefined : ids.split(','), separations));
  }
  const file: D2File = {
    format: 'lode-d2-h2o-co2/1',
    description:
      'H2O–CO2 rigid binding curves: E_AB − E_A − E_B (eV) vs centre-of-mass separation R (Å) along +z; water and CO2 have their centres of mass at the origin, CO2 is moved to (0, 0, R).',
    provenance: levels.map((l) => l.record),
    separations: D2_SEPARATIONS,
    trainingWindow: TRAINING,
    dissociatedSeparation: DISSOCIATED,
    orientations: orientations.map(({ id, water, co2 }) => ({ id, water, co2 })),
    levels: levels.map((l) => l.level),
  };
  const digest = writeWithChecksum(OUT, compactJson(file));
  process.stderr.write(`wrote ${OUT} (sha256 ${digest.slice(0, 16)}…)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
