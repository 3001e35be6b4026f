/** Hyper-parameters of the expansion, and their validation (absurd values fail loudly, with the reason). */
import { isElement } from '../chem/elements.ts';
import { describeValue, printable } from '../util/printable.ts';
import type { RadialBasisKind } from './radial-basis.ts';

export interface LodeHypers {
  /** Radius r_c (Å) of the ball the fields are expanded in. */
  readonly cutoff: number;
  /** Gaussian width σ (Å) of each atom's density. */
  readonly sigma: number;
  /** Number of radial functions, 1..16. */
  readonly nMax: number;
  /** Largest angular momentum, 0..10. */
  readonly lMax: number;
  /** Species channels of the neighbour density, in column order (atoms of other species are rejected). */
  readonly species: readonly string[];
  /** Radial basis family (default 'gto'). */
  readonly radialBasis?: RadialBasisKind;
  /** Whether the central atom's own density/potential enters its expansion (default true). */
  readonly includeCenter?: boolean;
}

export class HyperParameterError extends Error {
  override name = 'HyperParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${printable(message)}`);
  }
}

export const HYPER_LIMITS = { nMax: [1, 16], lMax: [0, 10], cutoff: [0.1, 20], sigma: [0.01, 5] } as const;

function checkRange(name: keyof typeof HYPER_LIMITS, value: number, integer: boolean): void {
  const [lo, hi] = HYPER_LIMITS[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new HyperParameterError(
      name,
      `must be a finite ${integer ? 'integer' : 'number'}, got ${describeValue(value)}`,
    );
  }
  if (value < lo || value > hi)
    throw new HyperParameterError(name, `must lie in [${lo}, ${hi}], got ${value}`);
}

/** Throws HyperParameterError on the first problem; returns the hypers with defaults filled in. */
export function validateHypers(h: LodeHypers): Required<LodeHypers> {
  checkRange('cutoff', h.cutoff, false);
  checkRange('sigma', h.sigma, false);
  checkRange('nMax', h.nMax, true);
  checkRange('lMax', h.lMax, true);
  if (h.sigma > h.cutoff) {
    throw new HyperParameterError('sigma', `σ = ${h.sigma} Å is wider than the cutoff r_c = ${h.cutoff} Å`);
  }
  if (!Array.isArray(h.species) || h.species.length === 0) {
    throw new HyperParameterError('species', 'needs at least one element symbol');
  }
  const seen = new Set<string>();
  for (const s of h.species) {
    if (!isElement(s)) throw new HyperParameterError('species', `unknown element '${describeValue(s)}'`);
    if (seen.has(s)) throw new HyperParameterError('species', `'${s}' is listed twice`);
    seen.add(s);
  }
  const radialBasis = h.radialBasis ?? 'gto';
  if (radialBasis !== 'gto' && radialBasis !== 'legendre') {
    throw new HyperParameterError(
      'radialBasis',
      `must be 'gto' or 'legendre', got '${describeValue(radialBasis)}'`,
    );
  }
  const includeCenter = h.includeCenter ?? true;
  if (typeof includeCenter !== 'boolean') {
    throw new HyperParameterError(
      'includeCenter',
      `must be true or false, got ${describeValue(includeCenter)}`,
    );
  }
  return { ...h, radialBasis, includeCenter };
}
