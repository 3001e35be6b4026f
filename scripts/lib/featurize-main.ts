/** The featurize CLI as a function of (argv, streams) → exit code, so tests can run it in-process. */
import { statfsSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { atomicNumber } from '../../src/chem/elements.ts';
import { ExtXyzError, type ReaderOptions } from '../../src/chem/extxyz.ts';
import type { Structure } from '../../src/chem/structure.ts';
import { EngineWorkerError, type EnginePool } from '../../src/lode/engine-pool.ts';
import { StructureInputError } from '../../src/lode/errors.ts';
import { planFeatures } from '../../src/lode/feature-plan.ts';
import {
  computeFeatures,
  type CentreSelection,
  type FeatureProgress,
  type FeatureRequest,
  type FeatureResult,
  type FeatureTimings,
  type PeriodicHandling,
} from '../../src/lode/features.ts';
import { HyperParameterError, validateHypers, type LodeHypers } from '../../src/lode/hypers.ts';
import {
  estimateFromTally,
  formatBytes,
  formatCount,
  jsonOutputBytes,
  labelsJsonBytes,
  RESOURCE_LIMITS,
  resourceExcess,
  type FeatureSizeEstimate,
  type ResourceLimits,
} from '../../src/lode/limits.ts';
import { printable } from '../../src/util/printable.ts';
import {
  parseFeaturizeArgs,
  POOL_FROM_ATOMS,
  USAGE,
  UsageError,
  type FeaturizeOptions,
} from './featurize-args.ts';
import {
  BATCH_SIZE,
  BatchReader,
  batchesInline,
  CHUNK_BYTES,
  fileStamp,
  scanInput,
  type BatchJob,
  type BatchSize,
  type FrameBatch,
  type InputScan,
} from './featurize-input.ts';
import {
  createFeatureOutput,
  outputFiles,
  type FeatureOutput,
  type OutputColumns,
  type RunDescription,
} from './featurize-output.ts';
import { createNodeEnginePool } from './node-engine-pool.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { OutputError, StagedFiles } from './staged-files.ts';

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
}

/** Exit code for anything the user can fix (bad flags, input, hypers); 1 stays for genuine crashes. */
export const USER_ERROR_EXIT = 2;

export interface CliSettings {
  /** The resource policy (tests pass smaller limits). */
  readonly limits: ResourceLimits;
  /** Table-building progress is shown only once the tables have taken this long (usually they take far less). */
  readonly quietMs: number;
  /** How many frames go through the engine at once (tests pass small batches). */
  readonly batch: BatchSize;
  /**
   * Inputs of at least this many bytes are parsed for the engine in a worker thread, a batch ahead, so that parsing
   * overlaps the computation; smaller ones in this thread (a worker takes a moment to start).
   */
  readonly parseAheadBytes: number;
  /** Bytes available to this user on the file system holding `dir` (tests pass a fake). */
  readonly freeBytes: (dir: string) => number;
  /** Signals that, while the output is being written, end the run and remove the partial files. */
  readonly signals: readonly NodeJS.Signals[];
  /**
   * Inputs of fewer atoms are computed in this thread whatever --threads says: starting worker threads (each loads
   * the TypeScript loader and the engine) would take longer than their share of the work.
   */
  readonly poolFromAtoms: number;
}

function freeBytesOn(dir: string): number {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}

export const CLI_SETTINGS: CliSettings = {
  limits: RESOURCE_LIMITS,
  quietMs: 1000,
  batch: BATCH_SIZE,
  parseAheadBytes: 4e6,
  freeBytes: freeBytesOn,
  signals: ['SIGINT', 'SIGTERM'],
  poolFromAtoms: POOL_FROM_ATOMS,
};

/** A user-facing failure outside argument parsing (unreadable input, unwritable output). */
class CliError extends Error {
  override name = 'CliError';
}

