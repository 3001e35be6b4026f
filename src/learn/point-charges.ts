/**
 * Fixed point-charge baseline (paper Fig. 4): E = k Σ_{i<j, different molecules} q_{a_i} q_{a_j} / r_ij with one
 * charge per species, fitted by least squares to intermolecular energies.
 *
 * E is bilinear in q: per sample, E = qᵀC q with C_ab = k Σ 1/r_ij over cross-molecule pairs of species (a, b)
 * (split evenly between C_ab and C_ba). The fit has two stages:
 *  1. linear least squares for the products P_ab = q_a q_b (one coefficient per species pair), whose best
 *     rank-one approximation √λ₁·v₁ (leading eigenpair of P) is the starting point;
 *  2. Levenberg–Marquardt on the bilinear residuals E − qᵀCq (Jacobian 2C q), which minimises the actual
 *     least-squares objective in q. Charges are determined up to a global sign (E is even in q): the returned
 *     set has its largest-magnitude charge positive.
 */
import { LearnInputError, ShapeMismatchError } from './errors.ts';
import { levenbergMarquardt } from './least-squares.ts';
import { symmetricEigen } from './linalg.ts';
import { checkFinite, matrix64 } from './matrix.ts';
import { fitRidge } from './ridge.ts';

/** e²/(4πε₀) in eV·Å (CODATA 2018): energies in eV for charges in e and distances in Å. */
export const COULOMB_EV_ANGSTROM = 14.399645478425668;

export interface ChargedGeometry {
  readonly species: readonly string[];
  /** Flat [x0, y0, z0, x1, ...] (Å). */
  readonly positions: ArrayLike<number>;
  /** Molecule label of each atom: only atoms of different molecules interact. */
  readonly molecules: ArrayLike<number>;
}

export interface PointChargeSample extends ChargedGeometry {
  readonly energy: number;
}

export interface PointChargeOptions {
  /** Order of the fitted charges (default: species in order of first appearance). */
  readonly species?: readonly string[];
  /** Coulomb constant k (default COULOMB_EV_ANGSTROM). */
  readonly coulomb?: number;
  readonly maxIterations?: number;
  /** Stop when the step is below tolerance·(|q| + tolerance) (default 1e−12). */
  readonly tolerance?: number;
}

export interface PointChargeModel {
  readonly species: readonly string[];
  /** One per species, same order. */
  readonly charges: Float64Array;
  readonly coulomb: number;
  /** Training RMSE. */
  readonly rmse: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/** The S × S matrix C of one geometry (E = qᵀCq), row-major. */
export function coulombPairMatrix(
  g: ChargedGeometry,
  species: readonly string[],
  coulomb: number,
): Float64Array {
  const s = species.length;
  const n = g.species.length;
  if (g.positions.length !== 3 * n || g.molecules.length !== n) {
    throw new ShapeMismatchError('sample', `${n} atoms need ${3 * n} coordinates and ${n} molecule labels`);
  }
  checkFinite('positions', g.positions);
  const index = g.species.map((sp) => {
    const i = species.indexOf(sp);
    if (i < 0) throw new LearnInputError('species', `'${sp}' is not among the fitted species`);
    return i;
  });
  const c = new Float64Array(s * s);
  const p = g.positions;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (g.molecules[i] === g.molecules[j]) continue;
      const r = Math.hypot(p[3 * i] - p[3 * j], p[3 * i + 1] - p[3 * j + 1], p[3 * i + 2] - p[3 * j + 2]);
      const v = coulomb / r;
      c[index[i] * s + index[j]] += v / 2;
      c[index[j] * s + index[i]] += v / 2;
    }
  }
  return c;
}

/** qᵀCq. */
function quadratic(c: Float64Array, q: Float64Array): number {
  const s = q.length;
  let e = 0;
  for (let a = 0; a < s; a++) for (let b = 0; b < s; b++) e += q[a] * c[a * s + b] * q[b];
  return e;
}

