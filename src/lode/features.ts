/**
 * The CPU feature engine: structures → ρ⊗ρ, ρ⊗V, V⊗V invariants and λ = 1 vectors, per centre or summed per
 * structure and central species (y(A) = Σ_a w_a·X_a(A), X_a = Σ_{i∈A, a_i = a} x_i).
 *
 * Column order, outermost first: kind → central species (structure rows only) → l (or (l1, l2)) → (a1 n1, a2 n2).
 * Because l is outside the channel pairs, truncating to a smaller l_max keeps a prefix of every block
 * (columnsUpToLmax); nothing is recomputed.
 */
import type { Structure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';
import { coefficientCount, expandStructure, speciesChannels } from './expansion.ts';
import { validateHypers, type LodeHypers } from './hypers.ts';
import {
  accumulatePowerSpectrum,
  accumulateVectors,
  channelPairs,
  powerSpectrumScales,
  vectorAngularPairs,
} from './products.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables, type RadialTable } from './radial-tables.ts';

export type FeatureKind = 'rho-rho' | 'rho-V' | 'V-V';
export const FEATURE_KINDS: readonly FeatureKind[] = ['rho-rho', 'rho-V', 'V-V'];
const FIELDS_OF: Record<FeatureKind, readonly [Field, Field]> = {
  'rho-rho': ['density', 'density'],
  'rho-V': ['density', 'potential'],
  'V-V': ['potential', 'potential'],
};

/** Which atoms are centres: all (default), those of some species, or explicit atom indices per structure. */
export type CentreSelection =
  | { readonly mode: 'all' }
  | { readonly mode: 'species'; readonly species: readonly string[] }
  | { readonly mode: 'indices'; readonly indices: readonly (readonly number[])[] };

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
  /** Called after each structure with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
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

/** The contract both engines (CPU f64 here, WebGPU f32 in src/gpu) implement. */
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

function centresOf(structure: Structure, index: number, selection: CentreSelection): number[] {
  const n = structure.species.length;
  if (selection.mode === 'all') return Array.from({ length: n }, (_, i) => i);
  if (selection.mode === 'species') {
    return structure.species.flatMap((s, i) => (selection.species.includes(s) ? [i] : []));
  }
  const indices = selection.indices[index];
  if (!indices) throw new StructureInputError(index, 'no centre indices given for this structure');
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new StructureInputError(index, `centre ${i} is not an atom index`);
  }
  return [...indices];
}

const isSymmetric = (kind: FeatureKind) => FIELDS_OF[kind][0] === FIELDS_OF[kind][1];

interface CentreGroup {
  /** Output row relative to the structure's first row. */
  readonly row: number;
  /** Column block: central species index (structure rows) or 0 (per-centre rows). */
  readonly block: number;
  /** Offsets of the group's centres in the coefficient arrays. */
  readonly bases: Int32Array;
}

/** Centres that add into the same output row and block: one per centre, or all centres of a species. */
function centreGroups(
  structure: Structure,
  index: number,
  centres: readonly number[],
  perAtom: boolean,
  centreSpecies: readonly string[],
  perCentre: number,
): CentreGroup[] {
  if (perAtom) return centres.map((_, c) => ({ row: c, block: 0, bases: Int32Array.of(c * perCentre) }));
  const byBlock = new Map<number, number[]>();
  centres.forEach((atom, c) => {
    const block = centreSpecies.indexOf(structure.species[atom]);
    if (block < 0)
      throw new StructureInputError(
        index,
        `centre ${atom} (${structure.species[atom]}) has no species block`,
      );
    byBlock.set(block, [...(byBlock.get(block) ?? []), c * perCentre]);
  });
  return [...byBlock].map(([block, bases]) => ({ row: 0, block, bases: Int32Array.from(bases) }));
}

interface Layout {
  readonly channelNames: { a: string; n: number }[];
  readonly invariantWidth: number;
  /** Constant factor of every invariant column, applied after accumulation. */
  readonly invariantScale: Float64Array;
  readonly vectorWidth: number;
  readonly invariantLabels: InvariantLabel[];
  readonly vectorLabels: VectorLabel[];
  /** Column offset of (kind, block) with block = central species index or 0 for per-centre rows. */
  readonly invariantOffset: (kind: FeatureKind, block: number) => number;
  readonly vectorOffset: (kind: FeatureKind, block: number) => number;
}

