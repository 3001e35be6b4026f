/**
 * Proof that the shipped numbers are what the generator says: three random stored D1 points are recomputed with
 * xtb. Skipped locally without xtb; in CI (CI set) a missing xtb is a failure.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Structure } from '../../src/chem/structure.ts';
import { loadD1 } from '../../src/data/d1.ts';
import type { MoleculeJson } from '../../src/data/formats.ts';
import { HARTREE_EV } from './lib/calculator.ts';
import { xtbCalculator } from './lib/xtb.ts';

const hasXtb = spawnSync('xtb', ['--version'], { stdio: 'ignore' }).status === 0;
const inCi = Boolean(process.env.CI);

const molecule = (s: Structure): MoleculeJson => ({
  species: s.species,
  positions: Array.from(s.positions),
  charge: Number(s.info.charge),
});

describe.skipIf(!hasXtb && !inCi)('stored D1 energies against a fresh xtb run', () => {
  it('reproduces three random points to 1e-4 eV', { timeout: 120_000 }, async () => {
    expect(
      hasXtb,
      'xtb is not installed: CI must install it (apt-get install -y --no-install-recommends xtb)',
    ).toBe(true);
    const d1 = loadD1(JSON.parse(readFileSync('public/data/d1-ssi.json', 'utf8')));
    for (let n = 0; n < 3; n++) {
      const curve = d1.curves[Math.floor(Math.random() * d1.curves.length)]!;
      const point = curve.points[Math.floor(Math.random() * curve.points.length)]!;
      const [ab, a, b] = await Promise.all(
        [point.structure, ...curve.monomers].map((s) => xtbCalculator.compute(molecule(s))),
      );
      const energy = (ab!.energyHartree - a!.energyHartree - b!.energyHartree) * HARTREE_EV;
      const stored = point.energies[d1.level]!;
      expect(Math.abs(energy - stored), `${curve.id} at +${point.coordinate} Å`).toBeLessThan(1e-4);
    }
  });
});