function sumSquares(cs: readonly Float64Array[], energies: readonly number[], q: Float64Array): number {
  return cs.reduce((sum, c, i) => sum + (energies[i] - quadratic(c, q)) ** 2, 0);
}

/** Stage 1: least squares for P_ab = q_a q_b, then its leading rank-one factor. */
function initialCharges(cs: readonly Float64Array[], energies: readonly number[], s: number): Float64Array {
  const pairs: [number, number][] = [];
  for (let a = 0; a < s; a++) for (let b = a; b < s; b++) pairs.push([a, b]);
  const x = matrix64(cs.length, pairs.length);
  cs.forEach((c, i) =>
    pairs.forEach(([a, b], k) => (x.data[i * pairs.length + k] = a === b ? c[a * s + a] : 2 * c[a * s + b])),
  );
  const { weights } = fitRidge({ x, y: Float64Array.from(energies) }, { alpha: 0 });
  const products = new Float64Array(s * s);
  pairs.forEach(([a, b], k) => {
    products[a * s + b] = weights[k];
    products[b * s + a] = weights[k];
  });
  const { values, vectors } = symmetricEigen(products, s);
  const top = values[s - 1];
  const scale = Math.sqrt(Math.abs(top));
  return Float64Array.from({ length: s }, (_, a) => scale * vectors[a * s + s - 1]);
}

/** Stage 2: Levenberg–Marquardt on qᵀCq − E, with the analytic Jacobian 2Cq. */
function refine(
  cs: readonly Float64Array[],
  energies: readonly number[],
  start: Float64Array,
  maxIterations: number,
  tolerance: number,
): { q: Float64Array; iterations: number; converged: boolean } {
  const s = start.length;
  const result = levenbergMarquardt(
    {
      start,
      residuals: (q) => Float64Array.from(cs, (c, i) => quadratic(c, q) - energies[i]!),
      jacobian: (q) => {
        const jac = new Float64Array(cs.length * s);
        cs.forEach((c, i) => {
          for (let k = 0; k < s; k++) {
            let t = 0;
            for (let b = 0; b < s; b++) t += 2 * c[k * s + b]! * q[b]!;
            jac[i * s + k] = t;
          }
        });
        return jac;
      },
    },
    { maxIterations, tolerance },
  );
  return { q: result.x, iterations: result.iterations, converged: result.converged };
}

export function fitPointCharges(
  samples: readonly PointChargeSample[],
  options: PointChargeOptions = {},
): PointChargeModel {
  if (samples.length === 0) throw new LearnInputError('samples', 'is empty');
  const species = options.species ?? [...new Set(samples.flatMap((s) => s.species))];
  const coulomb = options.coulomb ?? COULOMB_EV_ANGSTROM;
  const energies = samples.map((s) => s.energy);
  checkFinite('energy', energies);
  const cs = samples.map((g) => coulombPairMatrix(g, species, coulomb));
  const s = species.length;
  const warnings: string[] = [];
  const silent = species.filter((_, a) =>
    cs.every((c) => c.subarray(a * s, (a + 1) * s).every((v) => v === 0)),
  );
  if (silent.length > 0) {
    warnings.push(
      `species ${silent.join(', ')} never interact across molecules: their charges are undetermined (0)`,
    );
  }
  const { q, iterations, converged } = refine(
    cs,
    energies,
    initialCharges(cs, energies, s),
    options.maxIterations ?? 100,
    options.tolerance ?? 1e-12,
  );
  if (!converged) warnings.push(`Levenberg–Marquardt did not converge in ${iterations} iterations`);
  const largest = q.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
  const charges = largest < 0 ? q.map((v) => -v) : q;
  silent.forEach((sp) => (charges[species.indexOf(sp)] = 0));
  const rmse = Math.sqrt(sumSquares(cs, energies, charges) / samples.length);
  return { species, charges, coulomb, rmse, iterations, converged, warnings };
}

export function pointChargeEnergy(model: PointChargeModel, geometry: ChargedGeometry): number {
  return quadratic(coulombPairMatrix(geometry, model.species, model.coulomb), model.charges);
}
