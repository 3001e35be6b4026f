/**
 * The resource policy: how much one featurisation may ask for, and the arithmetic that predicts what a request will
 * cost before anything is computed. Column counts grow as (species·n_max)²·(l_max+1) per kind and column block, so a
 * small file can ask for gigabytes; callers (the featurize CLI, the app) estimate first and refuse what does not fit.
 */
import type { Structure } from '../chem/structure.ts';
import { FIELDS_OF, isSymmetric, type FeatureKind, type FeatureRequest } from './feature-spec.ts';

export const RESOURCE_LIMITS = {
  /**
   * Bytes of one input file. The CLI reads it frame by frame (twice: a quick pass that sizes the output, then the
   * featurisation), so memory does not grow with it; the limit bounds how long one run may take.
   */
  maxInputBytes: 10e9,
  /** Characters of one line of input: the frame-by-frame reader holds a line whole, so one without end is refused. */
  maxLineLength: 10e6,
  /** Frames (structures) in one request. */
  maxFrames: 1_000_000,
  /** Atoms in one structure: expansion time grows as centres × atoms. */
  maxAtomsPerStructure: 10_000,
  /** Columns per row, invariant and vector (one label each, held in memory and written to the labels). */
  maxColumns: 1_000_000,
  /**
   * Bytes of the float64 results: rows × (invariant columns + 3 × vector columns) × 8. The CLI writes .npy output
   * rows as they are computed, so this bounds disk space rather than memory (.json output is held in memory, and
   * bounded by maxJsonBytes).
   */
  maxOutputBytes: 100e9,
  /**
   * Bytes of one JSON text (the .json output, or the labels and row descriptions of .npy output), well below the
   * longest string JavaScript can hold (about 512 MB), so that a reader can parse it as one string.
   */
  maxJsonBytes: 250e6,
  /** Bytes of expansion coefficients of the structure with the most centres, held while it is featurised. */
  maxWorkingBytes: 2e9,
} as const;

export type ResourceLimits = { readonly [K in keyof typeof RESOURCE_LIMITS]: number };

/**
 * Upper bounds of JSON text: per float64 value (`-1.2345678901234567e-123`, a separator, and the brackets of a vector
 * entry's triple), per column label (`"rho-rho|centre=Kr|l1=10,l2=9|Kr15|Kr15",` indented), per row (the row's
 * description, or its brackets in the values), and for everything else (hypers, file names, the input path).
 */
export const JSON_BYTES = { perValue: 26, perLabel: 64, perRow: 80, fixed: 16_384 } as const;

/** What the column layout depends on: a request's hypers (only the species count, n_max and l_max) and kinds. */
export interface ColumnRequest {
  readonly hypers: { readonly nMax: number; readonly lMax: number; readonly species: readonly string[] };
  readonly kinds: readonly FeatureKind[];
  readonly vectorKinds?: readonly FeatureKind[];
  readonly centres?: FeatureRequest['centres'];
  readonly perAtom?: boolean;
}

export interface ColumnCount {
  readonly invariant: number;
  /** λ = 1 columns, each holding x, y, z. */
  readonly vector: number;
}

/**
 * Columns of a request's result, from the sizes alone. With Q = species·n_max channels and B column blocks (1 for
 * per-centre rows, else one per central species: the --centres species, or every species), per kind:
 * invariants (l_max+1)·Q(Q+1)/2 for ρ⊗ρ and V⊗V, (l_max+1)·Q² for ρ⊗V; vectors 2·l_max·Q² (pairs l₂ = l₁ ± 1).
 */
export function featureColumns(request: ColumnRequest): ColumnCount {
  const { nMax, lMax, species } = request.hypers;
  const q = species.length * nMax;
  const centres = request.centres;
  const blocks = request.perAtom ? 1 : centres?.mode === 'species' ? centres.species.length : species.length;
  let invariant = 0;
  for (const kind of new Set(request.kinds)) {
    invariant += blocks * (lMax + 1) * (isSymmetric(kind) ? (q * (q + 1)) / 2 : q * q);
  }
  const vector = new Set(request.vectorKinds ?? []).size * blocks * 2 * lMax * q * q;
  return { invariant, vector };
}

export interface FeatureSizeEstimate extends ColumnCount {
  readonly frames: number;
  /** Index and atom count of the largest structure (index −1 when there are none). */
  readonly largest: { readonly structure: number; readonly atoms: number };
  readonly rows: number;
  /** invariant + vector: what maxColumns bounds. */
  readonly columns: number;
  /** rows × (invariant + 3·vector) × 8. */
  readonly outputBytes: number;
  /** Expansion coefficients of the structure with the most centres (index workingStructure). */
  readonly workingBytes: number;
  readonly workingStructure: number;
}

