/**
 * The featurize CLI's input, read frame by frame so that memory does not grow with the file: a quick first pass
 * over frame outlines (counts, comment lines, species) that gathers what sizing the output needs (frames, atoms,
 * rows, species, periodic frames), then the frames again, parsed in full, in batches for the engine (parsed ahead
 * in a worker thread for large files).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { atomicNumber } from '../../src/chem/elements.ts';
import {
  ExtXyzError,
  readExtXyzFrames,
  readExtXyzOutlines,
  type ReaderOptions,
} from '../../src/chem/extxyz.ts';
import type { Cell, Structure } from '../../src/chem/structure.ts';
import { StructureInputError } from '../../src/lode/errors.ts';
import { channelsOf } from '../../src/lode/expansion.ts';
import type { CentreSelection, PeriodicHandling } from '../../src/lode/features.ts';
import { latticeOf } from '../../src/lode/lattice.ts';
import { StructureTally } from '../../src/lode/limits.ts';

/** Bytes read from the file at a time. */
export const CHUNK_BYTES = 1 << 20;

/**
 * The text of a file in chunks of at most `chunkBytes` bytes, decoded as readFileSync(path, 'utf8') decodes the whole
 * file: invalid UTF-8 becomes U+FFFD, a byte-order mark is kept, and a character split between chunks is joined.
 */
export function* fileChunks(
  path: string,
  chunkBytes = CHUNK_BYTES,
  onRead?: (bytesSoFar: number) => void,
): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let bytesSoFar = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) break;
      bytesSoFar += n;
      onRead?.(bytesSoFar);
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
  /** 'periodic': frames with a pbc flag T are checked for a usable cell (Lattice=). */
  readonly periodic: PeriodicHandling;
  readonly parse: ReaderOptions;
  readonly chunkBytes?: number;
  /** Told the bytes read so far after each chunk (progress of a pass that may take minutes on a large file). */
  readonly onRead?: (bytesSoFar: number) => void;
}

export interface InputScan {
  readonly stamp: FileStamp;
  readonly frames: number;
  readonly atoms: number;
  /** Every species found, by atomic number. */
  readonly species: string[];
  /** Frames, rows, the largest structure and the one with the most centres (for the size estimate). */
  readonly tally: StructureTally;
  /**
   * The first frame the engine would reject (a periodic frame without a usable cell, or an atom of a species outside
   * --species), as the engine would report it; kept rather than thrown, so that the checks the engine makes first
   * still come first.
   */
  readonly problem?: StructureInputError;
}

/**
 * The first pass: reads the outline of every frame (see ExtXyzOutlineReader: errors in the structure of the file,
 * such as a truncated frame, end the run before anything is computed or written) and keeps only totals. Throws
 * ExtXyzError on malformed input and file system errors as they are.
 */
