/**
 * The featurize CLI's input, read frame by frame so that memory does not grow with the file: a first pass that
 * validates every frame and gathers what sizing the output needs (frames, atoms, rows, species, periodic frames),
 * then the frames again in batches for the engine.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { atomicNumber } from '../../src/chem/elements.ts';
import { readExtXyzFrames, type ParseOptions } from '../../src/chem/extxyz.ts';
import type { Structure } from '../../src/chem/structure.ts';
import { StructureInputError } from '../../src/lode/errors.ts';
import { assertNoOverlaps, speciesChannels } from '../../src/lode/expansion.ts';
import type { CentreSelection } from '../../src/lode/features.ts';
import { StructureTally } from '../../src/lode/limits.ts';

/** Bytes read from the file at a time. */
export const CHUNK_BYTES = 1 << 20;

/**
 * The text of a file in chunks of at most `chunkBytes` bytes, decoded as readFileSync(path, 'utf8') decodes the whole
 * file: invalid UTF-8 becomes U+FFFD, a byte-order mark is kept, and a character split between chunks is joined.
 */
export function* fileChunks(path: string, chunkBytes = CHUNK_BYTES): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      yield decoder.decode(buffer.subarray(0, n), { stream: true });
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/** What identifies the file's contents for the second pass: it must not change between the passes. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

export function fileStamp(path: string): FileStamp {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs };
}

export interface ScanRequest {
  /** Explicit species channels; undefined: every species found, which the scan collects. */
  readonly species?: readonly string[];
  /** Counted for the row total (the species in a 'species' selection need not be validated yet). */
  readonly centres: CentreSelection;
  readonly perAtom: boolean;
  readonly parse: ParseOptions;
  readonly chunkBytes?: number;
}

export interface InputScan {
  readonly stamp: FileStamp;
  readonly frames: number;
  readonly atoms: number;
  /** Every species found, by atomic number. */
  readonly species: string[];
  /** Frames, rows, the largest structure and the one with the most centres (for the size estimate). */
  readonly tally: StructureTally;
  /** The first periodic frame (a pbc flag true), and how many there are; undefined when none is. */
  readonly periodic?: {
    readonly first: number;
    readonly pbc: readonly [boolean, boolean, boolean];
    readonly count: number;
  };
  /**
   * The first frame the engine would reject (an atom of a species outside --species, two atoms on one point), as
   * the engine would report it; kept rather than thrown, so that the checks the engine makes first still come first.
   */
  readonly problem?: StructureInputError;
}

/**
 * The first pass: parses every frame (so that an input error ends the run before anything is computed or
 * written) and keeps only totals. Throws ExtXyzError on malformed input and file system errors as they are.
 */
export function scanInput(path: string, request: ScanRequest): InputScan {
  const stamp = fileStamp(path);
  const tally = new StructureTally({ centres: request.centres, perAtom: request.perAtom });
  const found = new Set<string>();
  const channels = request.species && { species: request.species, nMax: 1, lMax: 0, cutoff: 1, sigma: 1 };
  let atoms = 0;
  let periodic: InputScan['periodic'];
  let problem: StructureInputError | undefined;
  for (const frame of readExtXyzFrames(fileChunks(path, request.chunkBytes), request.parse)) {
    const index = tally.frames;
    tally.add(frame);
    atoms += frame.species.length;
    for (const s of frame.species) found.add(s);
    if (frame.pbc?.some(Boolean)) {
      periodic = periodic
        ? { ...periodic, count: periodic.count + 1 }
        : { first: index, pbc: frame.pbc, count: 1 };
    }
    if (problem === undefined) {
      try {
        if (channels) speciesChannels(frame, channels, index);
        assertNoOverlaps(frame, index);
      } catch (error) {
        if (!(error instanceof StructureInputError)) throw error;
        problem = error;
      }
    }
  }
  const species = [...found].sort((a, b) => atomicNumber(a) - atomicNumber(b));
  return { stamp, frames: tally.frames, atoms, species, tally, periodic, problem };
}

/** Consecutive frames featurised together. */
export interface FrameBatch {
  /** Index of the first frame in the file. */
  readonly first: number;
  readonly structures: Structure[];
  /** Output rows of the batch. */
  readonly rows: number;
  readonly atoms: number;
}

export interface BatchSize {
  /** At most this many frames per batch. */
  readonly frames: number;
  /** A batch ends once its output reaches this many bytes (a single frame may exceed it). */
  readonly bytes: number;
}

/** Batches of a few hundred frames, or fewer when rows are wide: 32 MB of rows at most (plus one frame). */
export const BATCH_SIZE: BatchSize = { frames: 500, bytes: 32e6 };

/**
 * The second pass: the frames again, in batches bounded by frame count and output bytes (`rowBytes` per row), so
 * that the rows in memory at once do not grow with the input.
 */
export function* frameBatches(
  path: string,
  parse: ParseOptions,
  rowRequest: { readonly centres: CentreSelection; readonly perAtom: boolean },
  rowBytes: number,
  size: BatchSize = BATCH_SIZE,
  chunkBytes = CHUNK_BYTES,
): Generator<FrameBatch> {
  const tally = new StructureTally(rowRequest);
  let batch: { first: number; structures: Structure[]; rows: number; atoms: number } | undefined;
  for (const frame of readExtXyzFrames(fileChunks(path, chunkBytes), parse)) {
    const index = tally.frames;
    const rows = tally.add(frame);
    batch ??= { first: index, structures: [], rows: 0, atoms: 0 };
    batch.structures.push(frame);
    batch.rows += rows;
    batch.atoms += frame.species.length;
    if (batch.structures.length >= size.frames || batch.rows * rowBytes >= size.bytes) {
      yield batch;
      batch = undefined;
    }
  }
  if (batch) yield batch;
}
