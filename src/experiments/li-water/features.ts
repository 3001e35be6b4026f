/**
 * Features of the water-on-Li(100) binding curves (paper §4.2), centred on the water's three atoms. The binding
 * energy and the water's induced dipole are learned as sums over those centres of ΔX = X(slab + water) − X(water):
 * the slab's own centres are left out (they would add 325 environments per structure, and the features of the
 * three water atoms already see the slab through ρ near the surface and through V at any height). Curves are
 * featurised a few at a time; the λ = 1 features are kept only for the points the polarisation model uses.
 */
import type { Structure } from '../../chem/structure.ts';
import type { D3Dataset } from '../../data/d3.ts';
import {
  selectColumns,
  type FeatureEngine,
  type FeatureKind,
  type InvariantLabel,
  type VectorLabel,
} from '../../lode/features.ts';
import type { LodeHypers } from '../../lode/hypers.ts';
import { displacedDimer } from '../../data/curves.ts';

export type LiWaterCurve = D3Dataset['curves'][number];

/** The hyper-parameters the learner controls (species are fixed: H, Li, O). */
export interface LiWaterHypers {
  readonly cutoff: number;
  readonly sigma: number;
  readonly nMax: number;
  readonly lMax: number;
}

export const LI_WATER_SPECIES = ['H', 'Li', 'O'] as const;

/** Paper §4.2: r_c = 4 Å, σ = 0.3 Å; n_max 4 and l_max 2 keep the 2511 structures' features near 100 MB. */
export const PAPER_HYPERS: LiWaterHypers = { cutoff: 4, sigma: 0.3, nMax: 4, lMax: 2 };

export const LESSON_KINDS = ['rho-rho', 'rho-V'] as const satisfies readonly FeatureKind[];
export type LessonKind = (typeof LESSON_KINDS)[number];

/** A record with one entry per lesson kind. */
export const byKind = <T>(make: (kind: LessonKind) => T): Record<LessonKind, T> => ({
  'rho-rho': make('rho-rho'),
  'rho-V': make('rho-V'),
});

/** The paper's polarisation model uses the points at least this far (Å) from the surface (1215 of 2511). */
export const FAR_HEIGHT = 4.5;

/**
 * The Ewald sums of the lesson's features: accuracy 1e−6 relative to the largest potential coefficient, far below
 * what the models resolve (half the cost of the default 1e−8); and a splitting width of 4 Å instead of the engine's
 * choice, which assumes every atom is a centre. With three centres per structure the reciprocal sum over all 328
 * atoms dominates, and a wider split moves work into the real-space sum of the three centres (3.0 against 4.0 ms
 * per structure on a 2-core VM; the features agree to 2e−9).
 */
export const LESSON_EWALD = { accuracy: 1e-6, eta: 4 } as const;

export interface KindFeatures {
  /** points × labels.length ΔX, the rows of a curve being its heights in order (curve after curve). */
  readonly invariants: Float64Array;
  readonly labels: readonly InvariantLabel[];
  /** farPoints × vectorLabels.length × 3 ΔT of the far points (see LiWaterFeatures.far), in that order. */
  readonly vectors: Float64Array;
  readonly vectorLabels: readonly VectorLabel[];
  /** Where the kept columns are in the engine's invariant and vector labels (featuresAt picks the same). */
  readonly columns: ColumnChoice;
}

interface ColumnChoice {
  readonly invariant: Block;
  readonly vector: Block;
}

export interface LiWaterFeatures {
  readonly hypers: LiWaterHypers;
  readonly heights: readonly number[];
  readonly curves: number;
  /** Indices into `heights` of the far heights (≥ FAR_HEIGHT). */
  readonly farHeights: readonly number[];
  readonly kinds: Readonly<Record<LessonKind, KindFeatures>>;
}

export interface FeatureOptions {
  readonly signal?: AbortSignal;
  /** Structures done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Curves per engine request (default 4: 128 structures). */
  readonly chunkCurves?: number;
}

/** The water's atoms are the last three of every D3 structure. */
const waterCentres = (structure: Structure) => {
  const n = structure.species.length;
  return [n - 3, n - 2, n - 1];
};

/** The engine request of some structures (slab + water), with the isolated waters appended for ΔX. */
function request(hypers: LiWaterHypers, systems: readonly Structure[], waters: readonly Structure[]) {
  return {
    structures: [...systems, ...waters],
    hypers: { ...hypers, species: [...LI_WATER_SPECIES] } satisfies LodeHypers,
    kinds: [...LESSON_KINDS],
    vectorKinds: [...LESSON_KINDS],
    centres: {
      mode: 'indices' as const,
      indices: [...systems.map(waterCentres), ...waters.map(() => [0, 1, 2])],
    },
    ewald: LESSON_EWALD,
  };
}

