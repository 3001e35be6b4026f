/**
 * Real-space projection of ρ and V on a product grid around a centre (radial Gauss–Legendre × Gauss–Legendre in
 * cos θ × uniform φ): the brute-force way, independent of the Funk–Hecke tables. Tests use a fine grid as the
 * reference; the CPU benchmark uses a coarse one as the baseline of the original grid-based LODE approach.
 * Output layout matches expansion.ts: [lm·Q + q], q = a·nMax + n.
 */
import erf from '@stdlib/math-base-special-erf';
import type { Structure } from '../../chem/structure.ts';
import type { LodeHypers } from '../hypers.ts';
import { compositeGaussLegendre, gaussLegendre } from '../quadrature.ts';
import { createRadialBasis } from '../radial-basis.ts';
import type { Field } from '../radial-integrals.ts';
import { harmonicCount, realSphericalHarmonics } from '../spherical-harmonics.ts';

export interface ProductGrid {
  readonly radialPanels: number;
  readonly radialOrder: number;
  readonly polar: number;
  readonly azimuthal: number;
}

export function gridPointCount(grid: ProductGrid): number {
  return grid.radialPanels * grid.radialOrder * grid.polar * grid.azimuthal;
}

/**
 * Writes the density and potential of every species channel at offset (x, y, z) from the centre into rho[a], pot[a]
 * (both zeroed before the call).
 */
export type FieldsAt = (x: number, y: number, z: number, rho: Float64Array, pot: Float64Array) => void;

/** Projects the fields given pointwise by `fieldsAt` on R_n Y_lm over the ball, on the product grid. */
export function projectFields(
  fieldsAt: FieldsAt,
  hypers: Required<LodeHypers>,
  grid: ProductGrid,
): Record<Field, Float64Array> {
  const { nMax, lMax, cutoff, species } = hypers;
  const nHarm = harmonicCount(lMax);
  const Q = species.length * nMax;
  const basis = createRadialBasis(hypers.radialBasis, nMax, cutoff);
  const rRule = compositeGaussLegendre(0, cutoff, grid.radialPanels, grid.radialOrder);
  const tRule = gaussLegendre(grid.polar);
  const out = { density: new Float64Array(Q * nHarm), potential: new Float64Array(Q * nHarm) };
  const rn = new Float64Array(nMax);
  const ylm = new Float64Array(nHarm);
  const rho = new Float64Array(species.length);
  const pot = new Float64Array(species.length);
  for (let q = 0; q < rRule.nodes.length; q++) {
    const r = rRule.nodes[q];
    basis.evaluate(r, rn);
    for (let t = 0; t < grid.polar; t++) {
      const ct = tRule.nodes[t];
      const st = Math.sqrt(1 - ct * ct);
      for (let a = 0; a < grid.azimuthal; a++) {
        const phi = (2 * Math.PI * a) / grid.azimuthal;
        const [x, y, z] = [r * st * Math.cos(phi), r * st * Math.sin(phi), r * ct];
        realSphericalHarmonics(lMax, x, y, z, ylm);
        rho.fill(0);
        pot.fill(0);
        fieldsAt(x, y, z, rho, pot);
        const w = rRule.weights[q] * r * r * tRule.weights[t] * ((2 * Math.PI) / grid.azimuthal);
        for (let c = 0; c < species.length; c++) {
          for (let k = 0; k < nHarm; k++) {
            const wy = w * ylm[k];
            for (let n = 0; n < nMax; n++) {
              out.density[k * Q + c * nMax + n] += wy * rho[c] * rn[n];
              out.potential[k * Q + c * nMax + n] += wy * pot[c] * rn[n];
            }
          }
        }
      }
    }
  }
  return out;
}

/** The finite structure's ρ and V around atom `centre`, projected on the grid. */
export function projectOnGrid(
  structure: Structure,
  centre: number,
  hypers: Required<LodeHypers>,
  grid: ProductGrid,
): Record<Field, Float64Array> {
  const { sigma, species } = hypers;
  const channel = structure.species.map((s) => species.indexOf(s));
  const p = structure.positions;
  const [cx, cy, cz] = [p[3 * centre], p[3 * centre + 1], p[3 * centre + 2]];
  const inv2s2 = 1 / (2 * sigma * sigma);
  const invSqrt2s = 1 / (Math.SQRT2 * sigma);
  const fieldsAt: FieldsAt = (x, y, z, rho, pot) => {
    for (let j = 0; j < channel.length; j++) {
      if (j === centre && !hypers.includeCenter) continue;
      const s = Math.hypot(cx + x - p[3 * j], cy + y - p[3 * j + 1], cz + z - p[3 * j + 2]);
      rho[channel[j]] += Math.exp(-s * s * inv2s2);
      pot[channel[j]] += s < 1e-12 ? Math.sqrt(2 / Math.PI) / sigma : erf(s * invSqrt2s) / s;
    }
  };
  return projectFields(fieldsAt, hypers, grid);
}
