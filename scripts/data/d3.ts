/**
 * D3: water above Li(100) (paper §4.2). DFT for 81 × 31 points is out of reach here, so the targets come from the
 * image-charge model of src/physics/image-model.ts, whose image plane, smearing, repulsion and C3 are fitted to the
 * CP2K PBE-D3 validation set (public/data/d3-dft-validation.json, from scripts/data/d3-dft.ts). Writes
 * public/data/d3-li-water.json: the paper's 5×5 × 13-layer slab, 81 waters × 31 heights, binding energy (eV) and
 * induced dipole P^W (e·Å) per point.
 *
 *   npx tsx scripts/data/d3.ts
 */
import { readFileSync } from 'node:fs';
import { LI_BCC_A } from '../../src/chem/builders.ts';
import type { D3File } from '../../src/data/formats.ts';
import { roundTo } from '../../src/data/geometry.ts';
import { fitImageModel, type ImageModelFit, type ReferencePoint } from '../../src/physics/fit-image-model.ts';
import {
  COULOMB_EV,
  DISPERSION_DAMPING,
  WATER_CHARGES,
  WATER_POLARISABILITY,
  waterOnConductor,
  type Surface,
} from '../../src/physics/image-model.ts';
import {
  LI_WATER_HEIGHTS,
  liWaterCell,
  PAPER_SLAB,
  placeWater,
  slabPositions,
  waterConfigurations,
  type SlabGeometry,
} from '../../src/physics/li-water-geometry.ts';
import { compactJson } from './lib/json-out.ts';
import { sha256, writeWithChecksum } from './lib/provenance.ts';
import { VALIDATION_OUT, type D3DftFile } from './d3-dft.ts';

const OUT = 'public/data/d3-li-water.json';
/** Vacuum above the highest water position in the stored cell (Å); the slab is not periodic along z. */
const VACUUM = 30;

function surfaceOf(slab: SlabGeometry): Surface {
  const cell = liWaterCell(slab);
  return { top: cell.top, period: cell.period, atoms: slabPositions(slab) };
}

/** The DFT points (converged ones only) as fitting targets, on the validation set's own slab. */
function referencePoints(validation: D3DftFile): ReferencePoint[] {
  const surface = surfaceOf(validation.slab);
  return validation.configurations.flatMap((config, i) =>
    validation.heights.flatMap((height, k) => {
      const energy = validation.bindingEnergies[i]![k];
      if (energy === null || energy === undefined) return [];
      return [{ water: placeWater(config, height, validation.slab), surface, energy }];
    }),
  );
}

/** Model P^W against the DFT (Mulliken) P^W on the validation points: RMS of each and of the difference. */
function dipoleComparison(validation: D3DftFile, fit: ImageModelFit) {
  const surface = surfaceOf(validation.slab);
  const model: number[] = [];
  const dft: number[] = [];
  validation.configurations.forEach((config, i) =>
    validation.heights.forEach((height, k) => {
      const reference = validation.inducedDipoles[i]![k];
      if (!reference) return;
      const water = placeWater(config, height, validation.slab);
      model.push(...waterOnConductor(water, surface, fit.parameters).inducedDipole);
      dft.push(...reference);
    }),
  );
  const rms = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / Math.max(v.length / 3, 1));
  return {
    dipoleRmsModel: roundTo(rms(model), 5),
    dipoleRmsDft: roundTo(rms(dft), 5),
    dipoleRmsDifference: roundTo(rms(model.map((x, i) => x - dft[i]!)), 5),
  };
}

