/**
 * Textbook Ewald sums of Gaussian charges, evaluated point by point: the density and potential of every species
 * channel of a periodic structure at any point, as the independent reference of the periodic tests. Its own image
 * loops and k-vectors, no tables, no harmonics, no far-field split:
 *  - bulk: Σ_T φ_SR over images + (4π/Ω) Σ_{k≠0} e^{−η²k²/2}/k² Σ_j cos k·(x − r_j) − N_a 2π(η² − σ²)/Ω;
 *  - slab (exact 2D Ewald, Parry's form): Σ_T∥ φ_SR over in-plane images
 *    + (π/A) Σ_{k∥≠0} cos k∥·(x − r_j)/k [e^{kz} erfc(kη/√2 + z/√2η) + e^{−kz} erfc(kη/√2 − z/√2η)]
 *    − (2π/A) Σ_j [z erf(z/√2η) + √(2/π) η e^{−z²/2η²}],   z = n̂·(x − r_j).
 */
import erf from '@stdlib/math-base-special-erf';
import erfc from '@stdlib/math-base-special-erfc';
import type { Structure } from '../../chem/structure.ts';
import type { LodeHypers } from '../hypers.ts';
import type { FieldsAt } from './grid-projection.ts';

type V3 = [number, number, number];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot3 = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const crossProduct = (a: V3, b: V3): V3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** Ewald width η (Å) of the reference; sums are cut where erfc is below 2e−17 and the Gaussian below 7e−13. */
export interface ReferenceOptions {
  readonly eta: number;
}

interface Source {
  readonly at: V3;
  readonly channel: number;
}

