/**
 * Turning a FeatureRequest into a plan both engines follow: validated hyper-parameters and kinds, the centres of
 * every structure, how centres group into output rows and column blocks, and the column layout with its labels.
 */
import type { Structure } from '../chem/structure.ts';
import { BoundedCache } from '../util/bounded-cache.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import { StructureInputError } from './errors.ts';
import { assertNoOverlaps, speciesChannels } from './expansion.ts';
import {
  FEATURE_KINDS,
  isSymmetric,
  PERIODIC_HANDLING,
  type CentreSelection,
  type FeatureKind,
  type FeatureRequest,
  type FeatureResult,
  type FeatureTimings,
  type PeriodicHandling,
  type InvariantLabel,
  type RowInfo,
  type VectorLabel,
} from './feature-spec.ts';
import { validateHypers, type LodeHypers } from './hypers.ts';
import { latticeOf, type Lattice } from './lattice.ts';
import { channelPairs, powerSpectrumScales, vectorAngularPairs } from './products.ts';

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

/** The lattice of every structure (null for clusters, and for every structure under 'as-clusters'). */
function latticesOf(structures: readonly Structure[], periodic: PeriodicHandling): (Lattice | null)[] {
  if (!PERIODIC_HANDLING.includes(periodic)) {
    throw new RangeError(`periodic: expected ${PERIODIC_HANDLING.join(' or ')}, got '${String(periodic)}'`);
  }
  return structures.map((s, i) => (periodic === 'as-clusters' ? null : latticeOf(s, i)));
}

/** Accepted Ewald accuracies: tighter than 1e−15 is below f64 rounding, looser than 1e−2 is not a feature. */
const EWALD_ACCURACY_RANGE = [1e-15, 1e-2] as const;

function validateEwald(options: EwaldOptions, sigma: number): EwaldOptions {
  const { accuracy, eta } = options;
  const [lo, hi] = EWALD_ACCURACY_RANGE;
  if (accuracy !== undefined && !(typeof accuracy === 'number' && accuracy >= lo && accuracy <= hi)) {
    throw new RangeError(`ewald.accuracy: expected a number in [${lo}, ${hi}], got ${String(accuracy)}`);
  }
  if (eta !== undefined && !(typeof eta === 'number' && Number.isFinite(eta) && eta >= sigma)) {
    throw new RangeError(`ewald.eta: expected a finite width ≥ σ = ${sigma} Å, got ${String(eta)}`);
  }
  return options;
}

export interface CentreGroup {
  /** Output row relative to the structure's first row. */
  readonly row: number;
  /** Column block: central species index (structure rows) or 0 (per-centre rows). */
  readonly block: number;
  /** Positions of the group's centres in the structure's centre list. */
  readonly centres: Int32Array;
}

/** Centres that add into the same output row and block: one per centre, or all centres of a species. */
function centreGroups(
  structure: Structure,
  index: number,
  centres: readonly number[],
  perAtom: boolean,
  centreSpecies: readonly string[],
): CentreGroup[] {
  if (perAtom) return centres.map((_, c) => ({ row: c, block: 0, centres: Int32Array.of(c) }));
  const byBlock = new Map<number, number[]>();
  centres.forEach((atom, c) => {
    const block = centreSpecies.indexOf(structure.species[atom]);
    if (block < 0)
      throw new StructureInputError(
        index,
        `centre ${atom} (${structure.species[atom]}) has no species block`,
      );
    const list = byBlock.get(block);
    if (list) list.push(c);
    else byBlock.set(block, [c]);
  });
  return [...byBlock].map(([block, list]) => ({ row: 0, block, centres: Int32Array.from(list) }));
}

