/** GFN2-xTB single points with Debian's xtb: binding energies of closed-shell fragments. */
import { execFileSync } from 'node:child_process';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import { atomLines, type Calculator, type SinglePoint } from './calculator.ts';
import { execInScratch } from './exec.ts';
import type { ProgramInfo } from './provenance.ts';

/** SCC accuracy 0.01 converges energies to ~1e-8 Eh, far below the ~1e-6 eV far-field tails of D2. */
export const XTB_SETTINGS = { gfn: 2, acc: 0.01, etemp: 300, etempFallback: 1000, uhf: 0 } as const;
export const XTB_COMMAND = `xtb point.xyz --gfn 2 --sp --chrg {charge} --uhf 0 --acc ${XTB_SETTINGS.acc} [--etemp ${XTB_SETTINGS.etempFallback} if the default SCC fails]`;

export function xtbArgs(charge: number, fallback: boolean): string[] {
  const args = ['point.xyz', '--gfn', '2', '--sp', '--chrg', String(charge), '--uhf', '0'];
  args.push('--acc', String(XTB_SETTINGS.acc));
  if (fallback) args.push('--etemp', String(XTB_SETTINGS.etempFallback));
  return args;
}

export function xyzText(molecule: MoleculeJson): string {
  return [String(molecule.species.length), '', ...atomLines(molecule), ''].join('\n');
}

const ENERGY = /\|\s*TOTAL ENERGY\s+(-?\d+\.\d+)\s+Eh\s*\|/;

export function parseXtbEnergy(stdout: string): number | undefined {
  const match = ENERGY.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

/** `6.5.1` from `xtb --version`. */
export function xtbVersion(): string {
  const text = execFileSync('xtb', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const match = /xtb version (\S+)/.exec(text);
  if (!match) throw new Error('xtb --version did not print a version');
  return match[1]!;
}

async function runOnce(molecule: MoleculeJson, fallback: boolean): Promise<SinglePoint | string> {
  const run = await execInScratch('xtb', xtbArgs(molecule.charge, fallback), {
    'point.xyz': xyzText(molecule),
  });
  const energy = parseXtbEnergy(run.stdout);
  if (run.code !== 0 || energy === undefined || !/normal termination/.test(run.stderr)) {
    const why = /\[ERROR\][^\n]*|Self consistent[^\n]*|did not converge[^\n]*/.exec(run.stdout + run.stderr);
    return `xtb exited with ${run.code}${why ? `: ${why[0].trim()}` : ''}`;
  }
  return { energyHartree: energy, wallSeconds: run.wallSeconds, ...(fallback ? { note: 'etemp 1000' } : {}) };
}

export const xtbCalculator: Calculator = {
  level: 'GFN2-xTB',
  input: (molecule) => `${xtbArgs(molecule.charge, false).join(' ')}\n${xyzText(molecule)}`,
  async compute(molecule) {
    const first = await runOnce(molecule, false);
    if (typeof first !== 'string') return first;
    const second = await runOnce(molecule, true); // electronic smearing rescues hard SCC cases
    if (typeof second !== 'string') return second;
    throw new Error(`${first}; with --etemp ${XTB_SETTINGS.etempFallback}: ${second}`);
  },
};

/** The provenance description of a GFN2-xTB level (the run statistics are added by provenanceRecord). */
export function xtbProgramInfo(geometry: string, generator: string): ProgramInfo {
  return {
    level: xtbCalculator.level,
    program: 'xtb',
    version: xtbVersion(),
    method: 'GFN2-xTB',
    basis: 'minimal valence STO (built into GFN2-xTB)',
    settings: { ...XTB_SETTINGS, geometry },
    command: XTB_COMMAND,
    generator,
  };
}
