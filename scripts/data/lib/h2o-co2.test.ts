import { describe, expect, it } from 'vitest';
import { centreOfMass } from '../../../src/data/geometry.ts';
import { h2oCo2Orientations } from './h2o-co2.ts';

const distance = (p: readonly number[], i: number, j: number) =>
  Math.hypot(...[0, 1, 2].map((k) => p[3 * i + k]! - p[3 * j + k]!));

describe('h2oCo2Orientations', () => {
  const orientations = h2oCo2Orientations();

  it('gives 33 distinct orientations of rigid, centred monomers', () => {
    expect(orientations).toHaveLength(33);
    expect(new Set(orientations.map((o) => JSON.stringify([o.water, o.co2]))).size).toBe(33);
    for (const { water, co2 } of orientations) {
      expect(distance(water.positions, 0, 1)).toBeCloseTo(0.9572, 3);
      expect(distance(water.positions, 1, 2)).toBeCloseTo(2 * 0.9572 * Math.sin((104.52 * Math.PI) / 360), 3);
      expect(distance(co2.positions, 0, 1)).toBeCloseTo(1.16, 3);
      for (const m of [water, co2])
        for (const c of centreOfMass(m.species, m.positions)) expect(c).toBeCloseTo(0, 3);
    }
  });

  it('contains the two axial water geometries with CO2 along the line of centres', () => {
    const axial = orientations.filter((o) => o.co2Polar === 0 && o.waterTilt % 180 === 0);
    expect(axial.map((o) => o.waterTilt)).toEqual([0, 180]);
  });
});