/** The fields of the periodic structure around atom `centre` (its pbc: T T T, or T T F with a, b in-plane). */
export function periodicFieldsAt(
  structure: Structure,
  centre: number,
  hypers: Required<LodeHypers>,
  { eta }: ReferenceOptions,
): FieldsAt {
  const { sigma, cutoff, species } = hypers;
  const cell = structure.cell!;
  const rows: V3[] = [0, 1, 2].map((k) => [cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]]);
  const slab = !structure.pbc![2];
  const atoms: Source[] = structure.species.map((s, j) => ({
    at: [structure.positions[3 * j], structure.positions[3 * j + 1], structure.positions[3 * j + 2]],
    channel: species.indexOf(s),
  }));
  const origin = atoms[centre].at;
  const realCut = 6 * Math.SQRT2 * eta; // erfc(6) ≈ 2e−17
  const kCut = 7.5 / eta; // e^{−28} ≈ 7e−13

  // Every image within cutoff + realCut of the centre, by brute force over a generous block of translations.
  const reach = cutoff + realCut;
  const images: Source[] = [];
  const periodicRows = slab ? rows.slice(0, 2) : rows;
  const normal = crossProduct(rows[0], rows[1]);
  const area = Math.sqrt(dot3(normal, normal));
  const unitNormal: V3 = [normal[0] / area, normal[1] / area, normal[2] / area];
  const volume = Math.abs(dot3(rows[0], crossProduct(rows[1], rows[2])));
  const spacing = periodicRows.map((_, k) => {
    // Distance between lattice planes spanned by the other periodic vectors (slab: within the plane).
    const others = slab ? [unitNormal, rows[1 - k]] : rows.filter((__, x) => x !== k);
    const perpendicular = crossProduct(others[0] as V3, others[1] as V3);
    return Math.abs(dot3(rows[k], perpendicular)) / Math.sqrt(dot3(perpendicular, perpendicular));
  });
  const bounds = [0, 1, 2].map((k) => (k < periodicRows.length ? Math.ceil((reach + 20) / spacing[k]) : 0));
  for (const atom of atoms) {
    for (let n0 = -bounds[0]; n0 <= bounds[0]; n0++) {
      for (let n1 = -bounds[1]; n1 <= bounds[1]; n1++) {
        for (let n2 = -bounds[2]; n2 <= bounds[2]; n2++) {
          const at: V3 = [0, 1, 2].map(
            (x) => atom.at[x] + n0 * rows[0][x] + n1 * rows[1][x] + n2 * rows[2][x],
          ) as V3;
          const d = sub(at, origin);
          if (dot3(d, d) < reach * reach) images.push({ at, channel: atom.channel });
        }
      }
    }
  }

  // Reciprocal vectors (all of them, not half): 2π × the duals of the periodic rows.
  const basis = slab ? [rows[0], rows[1], unitNormal] : rows;
  const triple = dot3(basis[0], crossProduct(basis[1], basis[2]));
  const reciprocal = [0, 1, 2].map((k) => {
    const c = crossProduct(basis[(k + 1) % 3], basis[(k + 2) % 3]);
    return c.map((x) => (2 * Math.PI * x) / triple) as V3;
  });
  const kBounds = [0, 1, 2].map((k) =>
    k < periodicRows.length ? Math.ceil((kCut * Math.sqrt(dot3(basis[k], basis[k]))) / (2 * Math.PI)) + 1 : 0,
  );
  const waves: V3[] = [];
  const weights: number[] = [];
  for (let n0 = -kBounds[0]; n0 <= kBounds[0]; n0++) {
    for (let n1 = -kBounds[1]; n1 <= kBounds[1]; n1++) {
      for (let n2 = -kBounds[2]; n2 <= kBounds[2]; n2++) {
        if (n0 === 0 && n1 === 0 && n2 === 0) continue;
        const k = [0, 1, 2].map(
          (x) => n0 * reciprocal[0][x] + n1 * reciprocal[1][x] + n2 * reciprocal[2][x],
        ) as V3;
        const k2 = dot3(k, k);
        if (k2 > kCut * kCut) continue;
        waves.push(k);
        const kn = Math.sqrt(k2);
        weights.push(
          slab ? Math.PI / (area * kn) : ((4 * Math.PI) / volume) * (Math.exp(-0.5 * eta * eta * k2) / k2),
        );
      }
    }
  }

  const counts = species.map((_, a) => atoms.filter((s) => s.channel === a).length);
  const a2 = 1 / (Math.SQRT2 * sigma);
  const a2eta = 1 / (Math.SQRT2 * eta);
  const shortRange = (s: number) =>
    s < 1e-10 ? Math.sqrt(2 / Math.PI) * (1 / sigma - 1 / eta) : (erf(s * a2) - erf(s * a2eta)) / s;

  const imageAt = Float64Array.from(images.flatMap((image) => image.at));
  const waveAt = Float64Array.from(waves.flat());
  const waveNorm = Float64Array.from(waves.map((k) => Math.sqrt(dot3(k, k))));
  return (x, y, z, rho, pot) => {
    const point: V3 = [origin[0] + x, origin[1] + y, origin[2] + z];
    for (let m = 0; m < images.length; m++) {
      const dx = point[0] - imageAt[3 * m];
      const dy = point[1] - imageAt[3 * m + 1];
      const dz = point[2] - imageAt[3 * m + 2];
      const s2 = dx * dx + dy * dy + dz * dz;
      rho[images[m].channel] += Math.exp((-0.5 * s2) / (sigma * sigma));
      pot[images[m].channel] += shortRange(Math.sqrt(s2));
    }
    for (const atom of atoms) {
      const d = sub(point, atom.at);
      const height = dot3(d, unitNormal);
      const v = height * a2eta;
      let sum = 0;
      for (let w = 0; w < weights.length; w++) {
        const phase = Math.cos(waveAt[3 * w] * d[0] + waveAt[3 * w + 1] * d[1] + waveAt[3 * w + 2] * d[2]);
        if (!slab) {
          sum += weights[w] * phase;
          continue;
        }
        const kn = waveNorm[w];
        const u = (kn * eta) / Math.SQRT2;
        sum +=
          weights[w] * phase * (Math.exp(kn * height) * erfc(u + v) + Math.exp(-kn * height) * erfc(u - v));
      }
      pot[atom.channel] += sum;
      if (slab) {
        pot[atom.channel] -=
          ((2 * Math.PI) / area) *
          (height * erf(v) + Math.sqrt(2 / Math.PI) * eta * Math.exp(-0.5 * (height / eta) ** 2));
      }
    }
    if (!slab) counts.forEach((n, a) => (pot[a] -= (n * 2 * Math.PI * (eta * eta - sigma * sigma)) / volume));
  };
}