function main(): void {
  const start = performance.now();
  const validationText = readFileSync(VALIDATION_OUT, 'utf8');
  const validation = JSON.parse(validationText) as D3DftFile;
  const references = referencePoints(validation);
  const fit = fitImageModel(references);
  process.stderr.write(
    `fit to ${VALIDATION_OUT}: RMSE ${fit.rmse.toFixed(4)} eV, MAE ${fit.mae.toFixed(4)} eV, ${fit.iterations} iterations\n`,
  );

  const surface = surfaceOf(PAPER_SLAB);
  const cell = liWaterCell(PAPER_SLAB);
  // Stored to 1e-4 Å, and every point computed from exactly the stored geometry.
  const waters = waterConfigurations().map((w) => ({
    ...w,
    positions: w.positions.map((x) => roundTo(x, 4)),
  }));
  const results = waters.map((w) =>
    LI_WATER_HEIGHTS.map((h) => waterOnConductor(placeWater(w, h, PAPER_SLAB), surface, fit.parameters)),
  );
  const wall = (performance.now() - start) / 1000;
  const points = waters.length * LI_WATER_HEIGHTS.length;
  const parameters = Object.fromEntries(
    Object.entries(fit.parameters).map(([key, value]) => [key, roundTo(value, 6)]),
  );
  const level = 'image-charge model (fit to PBE-D3)';
  const file: D3File = {
    format: 'lode-d3-li-water/1',
    description:
      'A water molecule above a bcc Li(100) slab (a = 3.51 Å, 5×5 surface cell, 13 layers, periodic in x and y): 81 water configurations (O–H 0.9572 ± 0.05 Å, H–O–H 104.52 ± 8°, random orientations) with O above the central hollow site and the lowest atom 0.5–8 Å above the top layer. Binding energy (eV) and induced dipole P^W (e·Å) from an image-charge model of a perfect conductor (TIP3P charges, polarisable O, self-consistent images, Born–Mayer repulsion, damped −C3/z³) fitted to CP2K PBE-D3 single points.',
    provenance: [
      {
        level,
        program: 'lode-explorer src/physics/image-model.ts',
        version: JSON.parse(readFileSync('package.json', 'utf8')).version as string,
        method:
          'perfect-conductor images of TIP3P charges and of a self-consistent induced point dipole at O (Gaussian-smeared), Born–Mayer O–Li/H–Li repulsion, −C3/((z_O − z_image)² + d²)^{3/2} dispersion',
        basis: 'none (classical model)',
        settings: {
          ...parameters,
          chargeO: WATER_CHARGES.O,
          chargeH: WATER_CHARGES.H,
          polarisability: WATER_POLARISABILITY,
          dispersionDamping: DISPERSION_DAMPING,
          coulomb: COULOMB_EV,
          fittedTo: `${VALIDATION_OUT} (sha256 ${sha256(validationText)})`,
          fitPoints: references.length,
          fitRmse: roundTo(fit.rmse, 5),
          fitMae: roundTo(fit.mae, 5),
          fitWeights: '1/(|E_DFT| + 0.05 eV)',
          ...dipoleComparison(validation, fit),
        },
        command: 'in process (no external program)',
        generator: 'tsx scripts/data/d3.ts',
        date: new Date().toISOString(),
        points,
        wallSeconds: roundTo(wall, 1),
        meanPointSeconds: roundTo(wall / points, 6),
        failures: [],
      },
    ],
    slab: {
      symbol: 'Li',
      latticeConstant: LI_BCC_A,
      size: PAPER_SLAB.size,
      layers: PAPER_SLAB.layers,
      positions: Array.from(surface.atoms, (x) => roundTo(x, 4)),
    },
    cell: [cell.period, cell.period, roundTo(cell.top + Math.max(...LI_WATER_HEIGHTS) + 2 + VACUUM, 4)],
    top: roundTo(cell.top, 4),
    site: [roundTo(cell.site[0], 4), roundTo(cell.site[1], 4)],
    heights: LI_WATER_HEIGHTS,
    waters: waters.map(({ id, positions }) => ({ id, positions })),
    energies: results.map((row) => row.map((r) => roundTo(r.energy, 6))),
    inducedDipoles: results.map((row) =>
      row.map((r) => r.inducedDipole.map((x) => roundTo(x, 6)) as unknown as [number, number, number]),
    ),
  };
  const digest = writeWithChecksum(OUT, compactJson(file));
  process.stderr.write(`wrote ${OUT}: ${points} points (sha256 ${digest.slice(0, 16)}…)\n`);
}

main();
