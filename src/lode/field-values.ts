/**
 * The exact fields around a centre, evaluated at points: the smooth atom density ρ_i^a(x) = Σ_{j∈a} exp(−s²/2σ²)
 * and the atom-density potential V_i^a(x) = Σ_{j∈a} erf(s/√2σ)/s, s = |x − r_ji|, over every atom of the structure
 * (docs/physics.md), or over every periodic image of a periodic structure (periodic-field-values.ts). These are the
 * functions the expansion coefficients project; evaluating them directly, rather than from the radial tables, is what
 * lets a truncated expansion be compared with the field it approximates.
 */
import erf from '@stdlib/math-base-special-erf';
import type { Structure } from '../chem/structure.ts';
import { NEGLIGIBLE_SIGMAS, periodicExactField, type PeriodicCell } from './periodic-field-values.ts';
import type { Field } from './radial-integrals.ts';

export interface FieldSource {
  readonly structure: Structure;
  /** Species channel of every atom (speciesChannels). */
  readonly channels: Int32Array;
  /** Index of the central atom: points are relative to it. */
  readonly centre: number;
  readonly sigma: number;
  /** Whether the central atom's own Gaussian is part of the field (as in the expansion). */
  readonly includeCenter: boolean;
  /** A periodic structure's lattice and Ewald parameters; absent for a finite one. */
  readonly periodic?: PeriodicCell;
}

/**
 * f_i^a at each point (flat x, y, z relative to the centre) of one species channel, or of all channels summed when
 * `channel` is null (the fields are linear in the atoms, so the sum is the field of the whole structure).
 */
export function exactField(
  field: Field,
  source: FieldSource,
  channel: number | null,
  points: Float64Array,
): Float64Array {
  if (source.periodic) return periodicExactField(field, source, source.periodic, channel, points);
  const { structure, channels, centre, sigma, includeCenter } = source;
  const p = structure.positions;
  const count = points.length / 3;
  const out = new Float64Array(count);
  const inv2s2 = 1 / (2 * sigma * sigma);
  const invSqrt2s = 1 / (Math.SQRT2 * sigma);
  const reach2 = (NEGLIGIBLE_SIGMAS * sigma) ** 2;
  /** lim_{s→0} erf(s/√2σ)/s. */
  const peak = Math.sqrt(2 / Math.PI) / sigma;
  for (let j = 0; j < channels.length; j++) {
    if ((channel !== null && channels[j] !== channel) || (j === centre && !includeCenter)) continue;
    const ax = p[3 * j] - p[3 * centre];
    const ay = p[3 * j + 1] - p[3 * centre + 1];
    const az = p[3 * j + 2] - p[3 * centre + 2];
    for (let q = 0; q < count; q++) {
      const dx = points[3 * q] - ax;
      const dy = points[3 * q + 1] - ay;
      const dz = points[3 * q + 2] - az;
      const s2 = dx * dx + dy * dy + dz * dz;
      if (field === 'density') {
        if (s2 < reach2) out[q] += Math.exp(-s2 * inv2s2);
      } else if (s2 >= reach2) {
        out[q] += 1 / Math.sqrt(s2);
      } else {
        const s = Math.sqrt(s2);
        out[q] += s < 1e-12 ? peak : erf(s * invSqrt2s) / s;
      }
    }
  }
  return out;
}
