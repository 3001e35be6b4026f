import erf from '@stdlib/math-base-special-erf';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import {
  COULOMB_EV,
  smearedKernel,
  WATER_CHARGES,
  WATER_POLARISABILITY,
  waterOnConductor,
  type ImageModelParameters,
  type Surface,
} from './image-model.ts';
import { liWaterCell, placeWater, slabPositions, waterConfigurations } from './li-water-geometry.ts';

const PARAMS: ImageModelParameters = {
  imagePlane: 1.2,
  smearing: 0.5,
  repulsionO: 300,
  repulsionH: 40,
  repulsionLength: 0.35,
  c3: 2,
};
const cell = liWaterCell();
const SURFACE: Surface = { top: cell.top, period: cell.period, atoms: slabPositions() };
const NO_SHORT_RANGE: ImageModelParameters = { ...PARAMS, repulsionO: 0, repulsionH: 0, c3: 0 };
const waters = waterConfigurations();

describe('smeared kernel erf(r/a)/r', () => {
  it('has the derivatives of finite differences, across the series/closed-form switch', () => {
    const a = 1.1;
    const f = (r: number) => erf(r / a) / r;
    for (const r of [5e-4, 1.2e-3, 0.05, 0.7, 2.3, 6]) {
      const h = 1e-4 * Math.max(r, 1e-2);
      const k = smearedKernel(r, a);
      const d1 = (f(r + h) - f(r - h)) / (2 * h);
      const d2 = (f(r + h) - 2 * f(r) + f(r - h)) / (h * h);
      expect(k.f).toBeCloseTo(f(r), 12);
      expect(k.dfOverR * r).toBeCloseTo(d1, 6);
      expect(k.d2f).toBeCloseTo(d2, 3);
    }
  });
});

describe('water above a perfect conductor', () => {
  it('reproduces the classical dipole–image energy −μ²(1 + cos²θ)/(16 z³) far from the plane', () => {
    for (const water of waters.slice(0, 5)) {
      const positions = placeWater(water, 40);
      const q = [WATER_CHARGES.O, WATER_CHARGES.H, WATER_CHARGES.H];
      const mu = [0, 1, 2].map((k) => q.reduce((s, qi, i) => s + qi * positions[3 * i + k]!, 0));
      const mu2 = mu[0]! ** 2 + mu[1]! ** 2 + mu[2]! ** 2;
      const z = positions[2]! - (SURFACE.top + NO_SHORT_RANGE.imagePlane);
      const expected = (-COULOMB_EV * (mu2 + mu[2]! ** 2)) / (16 * z ** 3);
      const { energy } = waterOnConductor(positions, SURFACE, NO_SHORT_RANGE);
      // Quadrupole and polarisation corrections are O(1/z) and O(α/z³) relative.
      expect(Math.abs(energy / expected - 1)).toBeLessThan(0.1);
      expect(energy).toBeLessThan(0);
    }
  });

  it('solves the induced dipole self-consistently: iterating with a finite image dipole agrees', () => {
    const water = placeWater(waters[3]!, 0.8);
    const response = waterOnConductor(water, SURFACE, NO_SHORT_RANGE);
    const zImage = SURFACE.top + NO_SHORT_RANGE.imagePlane;
    const a = 2 * NO_SHORT_RANGE.smearing;
    const o = [water[0]!, water[1]!, water[2]!];
    const mirror = (r: number[]) => [r[0]!, r[1]!, 2 * zImage - r[2]!];
    // Potential at x of a smeared charge q at c; the field by central differences of the potential.
    const potential = (x: number[], sources: { q: number; at: number[] }[]) =>
      sources.reduce(
        (s, { q, at }) =>
          s + q * smearedKernel(Math.hypot(x[0]! - at[0]!, x[1]! - at[1]!, x[2]! - at[2]!), a).f,
        0,
      );
    const field = (x: number[], sources: { q: number; at: number[] }[]) =>
      [0, 1, 2].map((k) => {
        const h = 1e-5;
        const up = [...x];
        const down = [...x];
        up[k]! += h;
        down[k]! -= h;
        return -(potential(up, sources) - potential(down, sources)) / (2 * h);
      });
    const charges = [WATER_CHARGES.O, WATER_CHARGES.H, WATER_CHARGES.H];
    const chargeImages = charges.map((q, i) => ({
      q: -q,
      at: mirror([water[3 * i]!, water[3 * i + 1]!, water[3 * i + 2]!]),
    }));
    const external = field(o, chargeImages);
    // The image of p: image charges of the ±p/δ pair that represents p (δ small).
    const delta = 1e-3;
    const dipoleImage = (p: number[]) => {
      const plus = o.map((x, k) => x + (p[k]! / 2) * delta);
      const minus = o.map((x, k) => x - (p[k]! / 2) * delta);
      return [
        { q: -1 / delta, at: mirror(plus) },
        { q: 1 / delta, at: mirror(minus) },
      ];
    };
    let p = [0, 0, 0];
    for (let iteration = 0; iteration < 200; iteration++) {
      const imageField = field(o, dipoleImage(p));
      p = [0, 1, 2].map((k) => WATER_POLARISABILITY * (external[k]! + imageField[k]!));
    }
    // The finite dipole and finite-difference fields are accurate to ~1e-5 relative.
    const size = Math.hypot(...p);
    expect(size).toBeGreaterThan(0.01);
    for (let k = 0; k < 3; k++)
      expect(Math.abs(response.inducedDipole[k]! - p[k]!)).toBeLessThan(1e-4 * size);
    // Energy: U(p) = ½ Σ q_i φ_images(r_i) − p·E − ½ p·E_image(p) + p²/(2α), stationary at the solution.
    const u = (p: number[]) => {
      const half =
        0.5 *
        charges.reduce(
          (s, q, i) => s + q * potential([water[3 * i]!, water[3 * i + 1]!, water[3 * i + 2]!], chargeImages),
          0,
        );
      const imageField = field(o, dipoleImage(p));
      const dot = (x: number[], y: number[]) => x[0]! * y[0]! + x[1]! * y[1]! + x[2]! * y[2]!;
      return (
        COULOMB_EV *
        (half - dot(p, external) - 0.5 * dot(p, imageField) + dot(p, p) / (2 * WATER_POLARISABILITY))
      );
    };
    expect(Math.abs(response.electrostatic / u(p) - 1)).toBeLessThan(1e-4);
    const random = seededRandom(4);
    for (let trial = 0; trial < 5; trial++) {
      const shifted = p.map((x) => x + 0.01 * (random() - 0.5));
      expect(u(shifted)).toBeGreaterThan(response.electrostatic);
    }
  });

  it('is periodic in the surface plane and its repulsion decays away from the slab', () => {
    const water = placeWater(waters[7]!, 1.5);
    const moved = water.map((x, i) =>
      i % 3 === 0 ? x + SURFACE.period : i % 3 === 1 ? x - 2 * SURFACE.period : x,
    );
    const here = waterOnConductor(water, SURFACE, PARAMS);
    expect(waterOnConductor(moved, SURFACE, PARAMS).energy).toBeCloseTo(here.energy, 10);
    const far = waterOnConductor(placeWater(waters[7]!, 6), SURFACE, PARAMS);
    expect(far.repulsion).toBeLessThan(1e-4 * here.repulsion);
  });
});
