/**
 * PBE-D3 single points of periodic systems with Debian's CP2K (Quickstep, GTH pseudopotentials, MOLOPT basis
 * sets, data files from the cp2k-data package): total energies and Mulliken charges.
 *
 * A periodic system is a MoleculeJson with an orthorhombic `cell`, so the runner's on-disk cache (runner.ts)
 * works unchanged: the deck text is the cache key, and the extra `charges` of a point travel through the cache
 * as plain JSON. `cp2kPoint` checks an outcome really carries them.
 */
import { execFileSync } from 'node:child_process';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import { atomLines, type Calculator, type SinglePoint } from './calculator.ts';
import { execInScratch } from './exec.ts';
import type { Outcome } from './runner.ts';

/** A MoleculeJson in an orthorhombic box, periodic in x, y and z (Å). */
export interface PeriodicSystem extends MoleculeJson {
  readonly cell: readonly [number, number, number];
}

export function isPeriodicSystem(molecule: MoleculeJson): molecule is PeriodicSystem {
  const cell = (molecule as Partial<PeriodicSystem>).cell;
  return Array.isArray(cell) && cell.length === 3 && cell.every((x) => Number.isFinite(x) && x > 0);
}

/** A converged CP2K single point: the runner's SinglePoint plus Mulliken net charges (e), one per atom. */
export interface Cp2kPoint extends SinglePoint {
  readonly charges: readonly number[];
  readonly scfSteps: number;
  /**
   * z component of the whole cell's dipole from the full density (e·Å), positive when positive charge lies
   * towards +z; printed by CP2K with the surface dipole correction (whose own sign is the opposite).
   */
  readonly cellDipoleZ?: number;
}

export interface Cp2kSettings {
  /** Basis set of every element (a name in BASIS_MOLOPT). */
  readonly basis: string;
  /** GTH pseudopotential per element (names in GTH_POTENTIALS). */
  readonly potentials: Readonly<Record<string, string>>;
  /** Plane-wave cutoff of the finest grid and the relative cutoff (Ry). */
  readonly cutoff: number;
  readonly relCutoff: number;
  /** Fermi–Dirac electronic temperature (K) and the empty orbitals carried for it. */
  readonly smearingKelvin: number;
  readonly addedMos: number;
  readonly mixing: 'BROYDEN_MIXING' | 'PULAY_MIXING';
  readonly mixingAlpha: number;
  /** Kerker damping wavevector of the mixing (bohr⁻¹): damps the long-wavelength charge sloshing of a slab. */
  readonly mixingBeta: number;
  readonly epsScf: number;
  readonly maxScf: number;
  /**
   * Dipole correction along z (a slab in a 3D-periodic box with vacuum above it), its sheet at CP2K's default
   * position, the plane of least density. (An explicit SURF_DIP_POS made every run of this cell abort with
   * "Dipole correction needs more vacuum space above the surface" in CP2K 2023.1.)
   */
  readonly surfaceDipoleCorrection: boolean;
}

export const CP2K_DEFAULTS: Cp2kSettings = {
  basis: 'DZVP-MOLOPT-SR-GTH',
  potentials: { H: 'GTH-PBE-q1', Li: 'GTH-PBE-q3', O: 'GTH-PBE-q6' },
  cutoff: 300,
  relCutoff: 40,
  smearingKelvin: 1000,
  addedMos: 20,
  mixing: 'PULAY_MIXING',
  mixingAlpha: 0.1,
  mixingBeta: 1.5,
  epsScf: 1e-6,
  maxScf: 100,
  surfaceDipoleCorrection: true,
};

/** The settings as a flat record for a provenance entry. */
export function cp2kSettingsRecord(settings: Cp2kSettings): Record<string, string | number | boolean> {
  const { potentials, ...rest } = settings;
  return {
    ...rest,
    potentials: Object.entries(potentials)
      .map(([element, name]) => `${element} ${name}`)
      .join(', '),
    xc: 'PBE (XC_DERIV SPLINE2_SMOOTH, XC_SMOOTH_RHO NN10)',
    dispersion: 'DFT-D3 zero damping (PAIR_POTENTIAL DFTD3, dftd3.dat, REFERENCE_FUNCTIONAL PBE)',
    kPoints: 'Gamma only',
    periodic: 'XYZ',
    poissonSolver: `PERIODIC (plane waves)${settings.surfaceDipoleCorrection ? ' + SURFACE_DIPOLE_CORRECTION along z' : ''}`,
    spin: 'restricted (RKS)',
    symmetry: 'none (the coordinates are written as given, 8 decimals)',
  };
}

/**
 * The input deck. Coordinates are written exactly (8 decimals), unwrapped and unsymmetrised; each element is
 * its own kind. Energy = FORCE_EVAL energy (with smearing, the Mermin free energy E − TS).
 */
