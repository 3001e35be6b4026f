/**
 * ΔX = X(AB) − X(A) − X(B) of a class's binding curves (PHYSICS §4), computed by a feature engine a few curves at a
 * time. Only one chunk's dimer and monomer features are alive at once, so the caller decides what to keep: the
 * training rows (compacted to the columns they use) or nothing but the predictions of the test rows.
 */
import type { BindingCurve } from '../../data/curves.ts';
import type { FeatureEngine, FeatureKind, InvariantLabel } from '../../lode/features.ts';

/** The expansion hyper-parameters of the lesson (species come from the class). */
export interface DimerHypers {
  readonly cutoff: number;
  readonly sigma: number;
  readonly nMax: number;
  readonly lMax: number;
}

/**
 * The lesson's default: r_c = 3 Å as in paper §4.1, σ = 0.3 Å (the paper's width in §4.2–4.3; §4.1 does not say),
 * n_max 3 and l_max 2, which keep a class's training matrix and fits well inside a browser tab (see class-study.ts).
 */
export const LESSON_HYPERS: DimerHypers = { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2 };

const SPECIES_ORDER = ['H', 'C', 'N', 'O', 'S'];

/** Species channels of a class: the elements of its monomers, in a fixed order (others appended sorted). */
export function classSpecies(curves: readonly BindingCurve[]): string[] {
  const present = new Set(curves.flatMap((c) => [...c.monomers[0].species, ...c.monomers[1].species]));
  const known = SPECIES_ORDER.filter((s) => present.has(s));
  return [...known, ...[...present].filter((s) => !SPECIES_ORDER.includes(s)).sort()];
}

export interface FeatureChunk {
  /** Curve indices (into the list passed in) of this chunk, in order. */
  readonly curves: readonly number[];
  /** (curves × points) × labels.length, row-major; the rows of a curve are its points in order. */
  readonly x: Float64Array;
  readonly labels: readonly InvariantLabel[];
}

export interface ChunkOptions {
  readonly signal?: AbortSignal;
  /** Structures (dimer points and monomers) done of total, over the whole list. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Curves per engine request (default 24: about 400 structures). */
  readonly chunkCurves?: number;
}

/** ΔX of the given curves' points, chunk by chunk. */
export async function* bindingFeatureChunks(
  engine: FeatureEngine,
  curves: readonly BindingCurve[],
  indices: readonly number[],
  kind: FeatureKind,
  hypers: DimerHypers,
  species: readonly string[],
  { signal, onProgress, chunkCurves = 24 }: ChunkOptions = {},
): AsyncGenerator<FeatureChunk> {
  const request = { hypers: { ...hypers, species }, kinds: [kind], ...(signal ? { signal } : {}) };
  const perCurve = (i: number) => curves[i].points.length + 2;
  const total = indices.reduce((s, i) => s + perCurve(i), 0);
  let done = 0;
  for (let start = 0; start < indices.length; start += chunkCurves) {
    const chunk = indices.slice(start, start + chunkCurves);
    const dimers = chunk.flatMap((i) => curves[i].points.map((p) => p.structure));
    const structures = [...dimers, ...chunk.flatMap((i) => curves[i].monomers)];
    const result = await engine.compute({
      ...request,
      structures,
      ...(onProgress ? { onProgress: (d: number) => onProgress(done + d, total) } : {}),
    });
    const p = result.invariantLabels.length;
    const all = result.invariants;
    const x = new Float64Array(dimers.length * p);
    let row = 0;
    chunk.forEach((i, k) => {
      const a = (dimers.length + 2 * k) * p;
      const b = a + p;
      for (let point = 0; point < curves[i].points.length; point++, row++) {
        for (let j = 0; j < p; j++) x[row * p + j] = all[row * p + j] - all[a + j] - all[b + j];
      }
    });
    done += chunk.reduce((s, i) => s + perCurve(i), 0);
    yield { curves: chunk, x, labels: result.invariantLabels };
  }
}

/** Columns that are non-zero in some row (ΔX of a column no training row uses gets weight 0 in ridge anyway). */
export function usedColumns(chunks: readonly { x: Float64Array }[], width: number): Int32Array {
  const used = new Uint8Array(width);
  for (const { x } of chunks) {
    for (let i = 0; i < x.length; i++) if (x[i] !== 0) used[i % width] = 1;
  }
  return Int32Array.from({ length: width }, (_, j) => j).filter((j) => used[j] === 1);
}