export interface Layout {
  readonly channelNames: { a: string; n: number }[];
  readonly invariantWidth: number;
  /** Constant factor of every invariant column (its place in a row), applied as the column is summed. */
  readonly invariantScale: Float64Array;
  readonly vectorWidth: number;
  /** Built on first read (tens of thousands of objects): the pool's workers compute without them. */
  readonly invariantLabels: readonly InvariantLabel[];
  readonly vectorLabels: readonly VectorLabel[];
  /** Column offset of (kind, block) with block = central species index or 0 for per-centre rows. */
  readonly invariantOffset: (kind: FeatureKind, block: number) => number;
  readonly vectorOffset: (kind: FeatureKind, block: number) => number;
}

/** Column labels, block by block in the layout's order: for each kind, each block (central species or null). */
function layoutLabels(
  lMax: number,
  channelNames: Layout['channelNames'],
  kinds: readonly FeatureKind[],
  vectorKinds: readonly FeatureKind[],
  blocks: readonly (string | null)[],
): { invariant: InvariantLabel[]; vector: VectorLabel[] } {
  const invariant: InvariantLabel[] = [];
  for (const kind of kinds) {
    const pairs = channelPairs(channelNames.length, isSymmetric(kind));
    for (const centre of blocks) {
      for (let l = 0; l <= lMax; l++) {
        for (const [q1, q2] of pairs) {
          const c1 = channelNames[q1];
          const c2 = channelNames[q2];
          invariant.push({ kind, centre, l, a1: c1.a, n1: c1.n, a2: c2.a, n2: c2.n });
        }
      }
    }
  }
  const vector: VectorLabel[] = [];
  for (const kind of vectorKinds) {
    for (const centre of blocks) {
      for (const [l1, l2] of vectorAngularPairs(lMax)) {
        for (const c1 of channelNames) {
          for (const c2 of channelNames)
            vector.push({ kind, centre, l1, l2, a1: c1.a, n1: c1.n, a2: c2.a, n2: c2.n });
        }
      }
    }
  }
  return { invariant, vector };
}

/**
 * Layouts of recent requests: a request asks for the same few layouts again and again (a lesson's parameters, a
 * batch cut into parts), and a layout's labels (one object per column, 31 040 for ρ⊗V + ρ⊗ρ at n_max 8, l_max 4
 * over four species) took most of a small request's time when built anew. Results share them read-only.
 */
const recentLayouts = new BoundedCache<string, Layout>(8);

function layoutOf(
  hypers: Required<LodeHypers>,
  kinds: readonly FeatureKind[],
  vectorKinds: readonly FeatureKind[],
  blocks: readonly (string | null)[],
): Layout {
  const key = JSON.stringify([hypers.nMax, hypers.lMax, hypers.species, kinds, vectorKinds, blocks]);
  return recentLayouts.get(key, () => buildLayout(hypers, kinds, vectorKinds, blocks));
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
  const scales: Float64Array[] = [];
  const invariantStart = new Map<string, number>();
  let invariantWidth = 0;
  for (const kind of kinds) {
    // One column per (l, channel pair): the block's scale factors.
    const scale = powerSpectrumScales(lMax, channels, isSymmetric(kind));
    blocks.forEach((_, b) => {
      invariantStart.set(`${kind}/${b}`, invariantWidth);
      scales.push(scale);
      invariantWidth += scale.length;
    });
  }
  const invariantScale = new Float64Array(invariantWidth);
  let filled = 0;
  for (const scale of scales) {
    invariantScale.set(scale, filled);
    filled += scale.length;
  }
  const vectorBlock = vectorAngularPairs(lMax).length * channels * channels;
  const vectorStart = new Map<string, number>();
  let vectorWidth = 0;
  for (const kind of vectorKinds) {
    blocks.forEach((_, b) => {
      vectorStart.set(`${kind}/${b}`, vectorWidth);
      vectorWidth += vectorBlock;
    });
  }
  let labels: ReturnType<typeof layoutLabels> | undefined;
  const labelsOnce = () => (labels ??= layoutLabels(lMax, channelNames, kinds, vectorKinds, blocks));
  return {
    channelNames,
    invariantWidth,
    invariantScale,
    vectorWidth,
    get invariantLabels() {
      return labelsOnce().invariant;
    },
    get vectorLabels() {
      return labelsOnce().vector;
    },
    invariantOffset: (kind, block) => invariantStart.get(`${kind}/${block}`)!,
    vectorOffset: (kind, block) => vectorStart.get(`${kind}/${block}`)!,
  };
}