export function cp2kInput(system: PeriodicSystem, settings: Cp2kSettings = CP2K_DEFAULTS): string {
  const elements = [...new Set(system.species)].sort();
  const kinds = elements.flatMap((element) => {
    const potential = settings.potentials[element];
    if (!potential) throw new Error(`no GTH potential chosen for ${element}`);
    return [
      `    &KIND ${element}`,
      `      BASIS_SET ${settings.basis}`,
      `      POTENTIAL ${potential}`,
      '    &END KIND',
    ];
  });
  return [
    '&GLOBAL',
    '  PROJECT point',
    '  RUN_TYPE ENERGY',
    '  PRINT_LEVEL LOW',
    '&END GLOBAL',
    '&FORCE_EVAL',
    '  METHOD QUICKSTEP',
    '  &DFT',
    '    BASIS_SET_FILE_NAME BASIS_MOLOPT',
    '    POTENTIAL_FILE_NAME GTH_POTENTIALS',
    `    CHARGE ${system.charge}`,
    ...(settings.surfaceDipoleCorrection ? ['    SURFACE_DIPOLE_CORRECTION T', '    SURF_DIP_DIR Z'] : []),
    '    &MGRID',
    `      CUTOFF ${settings.cutoff}`,
    `      REL_CUTOFF ${settings.relCutoff}`,
    '    &END MGRID',
    '    &QS',
    '      EPS_DEFAULT 1.0E-10',
    '    &END QS',
    '    &SCF',
    '      SCF_GUESS ATOMIC',
    `      EPS_SCF ${settings.epsScf.toExponential(1).toUpperCase()}`,
    `      MAX_SCF ${settings.maxScf}`,
    `      ADDED_MOS ${settings.addedMos}`,
    '      &DIAGONALIZATION ON',
    '        ALGORITHM STANDARD',
    '      &END DIAGONALIZATION',
    '      &SMEAR ON',
    '        METHOD FERMI_DIRAC',
    `        ELECTRONIC_TEMPERATURE [K] ${settings.smearingKelvin}`,
    '      &END SMEAR',
    '      &MIXING',
    `        METHOD ${settings.mixing}`,
    `        ALPHA ${settings.mixingAlpha}`,
    `        BETA ${settings.mixingBeta}`,
    '        NBUFFER 8',
    '      &END MIXING',
    '    &END SCF',
    '    &XC',
    '      &XC_FUNCTIONAL PBE',
    '      &END XC_FUNCTIONAL',
    '      &XC_GRID',
    '        XC_DERIV SPLINE2_SMOOTH',
    '        XC_SMOOTH_RHO NN10',
    '      &END XC_GRID',
    '      &VDW_POTENTIAL',
    '        POTENTIAL_TYPE PAIR_POTENTIAL',
    '        &PAIR_POTENTIAL',
    '          TYPE DFTD3',
    '          PARAMETER_FILE_NAME dftd3.dat',
    '          REFERENCE_FUNCTIONAL PBE',
    '        &END PAIR_POTENTIAL',
    '      &END VDW_POTENTIAL',
    '    &END XC',
    '    &PRINT',
    '      &MULLIKEN ON',
    '      &END MULLIKEN',
    '    &END PRINT',
    '  &END DFT',
    '  &SUBSYS',
    '    &CELL',
    `      ABC ${system.cell.map((x) => x.toFixed(8)).join(' ')}`,
    '      PERIODIC XYZ',
    '    &END CELL',
    '    &COORD',
    ...atomLines(system).map((line) => `      ${line}`),
    '    &END COORD',
    ...kinds,
    '  &END SUBSYS',
    '&END FORCE_EVAL',
    '',
  ].join('\n');
}

const ENERGY = /ENERGY\| Total FORCE_EVAL \( QS \) energy \[(?:a\.u\.|hartree)\]:\s+(-?\d+\.\d+)/;

export function parseCp2kEnergy(stdout: string): number | undefined {
  const match = ENERGY.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

/** SCF steps of the converged run, or undefined when CP2K says the SCF did not converge. */
export function parseCp2kScf(stdout: string): number | undefined {
  if (/SCF run NOT converged/.test(stdout)) return undefined;
  const match = /SCF run converged in\s+(\d+) steps/.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

const SLAB_DIPOLE =
  /Total dipole moment perpendicular to\s*\n\s*the slab \[electrons-Angstroem\]:\s+(-?\d+\.\d+)/g;

/** The cell's z dipole (e·Å, conventional sign) after the last SCF step, when the dipole correction is on. */
export function parseCp2kCellDipoleZ(stdout: string): number | undefined {
  const matches = [...stdout.matchAll(SLAB_DIPOLE)];
  const last = matches.at(-1);
  return last ? -Number(last[1]) + 0 : undefined;
}

/** Mulliken net charges (e), in atom order, from the last "Mulliken Population Analysis" of a restricted run. */
export function parseMulliken(stdout: string): number[] | undefined {
  const start = stdout.lastIndexOf('Mulliken Population Analysis');
  if (start < 0) return undefined;
  const end = stdout.indexOf('# Total charge', start);
  if (end < 0) return undefined;
  const charges: number[] = [];
  const row = /^\s*(\d+)\s+[A-Z][a-z]?\s+\d+\s+-?\d+\.\d+\s+(-?\d+\.\d+)\s*$/;
  for (const line of stdout.slice(start, end).split('\n')) {
    const match = row.exec(line);
    if (!match) continue;
    if (Number(match[1]) !== charges.length + 1) return undefined;
    charges.push(Number(match[2]));
  }
  return charges.length ? charges : undefined;
}

/** The message of CP2K's ASCII-art [ABORT] box, e.g. "Dipole correction needs more vacuum space ...". */
export function parseCp2kAbort(stdout: string): string | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.includes('[ABORT]'));
  if (start < 0) return undefined;
  const words: string[] = [];
  for (const line of lines.slice(start + 1, start + 12)) {
    if (!line.trimStart().startsWith('*') || /^\s*\*+\s*$/.test(line)) break;
    words.push(
      line
        .slice(14, line.lastIndexOf('*'))
        .replace(/\S+\.F:\d+/, '')
        .trim(),
    );
    if (/\.F:\d+/.test(line)) break;
  }
  return words.filter(Boolean).join(' ') || 'ABORT';
}

