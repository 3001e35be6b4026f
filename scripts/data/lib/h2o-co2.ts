/**
 * Rigid H2O and CO2 and their relative orientations for D2. The line of centres is +z: water's centre of mass
 * at the origin, CO2's at (0, 0, R).
 */
import type { MoleculeJson } from '../../../src/data/formats.ts';
import { centreOfMass, roundTo, translated, type Vec3 } from '../../../src/data/geometry.ts';

/** Experimental gas-phase water (O–H 0.9572 Å, H–O–H 104.52°) and CO2 (C=O 1.16 Å). */
const OH = 0.9572;
const HALF_ANGLE = ((104.52 / 2) * Math.PI) / 180;
const CO = 1.16;

type Mat3 = readonly [Vec3, Vec3, Vec3];

const deg = (x: number) => (x * Math.PI) / 180;
const rotY = (t: number): Mat3 => [
  [Math.cos(t), 0, Math.sin(t)],
  [0, 1, 0],
  [-Math.sin(t), 0, Math.cos(t)],
];
const rotZ = (t: number): Mat3 => [
  [Math.cos(t), -Math.sin(t), 0],
  [Math.sin(t), Math.cos(t), 0],
  [0, 0, 1],
];

function apply(m: Mat3, positions: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < positions.length; i += 3) {
    const [x, y, z] = [positions[i]!, positions[i + 1]!, positions[i + 2]!];
    for (const row of m) out.push(row[0] * x + row[1] * y + row[2] * z);
  }
  return out;
}

function centred(species: string[], positions: number[], charge = 0): MoleculeJson {
  const c = centreOfMass(species, positions);
  const shifted = translated(positions, [-c[0], -c[1], -c[2]], 1);
  return { species, positions: shifted.map((x) => roundTo(x, 4)), charge };
}

/** Water with its dipole (O → H midpoint) along +z and its plane xz. */
const WATER = ['O', 'H', 'H'];
const WATER_XYZ = [0, 0, 0, OH * Math.sin(HALF_ANGLE), 0, OH * Math.cos(HALF_ANGLE)];
WATER_XYZ.push(-WATER_XYZ[3]!, 0, WATER_XYZ[5]!);
const CO2 = ['C', 'O', 'O'];
const CO2_XYZ = [0, 0, 0, 0, 0, CO, 0, 0, -CO];

export interface Orientation {
  readonly id: string;
  /** Water: dipole tilt from +z (towards CO2) and spin of the molecular plane about the dipole (degrees). */
  readonly waterTilt: number;
  readonly waterSpin: number;
  /** CO2 axis: polar angle from z and azimuth from x (degrees). */
  readonly co2Polar: number;
  readonly co2Azimuth: number;
  readonly water: MoleculeJson;
  readonly co2: MoleculeJson;
}

function orient(waterTilt: number, waterSpin: number, co2Polar: number, co2Azimuth: number) {
  const water = centred(WATER, apply(rotY(deg(waterTilt)), apply(rotZ(deg(waterSpin)), WATER_XYZ)));
  const co2 = centred(CO2, apply(rotZ(deg(co2Azimuth)), apply(rotY(deg(co2Polar)), CO2_XYZ)));
  return { waterTilt, waterSpin, co2Polar, co2Azimuth, water, co2 };
}

/**
 * Intermolecular distances by element pair, sorted, at R = 7 Å: equal for orientations related by a symmetry
 * of the pair (mirror planes, the C2 of water, the D∞h of CO2), which have equal energies.
 */
function fingerprint(water: MoleculeJson, co2: MoleculeJson): number[] {
  const far = translated(co2.positions, [0, 0, 1], 7);
  const byPair = new Map<string, number[]>();
  water.species.forEach((a, i) =>
    co2.species.forEach((b, j) => {
      const d = Math.hypot(...[0, 1, 2].map((k) => water.positions[3 * i + k]! - far[3 * j + k]!));
      byPair.set(a + b, [...(byPair.get(a + b) ?? []), roundTo(d, 3)]);
    }),
  );
  return [...byPair.keys()].sort().flatMap((key) => byPair.get(key)!.sort((x, y) => x - y));
}

/** Greedy farthest-point selection in fingerprint space, starting from the first: the most distinct `count`. */
function mostDistinct<T>(items: readonly T[], vector: (item: T) => number[], count: number): T[] {
  const vectors = items.map(vector);
  const distance = (i: number, j: number) => Math.hypot(...vectors[i]!.map((x, k) => x - vectors[j]![k]!));
  const chosen = [0];
  const nearest = items.map((_, i) => distance(i, 0));
  while (chosen.length < Math.min(count, items.length)) {
    const next = nearest.indexOf(Math.max(...nearest));
    chosen.push(next);
    nearest.forEach((d, i) => (nearest[i] = Math.min(d, distance(i, next))));
  }
  return chosen.sort((a, b) => a - b).map((i) => items[i]!);
}

/** The grid the orientations are drawn from (degrees). */
const WATER_TILTS = [0, 45, 90, 135, 180];
const WATER_SPINS = [0, 45, 90];
const CO2_AXES: readonly (readonly [number, number])[] = [
  [0, 0],
  [45, 0],
  [45, 90],
  [90, 0],
  [90, 45],
  [90, 90],
];

export const ORIENTATION_COUNT = 33;

/**
 * The paper's 33 non-degenerate orientations are not listed, so they are chosen here: a symmetry-aware grid
 * (water's dipole tilted 0–180° from the line of centres, its plane spun about the dipole; CO2's axis along,
 * oblique to or across the line of centres) is reduced to orientations not related by symmetry (68), and the 33
 * most distinct of them (farthest-point sampling of their intermolecular distances) are kept, in grid order.
 */
export function h2oCo2Orientations(): Orientation[] {
  const seen = new Set<string>();
  const unique: Omit<Orientation, 'id'>[] = [];
  for (const tilt of WATER_TILTS)
    for (const spin of WATER_SPINS)
      for (const [polar, azimuth] of CO2_AXES) {
        const o = orient(tilt, spin, polar, azimuth);
        const key = fingerprint(o.water, o.co2).join();
        if (seen.has(key)) continue;
        seen.add(key);
        unique.push(o);
      }
  const chosen = mostDistinct(unique, (o) => fingerprint(o.water, o.co2), ORIENTATION_COUNT);
  return chosen.map((o, i) => ({ id: `o${String(i + 1).padStart(2, '0')}`, ...o }));
}