export interface FeaturePlan {
  readonly hypers: Required<LodeHypers>;
  readonly kinds: readonly FeatureKind[];
  readonly vectorKinds: readonly FeatureKind[];
  readonly perAtom: boolean;
  readonly layout: Layout;
  /** Species channel of every atom, per structure (validated: known species, finite positions, no overlaps). */
  readonly channels: readonly Int32Array[];
  /** Lattice of every periodic structure featurised as such, null for clusters. */
  readonly lattices: readonly (Lattice | null)[];
  readonly ewald: EwaldOptions;
  /** Centre atom indices, per structure. */
  readonly centres: readonly (readonly number[])[];
  /** Output groups, per structure; rows are relative to the structure's first row (firstRow). */
  readonly groups: readonly (readonly CentreGroup[])[];
  readonly firstRow: Int32Array;
  readonly rowInfo: readonly RowInfo[];
}

/** What an engine computes for a plan: its (scaled) invariants and vectors, without the plan's labels. */
export interface FeatureArrays {
  readonly invariants: Float64Array;
  readonly vectors: Float64Array;
  readonly timings: FeatureTimings;
}

/** The result of a plan, from its computed (and scaled) invariants and vectors. */
export function planResult(
  plan: Pick<FeaturePlan, 'layout' | 'rowInfo'>,
  { invariants, vectors, timings }: FeatureArrays,
): FeatureResult {
  const { layout, rowInfo } = plan;
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

/**
 * Validates a request (hypers, kinds, every structure, lattices, Ewald options) and lays out its output; throws
 * HyperParameterError, StructureInputError or RangeError before any feature is computed.
 */
export function planFeatures(request: FeatureRequest): FeaturePlan {
  const hypers = validateHypers(request.hypers);
  const kinds = [...new Set(request.kinds)];
  const vectorKinds = [...new Set(request.vectorKinds ?? [])];
  for (const k of [...kinds, ...vectorKinds]) {
    if (!FEATURE_KINDS.includes(k)) throw new RangeError(`unknown feature kind '${String(k)}'`);
  }
  const selection = request.centres ?? { mode: 'all' };
  const perAtom = request.perAtom ?? false;
  const centreSpecies = selection.mode === 'species' ? [...selection.species] : [...hypers.species];
  const layout = layoutOf(hypers, kinds, vectorKinds, perAtom ? [null] : centreSpecies);
  const { structures } = request;
  const lattices = latticesOf(structures, request.periodic ?? 'periodic');
  const ewald = validateEwald(request.ewald ?? {}, hypers.sigma);
  const channels = structures.map((s, i) => {
    const c = speciesChannels(s, hypers, i);
    assertNoOverlaps(s, i, lattices[i]);
    return c;
  });
  const centres = structures.map((s, i) => centresOf(s, i, selection));
  const groups = structures.map((s, i) => centreGroups(s, i, centres[i], perAtom, centreSpecies));
  const firstRow = new Int32Array(structures.length);
  let rows = 0;
  structures.forEach((_, s) => {
    firstRow[s] = rows;
    rows += perAtom ? centres[s].length : 1;
  });
  const rowInfo: RowInfo[] = perAtom
    ? centres.flatMap((list, s) => list.map((atom) => ({ structure: s, atom })))
    : structures.map((_, s) => ({ structure: s, atom: -1 }));
  return {
    hypers,
    kinds,
    vectorKinds,
    perAtom,
    layout,
    channels,
    lattices,
    ewald,
    centres,
    groups,
    firstRow,
    rowInfo,
  };
}
