import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPoints } from './runner.ts';
import {
  CP2K_DEFAULTS,
  cp2kCalculator,
  cp2kCommand,
  cp2kInput,
  cp2kPoint,
  isPeriodicSystem,
  mullikenDipole,
  parseCp2kCellDipoleZ,
  parseCp2kEnergy,
  parseCp2kScf,
  parseMulliken,
  type PeriodicSystem,
} from './cp2k.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Water with O at (4, 4, 4) and the H–O–H bisector along +z, in an 8 Å box (the fixture's geometry). */
const water: PeriodicSystem = {
  species: ['O', 'H', 'H'],
  positions: [4, 4, 4, 4.7572, 4, 4.5859, 3.2428, 4, 4.5859],
  charge: 0,
  cell: [8, 8, 8],
};

describe('cp2k input deck', () => {
  it('writes the cell, the exact coordinates and one kind per element with basis and GTH potential', () => {
    const system: PeriodicSystem = {
      species: ['Li', 'Li', 'O', 'H', 'H'],
      positions: [0, 0, 0, 1.755, 1.755, 1.755, 1.2345678912, 2, 5, 2, 2, 5.5, 0.5, 2, 5.5],
      charge: 0,
      cell: [3.51, 3.51, 20],
    };
    const deck = cp2kInput(system);
    expect(deck).toContain('      ABC 3.51000000 3.51000000 20.00000000\n      PERIODIC XYZ');
    expect(deck).toContain('      O        1.23456789       2.00000000       5.00000000');
    expect(deck).toContain('      Li       1.75500000       1.75500000       1.75500000');
    expect(deck.match(/^ {6}(Li|O|H) /gm)).toHaveLength(5);
    for (const [element, potential] of [
      ['H', 'GTH-PBE-q1'],
      ['Li', 'GTH-PBE-q3'],
      ['O', 'GTH-PBE-q6'],
    ]) {
      expect(deck).toContain(
        `    &KIND ${element}\n      BASIS_SET DZVP-MOLOPT-SR-GTH\n      POTENTIAL ${potential}\n    &END KIND`,
      );
    }
    for (const line of [
      'CHARGE 0',
      'BASIS_SET_FILE_NAME BASIS_MOLOPT',
      'POTENTIAL_FILE_NAME GTH_POTENTIALS',
      `CUTOFF ${CP2K_DEFAULTS.cutoff}`,
      `REL_CUTOFF ${CP2K_DEFAULTS.relCutoff}`,
      'METHOD FERMI_DIRAC',
      `ELECTRONIC_TEMPERATURE [K] ${CP2K_DEFAULTS.smearingKelvin}`,
      `ADDED_MOS ${CP2K_DEFAULTS.addedMos}`,
      'EPS_SCF 1.0E-6',
      'METHOD PULAY_MIXING',
      '&XC_FUNCTIONAL PBE',
      'TYPE DFTD3',
      'PARAMETER_FILE_NAME dftd3.dat',
      'SURFACE_DIPOLE_CORRECTION T',
      '&MULLIKEN ON',
    ]) {
      expect(deck).toContain(line);
    }
    expect(deck).not.toContain('SURF_DIP_POS');
    expect(cp2kInput(system, { ...CP2K_DEFAULTS, surfaceDipoleCorrection: false })).not.toContain(
      'SURFACE_DIPOLE',
    );
    expect(() => cp2kInput({ ...system, species: ['Na', 'Li', 'O', 'H', 'H'] })).toThrow(/Na/);
  });

  it('only accepts molecules with a cell; launches serially or under mpirun', () => {
    expect(isPeriodicSystem(water)).toBe(true);
    expect(isPeriodicSystem({ species: ['He'], positions: [0, 0, 0], charge: 0 })).toBe(false);
    expect(() => cp2kCalculator('x').input({ species: ['He'], positions: [0, 0, 0], charge: 0 })).toThrow(
      /cell/,
    );
    expect(cp2kCommand({ ranks: 1 })).toEqual({
      program: 'setsid',
      args: ['--wait', 'cp2k.psmp', '-i', 'point.inp'],
    });
    expect(cp2kCommand({ ranks: 2 }).args.slice(1, 5)).toEqual(['mpirun', '--allow-run-as-root', '-np', '2']);
  });
});