export type SizeRequest = ColumnRequest & { readonly structures: readonly Structure[] };

function centreCount(
  s: Pick<Structure, 'species'>,
  index: number,
  centres: FeatureRequest['centres'],
): number {
  if (!centres || centres.mode === 'all') return s.species.length;
  if (centres.mode === 'species') return s.species.filter((x) => centres.species.includes(x)).length;
  return centres.indices[index]?.length ?? 0;
}

/**
 * What the size estimate needs of the structures, added one at a time: a request can be sized while its input is
 * read frame by frame, without holding the structures (the featurize CLI streams its input).
 */
export class StructureTally {
  frames = 0;
  rows = 0;
  /** Index and atom count of the largest structure (index −1 when there are none). */
  largest = { structure: -1, atoms: 0 };
  /** Centres of the structure with the most (index workingStructure). */
  mostCentres = 0;
  workingStructure = -1;

  constructor(private readonly request: Pick<ColumnRequest, 'centres' | 'perAtom'>) {}

  /** Adds the next structure (only its species count); returns its number of output rows. */
  add(s: Pick<Structure, 'species'>): number {
    const i = this.frames++;
    if (s.species.length > this.largest.atoms || this.largest.structure < 0)
      this.largest = { structure: i, atoms: s.species.length };
    const centres = centreCount(s, i, this.request.centres);
    const rows = this.request.perAtom ? centres : 1;
    this.rows += rows;
    if (centres > this.mostCentres || this.workingStructure < 0) {
      this.mostCentres = centres;
      this.workingStructure = i;
    }
    return rows;
  }
}

/** The size estimate of a request whose structures have been tallied (same request for both). */
export function estimateFromTally(request: ColumnRequest, tally: StructureTally): FeatureSizeEstimate {
  const { hypers } = request;
  const columns = featureColumns(request);
  const kinds = [...request.kinds, ...(request.vectorKinds ?? [])];
  const fields = new Set(kinds.flatMap((k) => FIELDS_OF[k])).size;
  const perCentre = hypers.species.length * hypers.nMax * (hypers.lMax + 1) ** 2;
  return {
    ...columns,
    frames: tally.frames,
    largest: tally.largest,
    rows: tally.rows,
    columns: columns.invariant + columns.vector,
    outputBytes: tally.rows * (columns.invariant + 3 * columns.vector) * 8,
    workingBytes: tally.mostCentres * perCentre * fields * 8,
    workingStructure: tally.workingStructure,
  };
}

/** Predicts the size of a request's result and working memory in O(atoms), without computing anything. */
export function estimateFeatureSize(request: SizeRequest): FeatureSizeEstimate {
  const tally = new StructureTally(request);
  for (const s of request.structures) tally.add(s);
  return estimateFromTally(request, tally);
}

/** Upper bound of the JSON text that describes the result: a label per column and a description per row. */
export function labelsJsonBytes(estimate: FeatureSizeEstimate): number {
  return JSON_BYTES.fixed + estimate.columns * JSON_BYTES.perLabel + estimate.rows * JSON_BYTES.perRow;
}

/** Upper bound of the result as one JSON text: the values, the labels and the row descriptions. */
export function jsonOutputBytes(estimate: FeatureSizeEstimate): number {
  return (
    labelsJsonBytes(estimate) +
    2 * estimate.rows * JSON_BYTES.perRow +
    (estimate.outputBytes / 8) * JSON_BYTES.perValue
  );
}

export type ResourceLimitName =
  'maxFrames' | 'maxAtomsPerStructure' | 'maxColumns' | 'maxOutputBytes' | 'maxWorkingBytes';

export interface ResourceExcess {
  readonly limit: ResourceLimitName;
  readonly actual: number;
  readonly max: number;
}

/** The first limit a request exceeds (frames, atoms, columns, output, working memory), or undefined. */
export function resourceExcess(
  estimate: FeatureSizeEstimate,
  limits: ResourceLimits = RESOURCE_LIMITS,
): ResourceExcess | undefined {
  const checks: [ResourceLimitName, number][] = [
    ['maxFrames', estimate.frames],
    ['maxAtomsPerStructure', estimate.largest.atoms],
    ['maxColumns', estimate.columns],
    ['maxOutputBytes', estimate.outputBytes],
    ['maxWorkingBytes', estimate.workingBytes],
  ];
  for (const [limit, actual] of checks)
    if (actual > limits[limit]) return { limit, actual, max: limits[limit] };
  return undefined;
}

/** 1 234 567 → '1,234,567'. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Decimal units: 119 000 000 → '119 MB', 2e9 → '2.0 GB'. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const x = bytes / size;
      return `${x >= 100 ? Math.round(x) : x.toFixed(1)} ${unit}`;
    }
  }
  return `${Math.round(bytes)} B`;
}