export function scanInput(path: string, request: ScanRequest): InputScan {
  const stamp = fileStamp(path);
  const tally = new StructureTally({ centres: request.centres, perAtom: request.perAtom });
  const found = new Set<string>();
  const channels = request.species;
  let atoms = 0;
  let problem: StructureInputError | undefined;
  const chunks = fileChunks(path, request.chunkBytes, request.onRead);
  for (const frame of readExtXyzOutlines(chunks, request.parse)) {
    const index = tally.frames;
    tally.add(frame);
    atoms += frame.species.length;
    for (const s of frame.species) found.add(s);
    if (problem === undefined) {
      try {
        if (request.periodic === 'periodic') latticeOf(frame, index);
        if (channels) channelsOf(frame.species, channels, index);
      } catch (error) {
        if (!(error instanceof StructureInputError)) throw error;
        problem = error;
      }
    }
  }
  const species = [...found].sort((a, b) => atomicNumber(a) - atomicNumber(b));
  return { stamp, frames: tally.frames, atoms, species, tally, problem };
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

/**
 * Batches of a few hundred frames, or fewer when rows are wide: 16 MB of rows at most (plus one frame). Smaller
 * batches hold less memory (two are alive: one written, one computed) but cost more per row in overhead; at the D1
 * hypers (180 kB a row) 16 MB is about 90 frames.
 */
export const BATCH_SIZE: BatchSize = { frames: 500, bytes: 16e6 };

/**
 * The second pass: the frames again, in batches bounded by frame count and output bytes (`rowBytes` per row), so
 * that the rows in memory at once do not grow with the input.
 */
export function* frameBatches(
  path: string,
  parse: ReaderOptions,
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

/** What a second pass reads: the arguments of frameBatches. */
export interface BatchJob {
  readonly path: string;
  readonly parse: ReaderOptions;
  readonly rows: { readonly centres: CentreSelection; readonly perAtom: boolean };
  readonly rowBytes: number;
  readonly size: BatchSize;
  readonly chunkBytes: number;
}

/** A frame as the worker sends it: what the engine uses of a structure. */
interface FrameData {
  readonly species: readonly string[];
  readonly positions: Float64Array;
  readonly cell?: Cell;
  readonly pbc?: readonly [boolean, boolean, boolean];
}

/** The worker's answer to each request (featurize-batches-worker.ts). */
export type BatchMessage =
  | { readonly done: true }
  | {
      readonly batch: {
        readonly first: number;
        readonly rows: number;
        readonly atoms: number;
        readonly frames: FrameData[];
      };
    }
  | {
      readonly error:
        | { readonly kind: 'extxyz'; readonly frame: number; readonly line: number; readonly detail: string }
        | { readonly kind: 'other'; readonly message: string; readonly code?: string };
    };

/** The error the worker described, as the caller would have caught it reading the file itself. */
function rebuildError(error: Extract<BatchMessage, { error: unknown }>['error']): Error {
  if (error.kind === 'extxyz') return new ExtXyzError(error.frame, error.line, error.detail);
  const rebuilt = new Error(error.message);
  return error.code === undefined ? rebuilt : Object.assign(rebuilt, { code: error.code });
}

function toStructure({ species, positions, cell, pbc }: FrameData): Structure {
  return { species, positions, info: {}, arrays: {}, ...(cell ? { cell } : {}), ...(pbc ? { pbc } : {}) };
}

/**
 * A worker thread that reads and parses a second pass one batch ahead of the caller, so that parsing overlaps the
 * caller's computation. Start it early (it takes a moment to start), give it the job once the first pass has
 * sized it (batches), and close it at the end whatever happens.
 */
export class BatchReader {
  private readonly worker = new Worker(new URL('./featurize-batches-worker.mjs', import.meta.url));
  private waiting: { resolve: (m: BatchMessage) => void; reject: (e: Error) => void } | undefined;
  private started = false;

  constructor() {
    const settle = (answer: (w: NonNullable<BatchReader['waiting']>) => void) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) answer(waiting);
    };
    this.worker.on('message', (message: BatchMessage) => settle((w) => w.resolve(message)));
    this.worker.on('error', (error) => settle((w) => w.reject(error)));
    this.worker.on('exit', (code) =>
      settle((w) => w.reject(new Error(`the input reader stopped (exit code ${code})`))),
    );
  }

  /**
   * The batches of frameBatches(job), with structures that carry species, positions, cell and pbc (not info or
   * extra columns: the engine does not use them). Errors are those frameBatches would throw. Once only.
   */
  async *batches(job: BatchJob): AsyncGenerator<FrameBatch> {
    if (this.started) throw new Error('BatchReader.batches: a reader reads one job');
    this.started = true;
    let next = this.request({ job });
    try {
      for (;;) {
        const message = await next;
        if ('error' in message) throw rebuildError(message.error);
        if ('done' in message) return;
        next = this.request('next'); // the worker parses the following batch while this one is computed
        const { first, rows, atoms, frames } = message.batch;
        yield { first, rows, atoms, structures: frames.map(toStructure) };
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the worker (also when no job was given). */
  async close(): Promise<void> {
    this.waiting = undefined;
    await this.worker.terminate();
  }

  private request(message: { job: BatchJob } | 'next'): Promise<BatchMessage> {
    const answer = new Promise<BatchMessage>((resolve, reject) => (this.waiting = { resolve, reject }));
    answer.catch(() => undefined); // a request still open when the caller stops is not an unhandled rejection
    this.worker.postMessage(message);
    return answer;
  }
}

/** The batches of frameBatches(job) in this thread (small inputs: a worker would take longer to start). */
export async function* batchesInline(job: BatchJob): AsyncGenerator<FrameBatch> {
  yield* frameBatches(job.path, job.parse, job.rows, job.rowBytes, job.size, job.chunkBytes);
}
