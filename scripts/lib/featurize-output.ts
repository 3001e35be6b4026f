/**
 * Writes features as .npy (+ sidecars) or as a single .json file, batch by batch as they are computed
 * (createFeatureOutput). The files of one output appear together or not at all (StagedFiles); a file system failure
 * is an OutputError naming the file.
 */
import { basename } from 'node:path';
import type { Structure } from '../../src/chem/structure.ts';
import {
  labelName,
  type FeatureKind,
  type FeatureResult,
  type InvariantLabel,
  type PeriodicHandling,
  type VectorLabel,
} from '../../src/lode/features.ts';
import type { LodeHypers } from '../../src/lode/hypers.ts';
import { NpyWriter } from './npy.ts';
import { StagedFiles, type StagedStream } from './staged-files.ts';

/** Everything about the run that a reader of the numbers needs to interpret them. */
export interface RunDescription {
  readonly input: string;
  readonly hypers: Required<LodeHypers>;
  readonly kinds: readonly FeatureKind[];
  readonly vectorKinds: readonly FeatureKind[];
  /** Centre species, or null when every atom is a centre. */
  readonly centres: readonly string[] | null;
  readonly perAtom: boolean;
  /** 'periodic': frames with cell and pbc are periodic systems; 'as-clusters' (--no-pbc): their cells were ignored. */
  readonly periodic: PeriodicHandling;
}

export interface RowDescription {
  readonly structure: number;
  /** Atom index of the centre, or −1 for structure rows. */
  readonly atom: number;
  /** Species of the centre (per-atom rows only). */
  readonly species?: string;
}

/** Paths of the files a .npy output consists of: out.npy, out.labels.json and (with vectors) out.vectors.npy. */
export function npyOutputPaths(out: string): { values: string; labels: string; vectors: string } {
  const stem = out.replace(/\.npy$/i, '');
  return { values: out, labels: `${stem}.labels.json`, vectors: `${stem}.vectors.npy` };
}

/** Splits a flat row-major array into nested arrays of the given trailing shape. */
function nest(
  values: Float64Array,
  rows: number,
  width: number,
  components: number,
): number[][] | number[][][] {
  const row = (r: number) => values.subarray(r * width * components, (r + 1) * width * components);
  if (components === 1) return Array.from({ length: rows }, (_, r) => Array.from(row(r)));
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: width }, (_, c) =>
      Array.from(row(r).subarray(c * components, (c + 1) * components)),
    ),
  );
}

/** Every file a run with these options writes: out (.json), or out.npy, out.labels.json and maybe out.vectors.npy. */
export function outputFiles(out: string, format: 'npy' | 'json', vectors: boolean): string[] {
  if (format === 'json') return [out];
  const paths = npyOutputPaths(out);
  return vectors ? [paths.values, paths.vectors, paths.labels] : [paths.values, paths.labels];
}

// ---------------------------------------------------------------------------------------------------------------
// Batch by batch

/** The columns of a run, known before its first row. */
export interface OutputColumns {
  readonly invariantLabels: readonly InvariantLabel[];
  readonly vectorLabels: readonly VectorLabel[];
}

/** Where the rows of a run go as they are computed, batch after batch, in order. */
export interface FeatureOutput {
  /** A batch's result; `structures` are its frames, the first of which is frame `first` of the input. */
  append(batch: FeatureResult, structures: readonly Structure[], first: number): void;
  /** After the last batch: completes the files (checking that every row announced arrived). */
  finish(): void;
}

function describeBatchRows(
  batch: FeatureResult,
  structures: readonly Structure[],
  first: number,
): RowDescription[] {
  return batch.rowInfo.map(({ structure, atom }) =>
    atom < 0
      ? { structure: first + structure, atom }
      : { structure: first + structure, atom, species: structures[structure].species[atom] },
  );
}

/** Stands for the row descriptions in the labels document until they are written; a path cannot contain NUL. */
const ROWS_PLACEHOLDER = '\u0000rowInfo\u0000';

/**
 * The labels document, written as JSON.stringify(document, null, 1) would write it, with the row descriptions
 * streamed in between: the text around them is known from the start, the rows arrive with the batches.
 */
class LabelsWriter {
  private readonly suffix: string;
  private rows = 0;

  constructor(
    private readonly file: StagedStream,
    document: Record<string, unknown>,
  ) {
    const text = JSON.stringify({ ...document, rowInfo: ROWS_PLACEHOLDER }, null, 1);
    const [prefix, suffix] = text.split(JSON.stringify(ROWS_PLACEHOLDER));
    file.write(prefix!);
    this.suffix = suffix!;
  }

