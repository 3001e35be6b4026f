import { describe, expect, it } from 'vitest';
import { fitImageModel, type ReferencePoint } from './fit-image-model.ts';
import { waterOnConductor, type ImageModelParameters } from './image-model.ts';
import { liWaterCell, placeWater, slabPositions, waterConfigurations } from './li-water-geometry.ts';

const SLAB = { size: 5, layers: 5 };
const TRUE: ImageModelParameters = {
  imagePlane: 0.5,
  smearing: 0.6,
  repulsionO: 600,
  repulsionH: 30,
  repulsionLength: 0.35,
  c3: 1.5,
};

describe('fitImageModel', () => {
  it('recovers the binding curves of known parameters from 2 orientations × 8 heights', () => {
    const cell = liWaterCell(SLAB);
    const surface = { top: cell.top, period: cell.period, atoms: slabPositions(SLAB) };
    const waters = waterConfigurations().slice(0, 2);
    const heights = [1, 1.5, 2, 2.5, 3, 4, 5, 6.5];
    const points: ReferencePoint[] = waters.flatMap((w) =>
      heights.map((h) => {
        const water = placeWater(w, h, SLAB);
        return { water, surface, energy: waterOnConductor(water, surface, TRUE).energy };
      }),
    );
    const fit = fitImageModel(points);
    expect(fit.rmse).toBeLessThan(1e-9);
    for (const [key, value] of Object.entries(TRUE)) {
      expect(fit.parameters[key as keyof ImageModelParameters] / value).toBeCloseTo(1, 6);
    }
    // The held-out configurations follow too: the fit found the physics, not just the 16 numbers.
    for (const w of waterConfigurations().slice(2, 6)) {
      for (const h of [1.25, 3.5, 8]) {
        const water = placeWater(w, h, SLAB);
        const expected = waterOnConductor(water, surface, TRUE).energy;
        expect(Math.abs(waterOnConductor(water, surface, fit.parameters).energy - expected)).toBeLessThan(
          0.01 + 0.05 * Math.abs(expected),
        );
      }
    }
  });
});
