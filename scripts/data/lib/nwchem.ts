/** PBE0-D3(BJ) single points with Debian's NWChem (basis sets from its library: def2-svp, def2-tzvp, ...). */
import { execFileSync } from 'node:child_process';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import { atomLines, type Calculator } from './calculator.ts';
import { execInScratch } from './exec.ts';

export const NWCHEM_SETTINGS = {
  xc: 'pbe0',
  dispersion: 'D3(BJ) (disp vdw 4)',
  energyConvergence: 1e-8,
  grid: 'default (medium)',
  counterpoise: false,
  symmetry: 'off (noautosym)',
} as const;
export const NWCHEM_COMMAND = 'OMP_NUM_THREADS=1 nwchem point.nw';

/** The input deck: no symmetry, no reorientation, so the geometry is exactly the stored one. */
export function nwchemInput(molecule: MoleculeJson, basis: string): string {
  return [
    'start point',
    'memory total 1000 mb',
    `charge ${molecule.charge}`,
    'geometry units angstrom noautosym nocenter noautoz',
    ...atomLines(molecule).map((line) => `  ${line}`),
    'end',
    'basis spherical',
    `  * library ${basis}`,
    'end',
    'dft',
    `  xc ${NWCHEM_SETTINGS.xc}`,
    '  disp vdw 4',
    `  convergence energy ${NWCHEM_SETTINGS.energyConvergence}`,
    '  mult 1',
    '  noprint "final vectors analysis"',
    'end',
    'task dft energy',
    '',
  ].join('\n');
}

const ENERGY = /Total DFT energy =\s*(-?\d+\.\d+)/;

export function parseNwchemEnergy(stdout: string): number | undefined {
  const match = ENERGY.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

/** The Debian package version (NWChem itself has no --version flag). */
export function nwchemVersion(): string {
  return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'nwchem'], { encoding: 'utf8' }).trim();
}

export function nwchemCalculator(basis: string): Calculator {
  return {
    level: `PBE0-D3(BJ)/${basis}`,
    input: (molecule) => nwchemInput(molecule, basis),
    async compute(molecule) {
      const run = await execInScratch('nwchem', ['point.nw'], { 'point.nw': nwchemInput(molecule, basis) });
      const energy = parseNwchemEnergy(run.stdout);
      if (energy === undefined) throw new Error(`nwchem exited with ${run.code} and printed no DFT energy`);
      return { energyHartree: energy, wallSeconds: run.wallSeconds };
    },
  };
}