function buildLayout(
  hypers: Required<LodeHypers>,
  kinds: readonly FeatureKind[],
  vectorKinds: readonly FeatureKind[],
  blocks: readonly (string | null)[],
): Layout {
  const { nMax, lMax, species } = hypers;
  const channelNames = species.flatMap((a) => Array.from({ length: nMax }, (_, n) => ({ a, n })));
  const channels = channelNames.length;
  const invariantLabels: InvariantLabel[] = [];
  const scales: Float64Array[] = [];
  const invariantStart = new Map<string, number>();
  for (const kind of kinds) {
    const pairs = channelPairs(channels, isSymmetric(kind));
    const scale = powerSpectrumScales(lMax, channels, isSymmetric(kind));
    blocks.forEach((centre, b) => {
      invariantStart.set(`${kind}/${b}`, invariantLabels.length);
      scales.push(scale);
      for (let l = 0; l <= lMax; l++) {
        for (const [q1, q2] of pairs) {
          const c1 = channelNames[q1];
          const c2 = channelNames[q2];
          invariantLabels.push({ kind, centre, l, a1: c1.a, n1: c1.n, a2: c2.a, n2: c2.n });
        }
      }
    });
  }
  const invariantScale = new Float64Array(invariantLabels.length);
  let filled = 0;
  for (const scale of scales) {
    invariantScale.set(scale, filled);
    filled += scale.length;
  }
  const vectorLabels: VectorLabel[] = [];
  const vectorStart = new Map<string, number>();
  for (const kind of vectorKinds) {
    blocks.forEach((centre, b) => {
      vectorStart.set(`${kind}/${b}`, vectorLabels.length);
      for (const [l1, l2] of vectorAngularPairs(lMax)) {
        for (const c1 of channelNames) {
          for (const c2 of channelNames)
            vectorLabels.push({ kind, centre, l1, l2, a1: c1.a, n1: c1.n, a2: c2.a, n2: c2.n });
        }
      }
    });
  }
  return {
    channelNames,
    invariantWidth: invariantLabels.length,
    invariantScale,
    vectorWidth: vectorLabels.length,
    invariantLabels,
    vectorLabels,
    invariantOffset: (kind, block) => invariantStart.get(`${kind}/${block}`)!,
    vectorOffset: (kind, block) => vectorStart.get(`${kind}/${block}`)!,
  };
}

/** Synchronous core of the CPU engine (the worker and the CLI call this directly). */
export function computeFeatures(request: FeatureRequest): FeatureResult {
  const hypers = validateHypers(request.hypers);
  const kinds = [...new Set(request.kinds)];
  const vectorKinds = [...new Set(request.vectorKinds ?? [])];
  for (const k of [...kinds, ...vectorKinds]) {
    if (!FEATURE_KINDS.includes(k)) throw new RangeError(`unknown feature kind '${String(k)}'`);
  }
  const selection = request.centres ?? { mode: 'all' };
  const perAtom = request.perAtom ?? false;
  const timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };

  let t0 = performance.now();
  const fields = new Set<Field>([...kinds, ...vectorKinds].flatMap((k) => FIELDS_OF[k]));
  const all = radialTables(hypers);
  const tables = new Map<Field, RadialTable>([...fields].map((f) => [f, all[f]]));
  timings.tablesMs = performance.now() - t0;

  const centreSpecies = selection.mode === 'species' ? [...selection.species] : [...hypers.species];
  const blocks = perAtom ? [null] : centreSpecies;
  const layout = buildLayout(hypers, kinds, vectorKinds, blocks);
  const { structures } = request;
  const centreLists = structures.map((s, i) => centresOf(s, i, selection));
  const rowInfo: RowInfo[] = perAtom
    ? centreLists.flatMap((list, s) => list.map((atom) => ({ structure: s, atom })))
    : structures.map((_, s) => ({ structure: s, atom: -1 }));
  const invariants = new Float64Array(rowInfo.length * layout.invariantWidth);
  const vectors = new Float64Array(rowInfo.length * layout.vectorWidth * 3);
  const perCentre = coefficientCount(hypers);
  const channels = layout.channelNames.length;

  let row = 0;
  structures.forEach((structure, s) => {
    t0 = performance.now();
    const channelsOfAtoms = speciesChannels(structure, hypers, s);
    const centres = centreLists[s];
    const coeffs = expandStructure({
      structure,
      channels: channelsOfAtoms,
      centres,
      hypers,
      tables,
      index: s,
    });
    const t1 = performance.now();
    timings.expansionMs += t1 - t0;
    for (const group of centreGroups(structure, s, centres, perAtom, centreSpecies, perCentre)) {
      const r = row + group.row;
      for (const kind of kinds) {
        const [c1, c2] = FIELDS_OF[kind].map((f) => coeffs.get(f)!);
        const offset = r * layout.invariantWidth + layout.invariantOffset(kind, group.block);
        accumulatePowerSpectrum(
          c1,
          c2,
          group.bases,
          hypers.lMax,
          channels,
          isSymmetric(kind),
          invariants,
          offset,
        );
      }
      for (const kind of vectorKinds) {
        const [c1, c2] = FIELDS_OF[kind].map((f) => coeffs.get(f)!);
        const offset = r * layout.vectorWidth + layout.vectorOffset(kind, group.block);
        for (const base of group.bases)
          accumulateVectors(c1, c2, base, hypers.lMax, channels, vectors, offset);
      }
    }
    row += perAtom ? centres.length : 1;
    timings.productsMs += performance.now() - t1;
    request.onProgress?.(s + 1, structures.length);
  });

  const width = layout.invariantWidth;
  for (let i = 0; i < invariants.length; i++) invariants[i] *= layout.invariantScale[i % width];

  return {
    rows: rowInfo.length,
    invariants,
    invariantLabels: layout.invariantLabels,
    vectors,
    vectorLabels: layout.vectorLabels,
    rowInfo,
    timings,
  };
}

export const cpuEngine: FeatureEngine = {
  backend: 'cpu',
  compute: async (request) => computeFeatures(request),
};
