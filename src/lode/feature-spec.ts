/**
 * What a feature engine is asked for and what it returns: the contract shared by the CPU (f64) and GPU (f32)
 * engines, with the column-label helpers.
 *
 * Column order, outermost first: kind → central species (structure rows only) → l (or (l1, l2)) → (a1 n1, a2 n2).
 * Because l is outside the channel pairs, truncating to a smaller l_max keeps a prefix of every block
 * (columnsUpToLmax); nothing is recomputed.
 */

import type { Structure } from '../chem/structure.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import type { LodeHypers } from './hypers.ts';
import type { Field } from './radial-integrals.ts';

export type FeatureKind = 'rho-rho' | 'rho-V' | 'V-V';
export const FEATURE_KINDS: readonly FeatureKind[] = ['rho-rho', 'rho-V', 'V-V'];
export const FIELDS_OF: Record<FeatureKind, readonly [Field, Field]> = {
  'rho-rho': ['density', 'density'],
  'rho-V': ['density', 'potential'],
  'V-V': ['potential', 'potential'],
};

/** Which atoms are centres: all (default), those of some species, or explicit atom indices per structure. */
export type CentreSelection =
  | { readonly mode: 'all' }
  | { readonly mode: 'species'; readonly species: readonly string[] }
  | { readonly mode: 'indices'; readonly indices: readonly (readonly number[])[] };

/**
 * What to do with periodic structures (a `pbc` flag true, as read from extended XYZ `pbc=` or implied by `Lattice=`):
 * - 'periodic' (default): features of the periodic system — bulk (pbc T T T) or slab (two flags T): the density
 *   over periodic images, the potential by Ewald summation (see docs/physics.md for the conventions);
 * - 'as-clusters': every structure is featurised as an isolated cluster of its atoms as given; cell and pbc are
 *   ignored (no periodic images, no wrapping), so the features equal those of the same atoms without a cell.
 * Structures whose pbc flags are all false (or absent) are clusters either way.
 */
export type PeriodicHandling = 'periodic' | 'as-clusters';
export const PERIODIC_HANDLING: readonly PeriodicHandling[] = ['periodic', 'as-clusters'];

export interface FeatureRequest {
  readonly structures: readonly Structure[];
  readonly hypers: LodeHypers;
  /** Invariant products to compute (may be empty when only vectors are wanted). */
  readonly kinds: readonly FeatureKind[];
  /** λ = 1 products to compute (default none). */
  readonly vectorKinds?: readonly FeatureKind[];
  readonly centres?: CentreSelection;
  /** One row per centre instead of one per structure. */
  readonly perAtom?: boolean;
  /** Periodic structures (any pbc flag true): 'periodic' features (default) or 'as-clusters'; see PeriodicHandling. */
  readonly periodic?: PeriodicHandling;
  /** Accuracy (default 1e−8) and splitting width of the Ewald sums of periodic structures. */
  readonly ewald?: EwaldOptions;
  /** Called after each structure with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Finer progress, by stage (see FeatureProgress): the radial tables while they are built, then the structures,
   * including fractions of a large structure. The CPU engine reports both; the GPU engine reports the tables and
   * each chunk of structures.
   */
  readonly onStageProgress?: (progress: FeatureProgress) => void;
  /** Aborts the request (engines reject with the signal's reason, an AbortError by default). */
  readonly signal?: AbortSignal;
}

/**
 * - 'tables': the radial spline tables are being built (only when they are not cached: a small σ makes this take
 *   minutes); done/total are units of work, ending with done = total.
 * - 'structures': done of total structures, fractional within a structure while its centres are expanded.
 * Within a stage, done never decreases.
 */
export interface FeatureProgress {
  readonly stage: 'tables' | 'structures';
  readonly done: number;
  readonly total: number;
}

export interface InvariantLabel {
  readonly kind: FeatureKind;
  /** Central species of the block (structure rows), or null for per-centre rows. */
  readonly centre: string | null;
  readonly l: number;
  readonly a1: string;
  readonly n1: number;
  readonly a2: string;
  readonly n2: number;
}

export interface VectorLabel {
  readonly kind: FeatureKind;
  readonly centre: string | null;
  readonly l1: number;
  readonly l2: number;
  readonly a1: string;
  readonly n1: number;
  readonly a2: string;
  readonly n2: number;
}

export interface RowInfo {
  readonly structure: number;
  /** Atom index of the centre (per-centre rows), or −1 for structure rows. */
  readonly atom: number;
}

export interface FeatureTimings {
  tablesMs: number;
  expansionMs: number;
  productsMs: number;
}

export interface FeatureResult {
  readonly rows: number;
  /** rows × invariantLabels.length, row-major. */
  readonly invariants: Float64Array;
  readonly invariantLabels: readonly InvariantLabel[];
  /** rows × vectorLabels.length × 3 (x, y, z), row-major. */
  readonly vectors: Float64Array;
  readonly vectorLabels: readonly VectorLabel[];
  readonly rowInfo: readonly RowInfo[];
  readonly timings: FeatureTimings;
}

/** The contract both engines (CPU f64 here, WebGPU f32 in src/gpu, finite structures only) implement. */
export interface FeatureEngine {
  readonly backend: 'cpu' | 'webgpu';
  compute(request: FeatureRequest): Promise<FeatureResult>;
}

export function labelName(label: InvariantLabel | VectorLabel): string {
  const centre = label.centre === null ? '' : `|centre=${label.centre}`;
  const ang = 'l' in label ? `l=${label.l}` : `l1=${label.l1},l2=${label.l2}`;
  return `${label.kind}${centre}|${ang}|${label.a1}${label.n1}|${label.a2}${label.n2}`;
}

/** Indices of the columns with l ≤ lMax (for vectors: both l1, l2 ≤ lMax). */
export function columnsUpToLmax(labels: readonly (InvariantLabel | VectorLabel)[], lMax: number): Int32Array {
  const keep: number[] = [];
  labels.forEach((label, i) => {
    const top = 'l' in label ? label.l : Math.max(label.l1, label.l2);
    if (top <= lMax) keep.push(i);
  });
  return Int32Array.from(keep);
}

/** Copies the given columns of a row-major matrix (width = old column count, `components` values per entry). */
export function selectColumns(
  values: Float64Array,
  width: number,
  columns: Int32Array,
  components = 1,
): Float64Array {
  const rows = width === 0 ? 0 : values.length / (width * components);
  const out = new Float64Array(rows * columns.length * components);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns.length; c++) {
      for (let k = 0; k < components; k++) {
        out[(r * columns.length + c) * components + k] = values[(r * width + columns[c]) * components + k];
      }
    }
  }
  return out;
}

export const isSymmetric = (kind: FeatureKind) => FIELDS_OF[kind][0] === FIELDS_OF[kind][1];
