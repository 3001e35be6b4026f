/** The featurize CLI as a function of (argv, streams) → exit code, so tests can run it in-process. */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicNumber } from '../../src/chem/elements.ts';
import { ExtXyzError, parseExtXyz } from '../../src/chem/extxyz.ts';
import type { Structure } from '../../src/chem/structure.ts';
import { PeriodicStructureError, StructureInputError } from '../../src/lode/errors.ts';
import {
  computeFeatures,
  type CentreSelection,
  type FeatureProgress,
  type FeatureRequest,
  type FeatureResult,
} from '../../src/lode/features.ts';
import { HyperParameterError, validateHypers, type LodeHypers } from '../../src/lode/hypers.ts';
import {
  estimateFeatureSize,
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
import { parseFeaturizeArgs, USAGE, UsageError, type FeaturizeOptions } from './featurize-args.ts';
import { outputFiles, writeJsonOutput, writeNpyOutput, type RunDescription } from './featurize-output.ts';
import { createProgress, type Progress, type ProgressStream } from './progress.ts';
import { OutputError } from './staged-files.ts';

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
}

export const CLI_SETTINGS: CliSettings = { limits: RESOURCE_LIMITS, quietMs: 1000 };

/** A user-facing failure outside argument parsing (unreadable input, unwritable output). */
class CliError extends Error {
  override name = 'CliError';
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
function writeOutput(write: () => string[]): string[] {
  try {
    return write();
  } catch (error) {
    if (error instanceof OutputError) {
      throw new CliError(`cannot write '${error.path}': ${errnoMessage(error.cause) ?? error.cause.message}`);
    }
    throw error;
  }
}

function readStructures(path: string, limits: ResourceLimits): Structure[] {
  const what = `cannot read input file '${path}'`;
  const size = withFileErrors(what, () => statSync(path).size);
  if (size > limits.maxInputBytes) {
    throw new CliError(
      `'${path}' is ${formatBytes(size)}, more than the limit of ${formatBytes(limits.maxInputBytes)} for an ` +
        'input file; split it into smaller files',
    );
  }
  const text = withFileErrors(what, () => readFileSync(path, 'utf8'));
  try {
    const frames = parseExtXyz(text, { maxFrames: limits.maxFrames, maxAtoms: limits.maxAtomsPerStructure });
    if (frames.length === 0) throw new CliError(`'${path}' contains no frames`);
    return frames;
  } catch (error) {
    // The parser's message has frame and line; prefix the file so the user knows where to look.
    if (error instanceof ExtXyzError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

export function speciesInFrames(frames: readonly Structure[]): string[] {
  const found = new Set(frames.flatMap((f) => f.species));
  return [...found].sort((a, b) => atomicNumber(a) - atomicNumber(b));
}

function hypersFor(options: FeaturizeOptions, frames: readonly Structure[]): Required<LodeHypers> {
  const { nMax, lMax, cutoff, sigma, includeCenter, radialBasis } = options;
  const species = options.species ?? speciesInFrames(frames);
  if (species.length === 0) {
    const count = frames.length === 1 ? '1 frame, empty' : `${frames.length} frames, all empty`;
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

function summaryLine(
  frames: readonly Structure[],
  result: FeatureResult,
  totalMs: number,
  ioMs: number,
): string {
  const atoms = frames.reduce((n, f) => n + f.species.length, 0);
  const { rows, invariantLabels, vectorLabels, timings } = result;
  const vectors = vectorLabels.length > 0 ? ` + ${rows} × ${vectorLabels.length} × 3 vectors` : '';
  const shape = `${rows} rows × ${invariantLabels.length} columns${vectors}`;
  const split = [
    `tables ${formatMs(timings.tablesMs)}`,
    `expansion ${formatMs(timings.expansionMs)}`,
    `products ${formatMs(timings.productsMs)}`,
    `read+write ${formatMs(ioMs)}`,
  ];
  return `featurize: ${frames.length} frames (${atoms} atoms) → ${shape} in ${formatMs(totalMs)} (${split.join(', ')})`;
}

/**
 * The engine numbers structures from 0 but does not know the file; name it so the message is self-contained. The
 * engine's advice for periodic input names the API option; here the way to opt in is --no-pbc.
 */
function computeOrExplain(
  input: string,
  request: FeatureRequest,
  progress: readonly Progress[],
): FeatureResult {
  try {
    return computeFeatures(request);
  } catch (error) {
    if (error instanceof PeriodicStructureError) {
      throw new CliError(
        `${input}: structure ${error.structure}: ${error.reason}; pass --no-pbc to treat periodic frames as ` +
          'isolated clusters (the cell is ignored)',
      );
    }
    if (error instanceof StructureInputError) throw new CliError(`${input}: ${error.message}`);
    throw error;
  } finally {
    for (const p of progress) p.finish();
  }
}

function featurize(options: FeaturizeOptions, io: CliIo, settings: CliSettings): void {
  const { limits } = settings;
  const start = performance.now();
  checkOutputFiles(options);
  const frames = readStructures(options.input, limits);
  const hypers = hypersFor(options, frames);
  const centres = centreSelection(options, hypers.species);
  const sizeRequest = { structures: frames, hypers, centres, perAtom: options.perAtom };
  const estimate = estimateFeatureSize({
    ...sizeRequest,
    kinds: options.kinds,
    vectorKinds: options.vectorKinds,
  });
  checkSize(options, hypers, estimate, limits);
  // The tables come first (a small σ can take minutes), then the structures, with fractions of large ones.
  const tablesProgress = createProgress(io.stderr, 'featurize: radial tables', {
    quietMs: settings.quietMs,
    counts: false,
  });
  const progress = createProgress(io.stderr, 'featurize');
  const onStageProgress = ({ stage, done, total }: FeatureProgress) => {
    if (stage === 'tables') return tablesProgress.update(done, total);
    tablesProgress.finish();
    progress.update(done, total);
  };
  const computeStart = performance.now();
  const request: FeatureRequest = {
    structures: frames,
    hypers,
    kinds: options.kinds,
    vectorKinds: options.vectorKinds,
    centres,
    perAtom: options.perAtom,
    periodic: options.noPbc ? 'as-clusters' : 'reject',
    onStageProgress,
  };
  const result = computeOrExplain(options.input, request, [tablesProgress, progress]);
  const computeMs = performance.now() - computeStart;
  const run: RunDescription = {
    input: options.input,
    hypers,
    kinds: options.kinds,
    vectorKinds: options.vectorKinds,
    centres: options.centres ?? null,
    perAtom: options.perAtom,
    periodic: request.periodic ?? 'reject',
  };
  const write = options.format === 'npy' ? writeNpyOutput : writeJsonOutput;
  const written = writeOutput(() => write(options.out, result, frames, run));
  const totalMs = performance.now() - start;
  io.stderr.write(`${summaryLine(frames, result, totalMs, totalMs - computeMs)}\n`);
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
 * Returns the process exit code; user errors are printed as one `error:` line (control characters of quoted input
 * and arguments escaped), anything else propagates. `settings` override CLI_SETTINGS (tests pass smaller limits).
 */
export function runFeaturize(
  argv: readonly string[],
  io: CliIo = process,
  settings: Partial<CliSettings> = {},
): number {
  try {
    const command = parseFeaturizeArgs(argv);
    if (command.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    featurize(command.options, io, { ...CLI_SETTINGS, ...settings });
    return 0;
  } catch (error) {
    if (!(error instanceof Error) || !USER_ERRORS.some((type) => error instanceof type)) throw error;
    io.stderr.write(`error: ${printable(userMessage(error))}\n`);
    return USER_ERROR_EXIT;
  }
}