/** A signal ended the run while it was writing; the partial files were removed. */
class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; no output was written`);
  }

  /** The shell's convention: 128 + the signal number (130 for SIGINT). */
  get exitCode(): number {
    return 128 + (constants.signals[this.signal] ?? 0);
  }
}

function errnoMessage(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const known: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EISDIR: 'is a directory',
      EACCES: 'permission denied',
      ENOTDIR: 'a parent is not a directory',
    };
    return known[error.code] ?? error.message;
  }
  return undefined;
}

/** Runs a filesystem step, turning OS errors into one-line CliErrors and letting anything else through. */
function withFileErrors<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const message = errnoMessage(error);
    if (message === undefined) throw error;
    throw new CliError(`${what}: ${message}`);
  }
}

/**
 * Checked before the (possibly long) computation, so a typo in --out does not waste it: the directory exists, and
 * none of the files to write is a directory. Writing itself can still fail; then nothing is left behind (see
 * StagedFiles) and the message names the file.
 */
function checkOutputFiles(options: FeaturizeOptions): void {
  const { out } = options;
  const dir = dirname(out);
  const stats = withFileErrors(`cannot write '${out}': directory '${dir}'`, () => statSync(dir));
  if (!stats.isDirectory()) throw new CliError(`cannot write '${out}': '${dir}' is not a directory`);
  for (const path of outputFiles(out, options.format, options.vectorKinds.length > 0)) {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
      throw new CliError(`cannot write '${path}': is a directory`);
  }
}

/** Writes the output files, all or none; a file system failure becomes a CliError naming the file. */
async function writeOutput(write: () => Promise<string[]>): Promise<string[]> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof OutputError) {
      throw new CliError(`cannot write '${error.path}': ${errnoMessage(error.cause) ?? error.cause.message}`);
    }
    throw error;
  }
}

/** Reading the input (either pass): file system errors and parse errors become CliErrors naming the file. */
function inputError(path: string, error: unknown): unknown {
  // The parser's message has frame and line; prefix the file so the user knows where to look.
  if (error instanceof ExtXyzError) return new CliError(`${path}: ${error.message}`);
  const message = errnoMessage(error);
  return message === undefined ? error : new CliError(`cannot read input file '${path}': ${message}`);
}

function withInputErrors<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw inputError(path, error);
  }
}

function parseOptions(limits: ResourceLimits): ReaderOptions {
  return {
    maxFrames: limits.maxFrames,
    maxAtoms: limits.maxAtomsPerStructure,
    maxLineLength: limits.maxLineLength,
  };
}

/** Centres as given on the command line (checked against the species once those are known). */
function requestedCentres(options: FeaturizeOptions): CentreSelection {
  return options.centres === undefined ? { mode: 'all' } : { mode: 'species', species: options.centres };
}

/**
 * The first pass over the input: every frame parsed and checked, only totals kept (see scanInput), so that input
 * errors end the run before anything is computed or written.
 */
function scanStructures(options: FeaturizeOptions, io: CliIo, settings: CliSettings): InputScan {
  const { limits } = settings;
  const path = options.input;
  const size = withFileErrors(`cannot read input file '${path}'`, () => statSync(path).size);
  if (size > limits.maxInputBytes) {
    throw new CliError(
      `'${path}' is ${formatBytes(size)}, more than the limit of ${formatBytes(limits.maxInputBytes)} for an ` +
        'input file; split it into smaller files',
    );
  }
  const progress = createProgress(io.stderr, 'featurize: reading input', {
    quietMs: settings.quietMs,
    counts: (done, total) => `${formatBytes(done)} of ${formatBytes(total)}`,
  });
  const scan = withInputErrors(path, () => {
    try {
      return scanInput(path, {
        species: options.species,
        centres: requestedCentres(options),
        perAtom: options.perAtom,
        periodic: periodicHandling(options),
        parse: parseOptions(limits),
        onRead: (bytes) => progress.update(bytes, size),
      });
    } finally {
      progress.finish();
    }
  });
  if (scan.frames === 0) throw new CliError(`'${path}' contains no frames`);
  return scan;
}

export function speciesInFrames(frames: readonly Structure[]): string[] {
  const found = new Set(frames.flatMap((f) => f.species));
  return [...found].sort((a, b) => atomicNumber(a) - atomicNumber(b));
}

function hypersFor(options: FeaturizeOptions, scan: InputScan): Required<LodeHypers> {
  const { nMax, lMax, cutoff, sigma, includeCenter, radialBasis } = options;
  const species = options.species ?? scan.species;
  if (species.length === 0) {
    const count = scan.frames === 1 ? '1 frame, empty' : `${scan.frames} frames, all empty`;
    throw new CliError(`${options.input}: the input has no atoms (${count}); nothing to featurize`);
  }
  return validateHypers({ nMax, lMax, cutoff, sigma, species, includeCenter, radialBasis });
}

function centreSelection(options: FeaturizeOptions, species: readonly string[]): CentreSelection {
  if (options.centres === undefined) return { mode: 'all' };
  const missing = options.centres.filter((s) => !species.includes(s));
  if (missing.length > 0) {
    throw new UsageError(`--centres: ${missing.join(', ')} not among the species [${species.join(', ')}]`);
  }
  return { mode: 'species', species: options.centres };
}

/** The options that shrink the output's columns, with their current values. */
function columnAdvice(
  options: FeaturizeOptions,
  hypers: Required<LodeHypers>,
  centreSpecies: number,
): string {
  const centres = options.perAtom ? '' : `, fewer centre species with --centres (${centreSpecies} now)`;
  return (
    `choose fewer species with --species (${hypers.species.length} now)${centres}, a smaller --nmax ` +
    `(${hypers.nMax}) or --lmax (${hypers.lMax}), or fewer --features/--vectors kinds`
  );
}

/**
 * Refuses, before anything is computed or written, a request whose output or working memory would exceed the
 * resource limits; the message states the size and the options that would make it fit.
 */
function checkSize(
  options: FeaturizeOptions,
  hypers: Required<LodeHypers>,
  estimate: FeatureSizeEstimate,
  limits: ResourceLimits,
): void {
  const centreSpecies = options.centres?.length ?? hypers.species.length;
  const rows = `${formatCount(estimate.rows)} ${estimate.rows === 1 ? 'row' : 'rows'}`;
  const shape = `${rows} × ${formatCount(estimate.columns)} columns`;
  const columns = columnAdvice(options, hypers, centreSpecies);
  const excess = resourceExcess(estimate, limits);
  const input = options.input;
  switch (excess?.limit) {
    case undefined:
      break;
    case 'maxFrames':
      throw new CliError(
        `${input}: ${formatCount(excess.actual)} frames, more than the limit of ${formatCount(excess.max)}; ` +
          'split the input into smaller files',
      );
    case 'maxAtomsPerStructure':
      throw new CliError(
        `${input}: structure ${estimate.largest.structure} has ${formatCount(excess.actual)} atoms, more than ` +
          `the limit of ${formatCount(excess.max)} per structure`,
      );
    case 'maxColumns':
      throw new CliError(
        `the output would have ${formatCount(excess.actual)} columns (${shape}, ` +
          `${formatBytes(estimate.outputBytes)}), more than the limit of ${formatCount(excess.max)} columns; ` +
          columns,
      );
    case 'maxOutputBytes': {
      const fewerRows = options.perAtom
        ? '; or fewer rows: drop --per-atom, or pick centres with --centres'
        : '';
      throw new CliError(
        `the output would be ${formatBytes(excess.actual)} (${shape} of float64), more than the limit of ` +
          `${formatBytes(excess.max)}; ${columns}${fewerRows}; or split the input`,
      );
    }
    case 'maxWorkingBytes':
      throw new CliError(
        `structure ${estimate.workingStructure} would need ${formatBytes(excess.actual)} of expansion ` +
          `coefficients, more than the limit of ${formatBytes(excess.max)}; choose fewer species with --species ` +
          `(${hypers.species.length} now), a smaller --nmax (${hypers.nMax}) or --lmax (${hypers.lMax}), or fewer ` +
          'centres with --centres',
      );
  }
  const maxJson = `more than the limit of ${formatBytes(limits.maxJsonBytes)} for JSON text`;
  const fewerRows = `split the input into smaller files${options.perAtom ? ' or drop --per-atom' : ''}`;
  const json = jsonOutputBytes(estimate);
  if (options.format === 'json' && json > limits.maxJsonBytes) {
    throw new CliError(
      `the .json output would be up to ${formatBytes(json)} (${shape}), ${maxJson}; write .npy instead ` +
        `(--out <name>.npy), or ${columns}, or ${fewerRows}`,
    );
  }
  // With .npy output the values are binary, but labels and row descriptions are still one JSON text.
  const labels = labelsJsonBytes(estimate);
  if (labels > limits.maxJsonBytes) {
    throw new CliError(
      `the labels file would be up to ${formatBytes(labels)} (${formatCount(estimate.rows)} row descriptions, ` +
        `${formatCount(estimate.columns)} column labels), ${maxJson}; ${fewerRows}`,
    );
  }
}

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Largest resident set of the process so far. */
function peakMemoryBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

interface RunTotals {
  readonly frames: number;
  readonly atoms: number;
  readonly rows: number;
  readonly columns: OutputColumns;
  readonly timings: FeatureTimings;
  readonly totalMs: number;
  /** Everything but the engine: reading and parsing the input (both passes) and writing the output. */
  readonly ioMs: number;
  /** Threads that computed features. */
  readonly threads: number;
}

function summaryLine(totals: RunTotals): string {
  const { rows, columns, timings } = totals;
  const vectorWidth = columns.vectorLabels.length;
  const vectors = vectorWidth > 0 ? ` + ${rows} × ${vectorWidth} × 3 vectors` : '';
  const shape = `${rows} rows × ${columns.invariantLabels.length} columns${vectors}`;
  const split = [
    `tables ${formatMs(timings.tablesMs)}`,
    `expansion ${formatMs(timings.expansionMs)}`,
    `products ${formatMs(timings.productsMs)}`,
    `read+write ${formatMs(totals.ioMs)}`,
  ];
  // With several threads, the engine's times add up the threads' work.
  const threads = totals.threads > 1 ? `; ${totals.threads} threads` : '';
  return (
    `featurize: ${totals.frames} frames (${totals.atoms} atoms) → ${shape} in ${formatMs(totals.totalMs)} ` +
    `(${split.join(', ')}); peak memory ${formatBytes(peakMemoryBytes())}${threads}`
  );
}

/**
 * The engine numbers structures from 0 but does not know the file; name it (and number structures in the file, from
 * `first`) so the message is self-contained.
 */
function explainStructureError(input: string, error: StructureInputError, first = 0): CliError {
  const structure = first + error.structure;
  const detail = error.message.slice(`structure ${error.structure}: `.length);
  return new CliError(`${input}: structure ${structure}: ${detail}`);
}

/**
 * What the engine would reject, found by the first pass: the first periodic frame without a usable cell or with an
 * atom outside --species (the engine's own checks, in its order).
 */
function checkStructures(options: FeaturizeOptions, scan: InputScan): void {
  if (scan.problem) throw explainStructureError(options.input, scan.problem);
}

/** Frames with a cell and a pbc flag T are periodic systems, unless --no-pbc makes every frame a cluster. */
function periodicHandling(options: FeaturizeOptions): PeriodicHandling {
  return options.noPbc ? 'as-clusters' : 'periodic';
}

/** Refuses output that would not fit on its file system, rather than failing after the computation. */
function checkFreeSpace(
  options: FeaturizeOptions,
  estimate: FeatureSizeEstimate,
  settings: CliSettings,
): void {
  const dir = dirname(options.out);
  const needed =
    options.format === 'json' ? jsonOutputBytes(estimate) : estimate.outputBytes + labelsJsonBytes(estimate);
  const free = settings.freeBytes(dir);
  if (needed > free) {
    throw new CliError(
      `cannot write '${options.out}': the output needs up to ${formatBytes(needed)}, and the file system of ` +
        `'${dir}' has ${formatBytes(free)} free`,
    );
  }
}

/** Signals caught while output files exist (see withSignals). */
interface SignalGuard {
  /** Starts catching the signals; until then they end the process as usual. */
  arm(): void;
  /** Throws Interrupted once a signal has been caught (listeners run in turns of the event loop). */
  check(): void;
}

/**
 * Runs `step`, which arms the guard when it creates its first file: from then on a signal is caught, and `check`
 * throws Interrupted, so that the files are removed. Before that, nothing needs removing and a signal ends the
 * process at once, even while the engine is busy (a first batch may take minutes to build its radial tables).
 */
async function withSignals<T>(
  signals: readonly NodeJS.Signals[],
  step: (guard: SignalGuard) => Promise<T>,
): Promise<T> {
  let caught: NodeJS.Signals | undefined;
  let armed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    caught ??= signal;
  };
  const guard: SignalGuard = {
    arm() {
      if (armed) return;
      armed = true;
      // once: a second signal finds no listener and ends the process at once, as usual.
      for (const signal of signals) process.once(signal, onSignal);
    },
    check() {
      if (caught !== undefined) throw new Interrupted(caught);
    },
  };
  try {
    return await step(guard);
  } finally {
    if (armed) for (const signal of signals) process.off(signal, onSignal);
  }
}

/** Gives the event loop a turn, so that a signal's listener runs. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function inputChanged(input: string): CliError {
  return new CliError(
    `${input}: the file changed while it was being featurised; run again on a file that stays put`,
  );
}

function addTimings(total: FeatureTimings, more: FeatureTimings): void {
  total.tablesMs += more.tablesMs;
  total.expansionMs += more.expansionMs;
  total.productsMs += more.productsMs;
}

/** Bytes of the input, or 0 when it cannot be read (the first pass then says why). */
function inputBytes(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

async function featurize(options: FeaturizeOptions, io: CliIo, settings: CliSettings): Promise<void> {
  const start = performance.now();
  checkOutputFiles(options);
  // Started now, the reader of the second pass is ready when the first pass is done.
  const reader = inputBytes(options.input) >= settings.parseAheadBytes ? new BatchReader() : undefined;
  try {
    await featurizeWith(options, io, settings, start, reader);
  } finally {
    await reader?.close();
  }
}

async function featurizeWith(
  options: FeaturizeOptions,
  io: CliIo,
  settings: CliSettings,
  start: number,
  reader: BatchReader | undefined,
): Promise<void> {
  const { limits } = settings;
  const scan = scanStructures(options, io, settings);
  const hypers = hypersFor(options, scan);
  const centres = centreSelection(options, hypers.species);
  const { kinds, vectorKinds, perAtom, input } = options;
  const columnRequest = { hypers, kinds, vectorKinds, centres, perAtom };
  const estimate = estimateFromTally(columnRequest, scan.tally);
  checkSize(options, hypers, estimate, limits);
  checkStructures(options, scan);
  checkFreeSpace(options, estimate, settings);
  const { invariantLabels, vectorLabels } = planFeatures({ ...columnRequest, structures: [] }).layout;
  const columns: OutputColumns = { invariantLabels, vectorLabels };
  const run: RunDescription = {
    input,
    hypers,
    kinds,
    vectorKinds,
    centres: options.centres ?? null,
    perAtom,
    periodic: periodicHandling(options),
  };

  // The tables come first (a small σ can take minutes), then the structures, with fractions of large ones.
  const tablesProgress = createProgress(io.stderr, 'featurize: radial tables', {
    quietMs: settings.quietMs,
    counts: false,
  });
  let atomsDone = 0;
  const progress = createProgress(io.stderr, 'featurize', {
    counts: (done, total) =>
      `${formatCount(Math.floor(done))}/${formatCount(total)} frames, ` +
      `${formatCount(atomsDone)}/${formatCount(scan.atoms)} atoms`,
  });
  const timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };
  const threads = scan.atoms < settings.poolFromAtoms ? 1 : options.threads;
  // Each batch is shared out among the pool's workers (started with the first batch), so that the rows in memory
  // stay those of a few batches whatever the number of threads.
  const pool: EnginePool | undefined = threads > 1 ? createNodeEnginePool(threads) : undefined;
  let computeMs = 0;
  let frames = 0;
  let rows = 0;

  /** Featurises one batch; progress counts frames of the whole file, and the atoms of finished frames. */
  const compute = async (batch: { first: number; structures: Structure[] }): Promise<FeatureResult> => {
    const atomsBefore = atomsDone;
    const atomsUpTo = [0];
    for (const s of batch.structures) atomsUpTo.push(atomsUpTo.at(-1)! + s.species.length);
    const request: FeatureRequest = {
      structures: batch.structures,
      hypers,
      kinds,
      vectorKinds,
      centres,
      perAtom,
      periodic: run.periodic,
      onStageProgress: ({ stage, done, total }: FeatureProgress) => {
        if (stage === 'tables') return tablesProgress.update(done, total);
        tablesProgress.finish();
        atomsDone = atomsBefore + atomsUpTo[Math.floor(done)]!;
        progress.update(batch.first + done, scan.frames);
      },
    };
    const t0 = performance.now();
    try {
      return pool ? await pool.compute(request) : computeFeatures(request);
    } catch (error) {
      // Overlapping atoms are first seen here (the first pass reads no coordinates): number them in the file.
      if (error instanceof StructureInputError) throw explainStructureError(input, error, batch.first);
      throw error;
    } finally {
      computeMs += performance.now() - t0;
    }
  };

  const rowBytes = 8 * (invariantLabels.length + 3 * vectorLabels.length);
  const written = await writeOutput(() =>
    StagedFiles.togetherAsync((staged) =>
      withSignals(settings.signals, async (signals) => {
        // Created with the first batch's rows, so that no file exists while the radial tables are built.
        let created: FeatureOutput | undefined;
        const output = () => {
          if (created) return created;
          signals.arm();
          created = createFeatureOutput(staged, options.format, options.out, estimate.rows, columns, run);
          return created;
        };
        let batches: AsyncGenerator<FrameBatch> | undefined;
        try {
          const job: BatchJob = {
            path: input,
            parse: parseOptions(limits),
            rows: { centres, perAtom },
            rowBytes,
            // With a pool, a batch's rows are in memory up to about twice (joined, and in parts under way or kept
            // for reuse by the workers): halve the batches.
            size: pool ? { ...settings.batch, bytes: settings.batch.bytes / 2 } : settings.batch,
            chunkBytes: CHUNK_BYTES,
          };
          batches = reader ? reader.batches(job) : batchesInline(job);
          let previousAdded = 0;
          for (;;) {
            let next: IteratorResult<FrameBatch>;
            try {
              next = await batches.next();
            } catch (error) {
              throw inputError(input, error);
            }
            if (next.done) break;
            const batch = next.value;
            if (frames + batch.structures.length > scan.frames || rows + batch.rows > estimate.rows)
              throw inputChanged(input);
            const result = await compute(batch);
            addTimings(timings, result.timings);
            const before = staged.pendingBytes;
            output().append(result, batch.structures, batch.first);
            frames += batch.structures.length;
            rows += batch.rows;
            // The batch is written in the background while the next ones are computed. Writes of the one before may
            // still be in flight (their completions are only seen in a turn of the event loop, which the next
            // batch brings), but anything older must be done: at most three batches of rows are alive.
            const added = staged.pendingBytes - before;
            await staged.drain(added + previousAdded);
            previousAdded = added;
            // Signals are handled in a turn of the event loop; waiting for a worker's batch is one.
            if (!reader) await turn();
            signals.check();
          }
        } finally {
          pool?.close();
          await batches?.return(undefined); // ends the reader (a worker) when the loop ends early
          tablesProgress.finish();
          progress.finish();
        }
        const stamp = withFileErrors(`cannot read input file '${input}'`, () => fileStamp(input));
        const same = stamp.size === scan.stamp.size && stamp.mtimeMs === scan.stamp.mtimeMs;
        if (!same || frames !== scan.frames || rows !== estimate.rows) throw inputChanged(input);
        output().finish();
      }),
    ),
  );
  const totalMs = performance.now() - start;
  const ioMs = totalMs - computeMs;
  const totals = { frames, atoms: scan.atoms, rows, columns, timings, totalMs, ioMs, threads };
  io.stderr.write(`${summaryLine(totals)}\n`);
  io.stderr.write(`featurize: wrote ${printable(written.join(', '))}\n`);
}

/** Hyper-parameter names as the user typed them on the command line. */
const FLAG_OF: Record<string, string> = {
  nMax: '--nmax',
  lMax: '--lmax',
  cutoff: '--rc',
  sigma: '--sigma',
  species: '--species',
  radialBasis: '--basis',
};

function userMessage(error: Error): string {
  if (error instanceof HyperParameterError && error.parameter in FLAG_OF) {
    return `${FLAG_OF[error.parameter]}: ${error.message.slice(error.parameter.length + 2)}`;
  }
  return error instanceof UsageError ? `${error.message} (see --help)` : error.message;
}

const USER_ERRORS = [UsageError, CliError, HyperParameterError, StructureInputError, ExtXyzError];

/**
 * Resolves to the process exit code; user errors are printed as one `error:` line (control characters of quoted
 * input and arguments escaped), anything else propagates. A signal while the output is written (see
 * CliSettings.signals) removes the partial files and gives 128 + the signal number. `settings` override CLI_SETTINGS
 * (tests pass smaller limits).
 */
export async function runFeaturize(
  argv: readonly string[],
  io: CliIo = process,
  settings: Partial<CliSettings> = {},
): Promise<number> {
  try {
    const command = parseFeaturizeArgs(argv);
    if (command.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    await featurize(command.options, io, { ...CLI_SETTINGS, ...settings });
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof EngineWorkerError) {
      io.stderr.write(`error: ${printable(error.message)}\n`);
      return 1;
    }
    if (!(error instanceof Error) || !USER_ERRORS.some((type) => error instanceof type)) throw error;
    io.stderr.write(`error: ${printable(userMessage(error))}\n`);
    return USER_ERROR_EXIT;
  }
}
