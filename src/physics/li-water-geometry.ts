/**
 * Geometry of the water-on-Li(100) dataset (paper §4.2): a bcc Li (100) slab, 5×5 surface cell × 13 layers,
 * periodic in x and y, and 81 water molecules (varied internal geometry and orientation) each placed at 31 heights.
 * Shared by the energy model, the DFT validation generator and the dataset loader, so all see the same atoms.
 */
import { bcc100Slab, LI_BCC_A } from '../chem/builders.ts';
import { seededRandom } from '../util/random.ts';
import { applyMatrix, randomRotation } from '../util/rotation.ts';

export interface SlabGeometry {
  readonly size: number;
  readonly layers: number;
}

/** The paper's slab: 5 × 5 atoms per layer, 13 layers. */
export const PAPER_SLAB: SlabGeometry = { size: 5, layers: 13 };

/** Heights (Å) of the water's lowest atom above the top layer's nuclei: 0.5 to 8 in 31 steps of 0.25. */
export const LI_WATER_HEIGHTS: readonly number[] = Array.from({ length: 31 }, (_, i) => 0.5 + 0.25 * i);

export const WATER_CONFIGURATION_COUNT = 81;
const WATER_SEED = 2021;
const OH_EQUILIBRIUM = 0.9572;
const HOH_EQUILIBRIUM = 104.52;
/** Internal-geometry spread: O–H lengths ± 0.05 Å, angle ± 8° (uniform), around the gas-phase geometry. */
const OH_SPREAD = 0.05;
const HOH_SPREAD = 8;

/** A water molecule in its own frame: O at the origin, flat [O, H, H] positions (Å). */
export interface WaterConfiguration {
  readonly id: string;
  readonly positions: readonly number[];
}

/** The 81 water configurations: seeded internal geometries and uniformly random orientations. */
export function waterConfigurations(count = WATER_CONFIGURATION_COUNT): WaterConfiguration[] {
  const random = seededRandom(WATER_SEED);
  const spread = (width: number) => (2 * random() - 1) * width;
  return Array.from({ length: count }, (_, k) => {
    const r1 = OH_EQUILIBRIUM + spread(OH_SPREAD);
    const r2 = OH_EQUILIBRIUM + spread(OH_SPREAD);
    const half = ((HOH_EQUILIBRIUM + spread(HOH_SPREAD)) * Math.PI) / 360;
    const rotation = randomRotation(random);
    const h1 = applyMatrix(rotation, [r1 * Math.sin(half), 0, r1 * Math.cos(half)]);
    const h2 = applyMatrix(rotation, [-r2 * Math.sin(half), 0, r2 * Math.cos(half)]);
    return { id: `w${String(k + 1).padStart(2, '0')}`, positions: [0, 0, 0, ...h1, ...h2] };
  });
}

export interface LiWaterCell {
  /** Lateral period along x and y (Å). */
  readonly period: number;
  /** z of the top layer's nuclei (Å); the bottom layer is at 0. */
  readonly top: number;
  /** Lateral position of the water's O: the hollow site at the centre of the top layer. */
  readonly site: readonly [number, number];
}

export function liWaterCell(slab: SlabGeometry = PAPER_SLAB): LiWaterCell {
  const period = slab.size * LI_BCC_A;
  const top = ((slab.layers - 1) * LI_BCC_A) / 2;
  // The top layer is a square grid at multiples of a (shifted by a/2 when its index is odd); hollow sites sit
  // half a lattice constant off it. For an odd size the cell centre is such a site.
  const topShift = ((slab.layers - 1) % 2) * (LI_BCC_A / 2);
  const centre = Math.floor(slab.size / 2) * LI_BCC_A + topShift + LI_BCC_A / 2;
  return { period, top, site: [centre, centre] };
}

/** Li positions of the slab (flat, Å). */
export function slabPositions(slab: SlabGeometry = PAPER_SLAB): number[] {
  return bcc100Slab('Li', { a: LI_BCC_A, ...slab }).positions;
}

/** Positions of a water configuration with O above the hollow site and its lowest atom `height` above the top. */
export function placeWater(
  water: WaterConfiguration,
  height: number,
  slab: SlabGeometry = PAPER_SLAB,
): number[] {
  const cell = liWaterCell(slab);
  const p = water.positions;
  const lowest = Math.min(p[2]!, p[5]!, p[8]!);
  const shift = [cell.site[0], cell.site[1], cell.top + height - lowest];
  return p.map((x, i) => x + shift[i % 3]!);
}