/** Columns of the engine's labels, `width` of them in all. */
interface Block {
  readonly columns: Int32Array;
  readonly width: number;
}

/** The columns of each kind in a result's invariant (or vector) labels. */
function blocksOf(labels: readonly { kind: FeatureKind }[]): Record<LessonKind, Block> {
  return byKind((kind) => ({
    columns: Int32Array.from(labels.flatMap((l, j) => (l.kind === kind ? [j] : []))),
    width: labels.length,
  }));
}

/** Writes row `row` − row `base` of `values` (restricted to the block's columns) at `out[at…]`. */
function copyDifference(
  out: Float64Array,
  at: number,
  values: Float64Array,
  row: number,
  base: number,
  block: Block,
  components: number,
): void {
  const { columns, width } = block;
  for (let c = 0; c < columns.length; c++) {
    for (let k = 0; k < components; k++) {
      const j = columns[c]! * components + k;
      out[at + c * components + k] =
        values[row * width * components + j]! - values[base * width * components + j]!;
    }
  }
}

/**
 * A ΔX at most this share of the water's own feature is the engine's rounding, not the slab: the water–water
 * channels cancel exactly on the f64 CPU engine but leave f32 noise (≈ 1e−7 relative) on WebGPU, which the fits'
 * standardisation would blow up into columns as large as any other (ρ⊗ρ's test RMSE: 21.4 % → 23.1 %).
 */
const ROUNDING = 1e-5;
/** Channels that vanish by symmetry in the water (scale 0) are measured against this share of its largest one. */
const SYMMETRY_FLOOR = 1e-6;

/**
 * Indices of the columns (`components` values per entry) with an entry above ROUNDING × the column's `scale` (the
 * largest magnitude of the water's own features in it, at least SYMMETRY_FLOOR × the largest of all) in some row.
 */
function usedColumns(values: Float64Array, scale: Float64Array, components: number): Int32Array {
  const width = scale.length;
  const floor = SYMMETRY_FLOOR * scale.reduce((m, v) => Math.max(m, v), 0);
  const used = new Uint8Array(width);
  for (let i = 0; i < values.length; i++) {
    const j = Math.floor(i / components) % width;
    if (Math.abs(values[i]!) > ROUNDING * Math.max(scale[j]!, floor)) used[j] = 1;
  }
  return Int32Array.from({ length: width }, (_, j) => j).filter((j) => used[j] === 1);
}

/** The largest magnitude in each column of `block` over `row` of `values` and what `scale` held. */
function widenScale(
  scale: Float64Array,
  values: Float64Array,
  row: number,
  block: Block,
  components: number,
) {
  const { columns, width } = block;
  for (let c = 0; c < columns.length; c++) {
    for (let k = 0; k < components; k++) {
      const v = Math.abs(values[(row * width + columns[c]!) * components + k]!);
      if (v > scale[c]!) scale[c] = v;
    }
  }
}

/**
 * The features without the columns that ΔX leaves at 0 (or at the engine's rounding, see ROUNDING) in every row:
 * blocks of a centre species that is not a centre (Li), and the water–water channels, which the slab never changes.
 * They carry nothing and would cost the fits.
 */
function withoutZeroColumns(features: KindFeatures, scale: WaterScale): KindFeatures {
  const { invariant, vector } = features.columns;
  const inv = usedColumns(features.invariants, scale.invariant, 1);
  const vec = usedColumns(features.vectors, scale.vector, 3);
  return {
    invariants: selectColumns(features.invariants, invariant.columns.length, inv),
    labels: Array.from(inv, (j) => features.labels[j]!),
    vectors: selectColumns(features.vectors, vector.columns.length, vec, 3),
    vectorLabels: Array.from(vec, (j) => features.vectorLabels[j]!),
    columns: {
      invariant: { columns: Int32Array.from(inv, (j) => invariant.columns[j]!), width: invariant.width },
      vector: { columns: Int32Array.from(vec, (j) => vector.columns[j]!), width: vector.width },
    },
  };
}

/** Per kept column, the largest magnitude of the isolated waters' own features. */
interface WaterScale {
  readonly invariant: Float64Array;
  readonly vector: Float64Array;
}

