/**
 * Writes a FeatureResult as .npy (+ sidecars) or as a single .json file. The files of one output appear together or
 * not at all (StagedFiles); a file system failure is an OutputError naming the file.
 */
import { basename } from 'node:path';
import type { Structure } from '../../src/chem/structure.ts';
import {
  labelName,
  type FeatureKind,
  type FeatureResult,
  type PeriodicHandling,
} from '../../src/lode/features.ts';
import type { LodeHypers } from '../../src/lode/hypers.ts';
import { writeNpyTo } from './npy.ts';
import { StagedFiles } from './staged-files.ts';

/** Everything about the run that a reader of the numbers needs to interpret them. */
export interface RunDescription {
  readonly input: string;
  readonly hypers: Required<LodeHypers>;
  readonly kinds: readonly FeatureKind[];
  readonly vectorKinds: readonly FeatureKind[];
  /** Centre species, or null when every atom is a centre. */
  readonly centres: readonly string[] | null;
  readonly perAtom: boolean;
  /** 'as-clusters' (--no-pbc): periodic frames were featurised as isolated clusters, their cells ignored. */
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

function describeRows(result: FeatureResult, structures: readonly Structure[]): RowDescription[] {
  return result.rowInfo.map(({ structure, atom }) =>
    atom < 0 ? { structure, atom } : { structure, atom, species: structures[structure].species[atom] },
  );
}

function metadata(result: FeatureResult, structures: readonly Structure[], run: RunDescription) {
  return {
    ...run,
    rows: result.rows,
    columns: result.invariantLabels.length,
    labels: result.invariantLabels.map(labelName),
    rowInfo: describeRows(result, structures),
    ...(result.vectorLabels.length > 0
      ? { vectorColumns: result.vectorLabels.length, vectorLabels: result.vectorLabels.map(labelName) }
      : {}),
  };
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

export function writeNpyOutput(
  out: string,
  result: FeatureResult,
  structures: readonly Structure[],
  run: RunDescription,
): string[] {
  const paths = npyOutputPaths(out);
  const width = result.invariantLabels.length;
  return StagedFiles.together((staged) => {
    staged.write(paths.values, (fd) => writeNpyTo(fd, result.invariants, [result.rows, width]));
    // Sibling names rather than full paths, so the sidecar stays valid when the three files move together.
    const files: Record<string, string> = { values: basename(paths.values) };
    if (result.vectorLabels.length > 0) {
      const shape = [result.rows, result.vectorLabels.length, 3];
      staged.write(paths.vectors, (fd) => writeNpyTo(fd, result.vectors, shape));
      files.vectors = basename(paths.vectors);
    }
    const labels = JSON.stringify({ files, ...metadata(result, structures, run) }, null, 1);
    staged.write(paths.labels, `${labels}\n`);
  });
}

export function writeJsonOutput(
  out: string,
  result: FeatureResult,
  structures: readonly Structure[],
  run: RunDescription,
): string[] {
  const vectors =
    result.vectorLabels.length > 0
      ? { vectors: nest(result.vectors, result.rows, result.vectorLabels.length, 3) }
      : {};
  const document = {
    ...metadata(result, structures, run),
    values: nest(result.invariants, result.rows, result.invariantLabels.length, 1),
    ...vectors,
  };
  return StagedFiles.together((staged) => staged.write(out, `${JSON.stringify(document)}\n`));
}

/** Every file a run with these options writes: out (.json), or out.npy, out.labels.json and maybe out.vectors.npy. */
export function outputFiles(out: string, format: 'npy' | 'json', vectors: boolean): string[] {
  if (format === 'json') return [out];
  const paths = npyOutputPaths(out);
  return vectors ? [paths.values, paths.vectors, paths.labels] : [paths.values, paths.labels];
}
