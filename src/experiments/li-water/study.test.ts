/**
 * The expectations of paper §4.2 on D3 (water above Li(100), image-charge reference), with the lesson's protocol on
 * the CPU engine: ρ⊗V learns the binding curves better than the local ρ⊗ρ, and learns the induced dipole of
 * waters beyond ρ⊗ρ's reach, which ρ⊗ρ cannot.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadD3 } from '../../data/d3.ts';
import { cpuEngine } from '../../lode/features.ts';
import { energyStudy, PAPER_TEST_CURVES, splitCurves, type EnergyStudy } from './energy-model.ts';
import { liWaterFeatures, PAPER_HYPERS, type LiWaterFeatures } from './features.ts';
import {
  POLARISATION_SIZES,
  polarisationLearning,
  polarisationStudy,
  type PolarisationStudy,
} from './polarisation-model.ts';
import type { Summary } from '../../learn/index.ts';
import { curveEnergies, curveDipoles } from './targets.ts';
import { makeStructure, type Cell, type Structure } from '../../chem/structure.ts';
import { applyMatrix, type Matrix3 } from '../../util/rotation.ts';
import { featuresOf } from './features.ts';
import { predictDipoles } from './polarisation-model.ts';

const dataset = loadD3(
  JSON.parse(readFileSync(new URL('../../../public/data/d3-li-water.json', import.meta.url), 'utf8')),
);

describe('water above Li(100): binding curves and induced dipole', () => {
  let features: LiWaterFeatures;
  let energy: EnergyStudy;
  let polarisation: PolarisationStudy;
  let learning: Record<'rho-rho' | 'rho-V', Summary[]>;
  beforeAll(async () => {
    const t0 = performance.now();
    features = await liWaterFeatures(cpuEngine, dataset, PAPER_HYPERS);
    const t1 = performance.now();
    energy = await energyStudy(
      features,
      curveEnergies(dataset),
      splitCurves(dataset.curves.length, 0, PAPER_TEST_CURVES),
    );
    const t2 = performance.now();
    polarisation = await polarisationStudy(features, curveDipoles(dataset), { seed: 0 });
    learning = await polarisationLearning(features, curveDipoles(dataset), polarisation, { seed: 0 });
    const t3 = performance.now();
    const fmt = (k: 'rho-rho' | 'rho-V') =>
      `${k}: energy ${energy.fits[k].testRmse.toFixed(4)} eV (${energy.fits[k].testRmsePercent.toFixed(1)} %), ` +
      `P^W ${learning[k].map((s) => s.mean.toFixed(1)).join(' / ')} %`;
    console.info(
      `features ${(t1 - t0).toFixed(0)} ms, energy ${(t2 - t1).toFixed(0)} ms, P^W ${(t3 - t2).toFixed(0)} ms\n` +
        `${fmt('rho-rho')}\n${fmt('rho-V')}`,
    );
  }, 600_000);

  it('ρ⊗V beats ρ⊗ρ on the test binding curves', () => {
    expect(energy.fits['rho-V'].testRmse).toBeLessThan(energy.fits['rho-rho'].testRmse);
  });

  it('rotating a test structure about the surface normal rotates its predicted P^W (both kinds)', async () => {
    const angle = 0.7;
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    const rotation: Matrix3 = [c, -s, 0, s, c, 0, 0, 0, 1];
    // The whole periodic system turns: positions about a vertical axis through the water's O, and the cell.
    const rotate = (structure: Structure, about: readonly number[]): Structure => {
      const positions = Float64Array.from(structure.positions, (_, i) => {
        const atom = Math.floor(i / 3);
        const r = [0, 1, 2].map((k) => structure.positions[3 * atom + k]! - about[k]!);
        return applyMatrix(rotation, r)[i % 3]! + about[i % 3]!;
      });
      const cell =
        structure.cell &&
        (Array.from(
          { length: 9 },
          (_, i) => applyMatrix(rotation, structure.cell!, 3 * Math.floor(i / 3))[i % 3]!,
        ) as unknown as Cell);
      return makeStructure(structure.species, positions, {
        ...(cell ? { cell } : {}),
        ...(structure.pbc ? { pbc: structure.pbc } : {}),
      });
    };
    const curve = dataset.curves[energy.split.test[0]!]!;
    const systems = [curve.points[4]!.structure, curve.points[25]!.structure];
    const water = curve.monomers[1];
    const o = (structure: Structure) =>
      Array.from(
        structure.positions.subarray(structure.positions.length - 9, structure.positions.length - 6),
      );
    const plain = await featuresOf(cpuEngine, features, systems, water);
    const turned = await featuresOf(
      cpuEngine,
      features,
      systems.map((x) => rotate(x, o(x))),
      rotate(water, o(water)),
    );
    for (const kind of ['rho-rho', 'rho-V'] as const) {
      const fit = polarisation.fits[kind];
      const before = predictDipoles(fit, plain[kind].vectors, systems.length);
      const after = predictDipoles(fit, turned[kind].vectors, systems.length);
      const size = Math.max(...before.map(Math.abs));
      expect(size).toBeGreaterThan(0);
      for (let r = 0; r < systems.length; r++) {
        const expected = applyMatrix(rotation, before, 3 * r);
        for (let k = 0; k < 3; k++)
          expect(Math.abs(after[3 * r + k]! - expected[k]!)).toBeLessThan(1e-8 * size);
      }
    }
  });

  it('ρ⊗ρ cannot learn P^W beyond its reach (> 80 %); ρ⊗V can (< 50 % at the largest training size)', () => {
    const largest = POLARISATION_SIZES.length - 1;
    expect(learning['rho-rho'][largest]!.mean).toBeGreaterThan(80);
    expect(learning['rho-V'][largest]!.mean).toBeLessThan(50);
    // More data helps ρ⊗V.
    expect(learning['rho-V'][largest]!.mean).toBeLessThan(learning['rho-V'][0]!.mean);
  });
});