/** ΔX of every point and ΔT of the far points of every curve, computed by `engine` a few curves at a time. */
export async function liWaterFeatures(
  engine: FeatureEngine,
  dataset: D3Dataset,
  hypers: LiWaterHypers,
  { signal, onProgress, chunkCurves = 4 }: FeatureOptions = {},
): Promise<LiWaterFeatures> {
  const { curves, heights } = dataset;
  const farHeights = heights.flatMap((h, k) => (h >= FAR_HEIGHT ? [k] : []));
  const points = heights.length;
  const total = curves.length * (points + 1);
  let kinds: Record<LessonKind, KindFeatures> | undefined;
  let scales: Record<LessonKind, WaterScale> | undefined;
  for (let start = 0; start < curves.length; start += chunkCurves) {
    const chunk = curves.slice(start, start + chunkCurves);
    const result = await engine.compute({
      ...request(
        hypers,
        chunk.flatMap((c) => c.points.map((p) => p.structure)),
        chunk.map((c) => c.monomers[1]),
      ),
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress: (d: number) => onProgress(start * (points + 1) + d, total) } : {}),
    });
    if (!kinds) {
      const invariant = blocksOf(result.invariantLabels);
      const vector = blocksOf(result.vectorLabels);
      kinds = byKind((kind) => ({
        invariants: new Float64Array(curves.length * points * invariant[kind].columns.length),
        labels: Array.from(invariant[kind].columns, (j) => result.invariantLabels[j]!),
        vectors: new Float64Array(curves.length * farHeights.length * vector[kind].columns.length * 3),
        vectorLabels: Array.from(vector[kind].columns, (j) => result.vectorLabels[j]!),
        columns: { invariant: invariant[kind], vector: vector[kind] },
      }));
      scales = byKind((kind) => ({
        invariant: new Float64Array(invariant[kind].columns.length),
        vector: new Float64Array(vector[kind].columns.length),
      }));
    }
    for (const kind of LESSON_KINDS) {
      const { invariants, vectors, columns } = kinds[kind];
      const p = columns.invariant.columns.length;
      const q = columns.vector.columns.length;
      for (let c = 0; c < chunk.length; c++) {
        const curve = start + c;
        const water = chunk.length * points + c;
        widenScale(scales![kind].invariant, result.invariants, water, columns.invariant, 1);
        widenScale(scales![kind].vector, result.vectors, water, columns.vector, 3);
        for (let k = 0; k < points; k++) {
          copyDifference(
            invariants,
            (curve * points + k) * p,
            result.invariants,
            c * points + k,
            water,
            columns.invariant,
            1,
          );
        }
        farHeights.forEach((k, f) => {
          const at = (curve * farHeights.length + f) * q * 3;
          copyDifference(vectors, at, result.vectors, c * points + k, water, columns.vector, 3);
        });
      }
    }
  }
  if (!kinds || !scales) throw new RangeError('the dataset has no curves');
  const all = kinds;
  const waterScales = scales;
  return {
    hypers,
    heights,
    curves: curves.length,
    farHeights,
    kinds: byKind((kind) => withoutZeroColumns(all[kind], waterScales[kind])),
  };
}

export interface PointFeatures {
  /** rows × the kind's labels ΔX. */
  readonly invariants: Float64Array;
  /** rows × the kind's vector labels × 3 ΔT. */
  readonly vectors: Float64Array;
}

/** ΔX and ΔT, in the columns of `features`, of slab + water structures, with the water alone for ΔX. */
export async function featuresOf(
  engine: FeatureEngine,
  features: LiWaterFeatures,
  systems: readonly Structure[],
  water: Structure,
  signal?: AbortSignal,
): Promise<Record<LessonKind, PointFeatures>> {
  const result = await engine.compute({
    ...request(features.hypers, systems, [water]),
    ...(signal ? { signal } : {}),
  });
  const base = systems.length;
  return byKind((kind) => {
    const { invariant, vector } = features.kinds[kind].columns;
    const p = invariant.columns.length;
    const q = vector.columns.length;
    const invariants = new Float64Array(systems.length * p);
    const vectors = new Float64Array(systems.length * q * 3);
    systems.forEach((_, r) => {
      copyDifference(invariants, r * p, result.invariants, r, base, invariant, 1);
      copyDifference(vectors, r * q * 3, result.vectors, r, base, vector, 3);
    });
    return { invariants, vectors };
  });
}

/** featuresOf the curve's water at any heights (between D3's points too), for predictions by models on `features`. */
export const featuresAt = (
  engine: FeatureEngine,
  features: LiWaterFeatures,
  curve: LiWaterCurve,
  heights: readonly number[],
  signal?: AbortSignal,
) =>
  featuresOf(
    engine,
    features,
    heights.map((h) => displacedDimer(curve, h)),
    curve.monomers[1],
    signal,
  );