describe('cp2k output parser (real CP2K 2023.1 output, fixtures/cp2k-h2o.out)', () => {
  const out = fixture('cp2k-h2o.out');

  it('reads the final energy, SCF steps, Mulliken charges and the cell dipole', () => {
    expect(parseCp2kEnergy(out)).toBe(-17.19533851851336);
    expect(parseCp2kScf(out)).toBe(46);
    expect(parseMulliken(out)).toEqual([-0.23326, 0.11663, 0.11663]);
    expect(parseCp2kCellDipoleZ(out)).toBeCloseTo(0.3670909984, 10);
  });

  it('the fixture is the deck this module writes for its geometry and settings', () => {
    const settings = {
      ...CP2K_DEFAULTS,
      cutoff: 300,
      relCutoff: 50,
      smearingKelvin: 1000,
      addedMos: 20,
      mixing: 'BROYDEN_MIXING',
      mixingAlpha: 0.1,
      mixingBeta: 1.5,
      epsScf: 1e-6,
      maxScf: 100,
      surfaceDipoleCorrection: true,
    } as const;
    expect(fixture('cp2k-h2o.inp')).toBe(cp2kInput(water, settings));
  });

  it('rejects unconverged or truncated output', () => {
    expect(
      parseCp2kScf(out.replace('SCF run converged in', 'WARNING :: SCF run NOT converged')),
    ).toBeUndefined();
    expect(parseCp2kEnergy(out.slice(0, out.indexOf('ENERGY|')))).toBeUndefined();
    expect(parseMulliken(out.slice(0, out.indexOf('Mulliken Population')))).toBeUndefined();
  });

  it('Mulliken dipole about O of the lone water lies along its bisector (+z)', () => {
    const mu = mullikenDipole(parseMulliken(out)!, water.positions, [0, 1, 2], [4, 4, 4]);
    expect(mu[0]).toBeCloseTo(0, 10);
    expect(mu[1]).toBeCloseTo(0, 10);
    expect(mu[2]).toBeCloseTo(2 * 0.11663 * 0.5859, 10);
  });
});

describe.skipIf(!existsSync('/usr/bin/cp2k'))('cp2k run (needs Debian cp2k)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('computes a lone water: finite energy, dipoles along the bisector of physical size', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'cp2k-test-'));
    dirs.push(workDir);
    const small: PeriodicSystem = {
      ...water,
      positions: water.positions.map((x) => x - 1),
      cell: [6, 6, 6],
    };
    // A coarse, loose setting: this checks the plumbing, not the numbers of the dataset.
    const settings = { ...CP2K_DEFAULTS, cutoff: 200, relCutoff: 40, epsScf: 1e-5 };
    const calculator = cp2kCalculator('PBE-D3/test', settings, { ranks: 1 });
    const outcomes = await runPoints(calculator, [{ id: 'water', molecule: small }], {
      workDir,
      jobs: 1,
      label: 'cp2k test',
      log: () => undefined,
    });
    const point = cp2kPoint(outcomes.get('water'));
    expect(point, JSON.stringify(outcomes.get('water'))).toBeDefined();
    expect(Number.isFinite(point!.energyHartree)).toBe(true);
    expect(point!.energyHartree).toBeLessThan(-16.5);
    expect(point!.energyHartree).toBeGreaterThan(-17.5);
    const mu = mullikenDipole(point!.charges, small.positions, [0, 1, 2], [3, 3, 3]);
    const size = Math.hypot(...mu);
    expect(Math.hypot(mu[0], mu[1]) / size).toBeLessThan(1e-3);
    expect(mu[2]).toBeGreaterThan(0);
    // Mulliken point charges (O ≈ −0.23 e with this basis) give about a third of the real dipole...
    expect(size).toBeGreaterThan(0.08);
    expect(size).toBeLessThan(0.3);
    // ...while the full-density dipole of the cell is the physical one (experiment: 1.85 D = 0.385 e·Å).
    expect(point!.cellDipoleZ).toBeGreaterThan(0.3);
    expect(point!.cellDipoleZ).toBeLessThan(0.6);
  }, 600_000);
});