/** The Debian package version (`2023.1-2`). */
export function cp2kVersion(): string {
  return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'cp2k'], { encoding: 'utf8' }).trim();
}

/** How CP2K is started: MPI ranks × 1 OpenMP thread (serial processes, run side by side, were fastest here). */
export interface Cp2kLaunch {
  readonly ranks: number;
}

/**
 * The command of one point. `setsid` gives each run its own session: with the kernel's autogroup scheduling,
 * CPU is shared per session first, so without it niced jobs of other sessions would weigh as much as CP2K.
 */
export function cp2kCommand(launch: Cp2kLaunch): { program: string; args: string[] } {
  const cp2k = ['cp2k.psmp', '-i', 'point.inp'];
  const mpi = launch.ranks > 1 ? ['mpirun', '--allow-run-as-root', '-np', String(launch.ranks)] : [];
  return { program: 'setsid', args: ['--wait', ...mpi, ...cp2k] };
}

export function cp2kCommandLine(launch: Cp2kLaunch): string {
  const { program, args } = cp2kCommand(launch);
  return `OMP_NUM_THREADS=1 ${program} ${args.join(' ')}`;
}

export function cp2kCalculator(
  level: string,
  settings: Cp2kSettings = CP2K_DEFAULTS,
  launch: Cp2kLaunch = { ranks: 2 },
): Calculator {
  const deck = (molecule: MoleculeJson) => {
    if (!isPeriodicSystem(molecule)) throw new Error('cp2k needs a periodic system (a molecule with a cell)');
    return cp2kInput(molecule, settings);
  };
  return {
    level,
    input: deck,
    async compute(molecule): Promise<Cp2kPoint> {
      const { program, args } = cp2kCommand(launch);
      const run = await execInScratch(program, args, { 'point.inp': deck(molecule) });
      const energy = parseCp2kEnergy(run.stdout);
      const scfSteps = parseCp2kScf(run.stdout);
      const charges = parseMulliken(run.stdout);
      if (run.code !== 0 || energy === undefined) {
        const why = parseCp2kAbort(run.stdout);
        throw new Error(`cp2k exited with ${run.code} and no energy${why ? `: ${why}` : ''}`);
      }
      if (scfSteps === undefined) throw new Error('cp2k: SCF run NOT converged');
      if (!charges || charges.length !== molecule.species.length) {
        throw new Error('cp2k: no Mulliken charges for every atom');
      }
      const cellDipoleZ = parseCp2kCellDipoleZ(run.stdout);
      return {
        energyHartree: energy,
        wallSeconds: run.wallSeconds,
        charges,
        scfSteps,
        ...(cellDipoleZ === undefined ? {} : { cellDipoleZ }),
      };
    },
  };
}

/** The converged point of an outcome with its Mulliken charges, or undefined. */
export function cp2kPoint(outcome: Outcome | undefined): Cp2kPoint | undefined {
  if (!outcome?.ok) return undefined;
  const { charges, scfSteps, cellDipoleZ } = outcome as Partial<Cp2kPoint>;
  if (!Array.isArray(charges) || !charges.every(Number.isFinite)) return undefined;
  return {
    energyHartree: outcome.energyHartree,
    wallSeconds: outcome.wallSeconds,
    charges,
    scfSteps: scfSteps ?? NaN,
    ...(typeof cellDipoleZ === 'number' ? { cellDipoleZ } : {}),
  };
}

/**
 * Mulliken dipole of a group of atoms about an origin: μ = Σ q_i (r_i − origin), e·Å. Only an electrically
 * neutral group's dipole is origin-independent; a net charge Q shifts it by Q·Δorigin.
 */
export function mullikenDipole(
  charges: readonly number[],
  positions: readonly number[],
  atoms: readonly number[],
  origin: readonly [number, number, number],
): [number, number, number] {
  const mu: [number, number, number] = [0, 0, 0];
  for (const i of atoms) {
    for (let k = 0; k < 3; k++) mu[k] += charges[i]! * (positions[3 * i + k]! - origin[k]!);
  }
  return mu;
}