  append(rows: readonly RowDescription[]): void {
    if (rows.length === 0) return;
    // An element of an array at depth 1: on its own line, indented by 2, its lines by 2 more.
    const items = rows.map((row) => `\n  ${JSON.stringify(row, null, 1).replace(/\n/g, '\n  ')}`);
    this.file.write(`${this.rows === 0 ? '[' : ','}${items.join(',')}`);
    this.rows += rows.length;
  }

  finish(): void {
    this.file.write(`${this.rows === 0 ? '[]' : '\n ]'}${this.suffix}\n`);
  }
}

/** .npy output: the values (and vectors) appended to files whose header already has the final shape. */
class NpyOutput implements FeatureOutput {
  private readonly values: NpyWriter;
  private readonly vectors: NpyWriter | undefined;
  private readonly labels: LabelsWriter;

  constructor(staged: StagedFiles, out: string, rows: number, columns: OutputColumns, run: RunDescription) {
    const paths = npyOutputPaths(out);
    const width = columns.invariantLabels.length;
    const vectorWidth = columns.vectorLabels.length;
    const values = staged.open(paths.values);
    this.values = new NpyWriter((bytes) => values.write(bytes), [rows, width]);
    // Sibling names rather than full paths, so the sidecar stays valid when the three files move together.
    const files: Record<string, string> = { values: basename(paths.values) };
    if (vectorWidth > 0) {
      const vectors = staged.open(paths.vectors);
      this.vectors = new NpyWriter((bytes) => vectors.write(bytes), [rows, vectorWidth, 3]);
      files.vectors = basename(paths.vectors);
    }
    this.labels = new LabelsWriter(staged.open(paths.labels), {
      files,
      ...run,
      rows,
      columns: width,
      labels: columns.invariantLabels.map(labelName),
      rowInfo: [],
      ...(vectorWidth > 0
        ? { vectorColumns: vectorWidth, vectorLabels: columns.vectorLabels.map(labelName) }
        : {}),
    });
  }

  append(batch: FeatureResult, structures: readonly Structure[], first: number): void {
    this.values.append(batch.invariants);
    this.vectors?.append(batch.vectors);
    this.labels.append(describeBatchRows(batch, structures, first));
  }

  finish(): void {
    this.values.finish();
    this.vectors?.finish();
    this.labels.finish();
  }
}

/** .json output: one document, so the rows are gathered in memory (bounded by the JSON size limit) and written last. */
class JsonOutput implements FeatureOutput {
  private readonly invariants: Float64Array;
  private readonly vectors: Float64Array;
  private readonly rowInfo: RowDescription[] = [];

  constructor(
    private readonly staged: StagedFiles,
    private readonly out: string,
    private readonly rows: number,
    private readonly columns: OutputColumns,
    private readonly run: RunDescription,
  ) {
    this.invariants = new Float64Array(rows * columns.invariantLabels.length);
    this.vectors = new Float64Array(rows * columns.vectorLabels.length * 3);
  }

  append(batch: FeatureResult, structures: readonly Structure[], first: number): void {
    const row = this.rowInfo.length;
    if (row + batch.rows > this.rows) throw new RangeError(`more than the ${this.rows} rows announced`);
    this.invariants.set(batch.invariants, row * this.columns.invariantLabels.length);
    this.vectors.set(batch.vectors, row * this.columns.vectorLabels.length * 3);
    this.rowInfo.push(...describeBatchRows(batch, structures, first));
  }

  finish(): void {
    if (this.rowInfo.length !== this.rows) {
      throw new RangeError(`${this.rows} rows announced, ${this.rowInfo.length} written`);
    }
    const { invariantLabels, vectorLabels } = this.columns;
    const vectors = vectorLabels.length > 0;
    const document = {
      ...this.run,
      rows: this.rows,
      columns: invariantLabels.length,
      labels: invariantLabels.map(labelName),
      rowInfo: this.rowInfo,
      ...(vectors ? { vectorColumns: vectorLabels.length, vectorLabels: vectorLabels.map(labelName) } : {}),
      values: nest(this.invariants, this.rows, invariantLabels.length, 1),
      ...(vectors ? { vectors: nest(this.vectors, this.rows, vectorLabels.length, 3) } : {}),
    };
    this.staged.write(this.out, `${JSON.stringify(document)}\n`);
  }
}

/**
 * The output of a run of `rows` rows (known from a first pass over the input) in `format`, staged in `staged`:
 * .npy files are written as batches arrive, a .json document at finish().
 */
export function createFeatureOutput(
  staged: StagedFiles,
  format: 'npy' | 'json',
  out: string,
  rows: number,
  columns: OutputColumns,
  run: RunDescription,
): FeatureOutput {
  return format === 'npy'
    ? new NpyOutput(staged, out, rows, columns, run)
    : new JsonOutput(staged, out, rows, columns, run);
}
