/**
 * Streaming CLI benchmark: exports D1 (or a prefix of it) to extended XYZ, runs `npm run featurize` on it in a child
 * process at the D1 hypers (ρ⊗V, H/C/N/O/S, n_max 6, l_max 4, r_c 3 Å, σ 0.3 Å), and reports wall time, the split
 * between the engine and reading+writing, and the child's peak resident memory, measured from outside (VmHWM).
 * Prints a table and writes bench-results/cli.json. See `npm run bench:cli -- --help`.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseExtXyz } from '../../src/chem/extxyz.ts';
import { datasetToExtXyz, loadD1 } from '../../src/data/index.ts';
import { computeFeatures } from '../../src/lode/features.ts';
import { formatBytes } from '../../src/lode/limits.ts';
import { runBench, UsageError } from '../lib/bench-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const D1 = join(ROOT, 'public/data/d1-ssi.json');
const RESULTS_DIR = join(ROOT, 'bench-results');
const PEAK_RSS = join(ROOT, 'scripts/lib/testing/peak-rss.mjs');
const HYPERS = { species: ['H', 'C', 'N', 'O', 'S'], nMax: 6, lMax: 4, cutoff: 3, sigma: 0.3 } as const;
const CLI_ARGS = ['--features', 'rho-V', '--species', HYPERS.species.join(',')].concat(
  ['--nmax', String(HYPERS.nMax), '--lmax', String(HYPERS.lMax)],
  ['--rc', String(HYPERS.cutoff), '--sigma', String(HYPERS.sigma)],
);
const QUICK_FRAMES = 2000;

const USAGE = `Usage: npm run bench:cli -- [--frames N] [--quick] [--dir PATH] [--keep]

  --frames N  featurise the first N structures of D1 (default: all of them)
  --quick     the first ${QUICK_FRAMES} structures
  --dir PATH  where the input and the output (about 200 kB per structure) are written (default: the temp dir)
  --keep      keep the input and output files
  -h, --help  show this help
`;

interface Options {
  readonly frames: number | undefined;
  readonly dir: string;
  readonly keep: boolean;
  readonly help: boolean;
}

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      frames: { type: 'string' },
      quick: { type: 'boolean', default: false },
      dir: { type: 'string', default: os.tmpdir() },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  let frames = values.quick ? QUICK_FRAMES : undefined;
  if (values.frames !== undefined) {
    frames = Number(values.frames);
    if (!Number.isInteger(frames) || frames < 1) {
      throw new UsageError(`--frames: expected a positive integer, got '${values.frames}'`);
    }
  }
  return { frames, dir: values.dir, keep: values.keep, help: values.help };
}

/** The first `frames` structures of D1 (all without a count) as extended XYZ; how many there are in all. */
function exportD1(frames: number | undefined): { text: string; total: number } {
  const d1 = loadD1(JSON.parse(readFileSync(D1, 'utf8')));
  const total = d1.curves.reduce((n, c) => n + c.points.length, 0);
  let left = frames ?? total;
  const curves = [];
  for (const curve of d1.curves) {
    if (left <= 0) break;
    curves.push(curve.points.length <= left ? curve : { ...curve, points: curve.points.slice(0, left) });
    left -= curve.points.length;
  }
  return { text: datasetToExtXyz({ curves }), total };
}

interface Summary {
  readonly frames: number;
  readonly atoms: number;
  readonly rows: number;
  readonly columns: number;
  readonly totalMs: number;
  readonly tablesMs: number;
  readonly expansionMs: number;
  readonly productsMs: number;
  readonly readWriteMs: number;
  readonly reportedPeakBytes: number;
}

const ms = (text: string) => (text.endsWith(' s') ? 1000 * parseFloat(text) : parseFloat(text));

const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** The CLI's summary line: `featurize: F frames (A atoms) → R rows × C columns in T (tables …); peak memory M`. */
function parseSummary(stderr: string): Summary {
  const time = '(\\d+(?:\\.\\d+)? m?s)';
  const pattern = new RegExp(
    `featurize: (\\d+) frames \\((\\d+) atoms\\) → (\\d+) rows × (\\d+) columns in ${time} \\(tables ${time}, ` +
      `expansion ${time}, products ${time}, read\\+write ${time}\\); peak memory ([\\d.]+) (\\w+)`,
  );
  const m = pattern.exec(stderr);
  if (!m) throw new Error(`no summary line in the CLI's output:\n${stderr.slice(-2000)}`);
  return {
    frames: Number(m[1]),
    atoms: Number(m[2]),
    rows: Number(m[3]),
    columns: Number(m[4]),
    totalMs: ms(m[5]!),
    tablesMs: ms(m[6]!),
    expansionMs: ms(m[7]!),
    productsMs: ms(m[8]!),
    readWriteMs: ms(m[9]!),
    reportedPeakBytes: parseFloat(m[10]!) * UNITS[m[11]!]!,
  };
}

/** Runs the CLI in a child; resolves with its stderr, wall time and peak resident memory (from peak-rss.mjs). */
function runCli(input: string, out: string, dir: string) {
  const rssFile = join(dir, 'peak-rss');
  const args = ['--import', 'tsx', '--import', PEAK_RSS, join(ROOT, 'scripts/featurize.ts'), input];
  args.push(...CLI_ARGS, '--out', out);
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LODE_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
    process.stderr.write(text);
  });
  return new Promise<{ stderr: string; wallMs: number; peakBytes: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`featurize exited with ${code}`));
      resolve({ stderr, wallMs, peakBytes: Number(readFileSync(rssFile, 'utf8')) });
    });
  });
}

/** Row `row` of an (R, C) float64 .npy file, read from disk. */
function readRow(path: string, row: number, columns: number): Float64Array {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(10);
    readSync(fd, head, 0, 10, 0);
    const dataStart = 10 + head.readUInt16LE(8);
    const bytes = Buffer.alloc(8 * columns);
    readSync(fd, bytes, 0, bytes.length, dataStart + row * 8 * columns);
    return new Float64Array(bytes.buffer, bytes.byteOffset, columns);
  } finally {
    closeSync(fd);
  }
}

/** The first and last rows of the output, against the engine on those structures alone: equal bit for bit. */
function checkRows(text: string, out: string, summary: Summary): void {
  const all = parseExtXyz(text);
  for (const [structure, row] of [
    [all[0]!, 0],
    [all.at(-1)!, summary.rows - 1],
  ] as const) {
    const expected = computeFeatures({
      structures: [structure],
      hypers: HYPERS,
      kinds: ['rho-V'],
      periodic: 'as-clusters',
    });
    const actual = readRow(out, row, summary.columns);
    if (expected.invariants.some((x, i) => !Object.is(x, actual[i]))) {
      throw new Error(`row ${row} of ${out} differs from computeFeatures on its structure`);
    }
  }
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  const line = (k: string, v: string) => `| ${k.padEnd(width)} | ${v.padStart(valueWidth)} |`;
  return [line('measure', 'value'), `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth - 1)}: |`]
    .concat(rows.map(([k, v]) => line(k, v)))
    .join('\n');
}

async function bench(opts: Options): Promise<number> {
  const work = mkdtempSync(join(opts.dir, 'bench-cli-'));
  try {
    process.stderr.write('bench: exporting D1 to extended XYZ\n');
    const { text, total } = exportD1(opts.frames);
    const input = join(work, 'd1.xyz');
    writeFileSync(input, text);
    const out = join(work, 'd1.npy');
    const run = await runCli(input, out, work);
    const summary = parseSummary(run.stderr);
    const outputBytes = statSync(out).size;
    process.stderr.write('bench: checking the first and last rows against computeFeatures\n');
    checkRows(text, out, summary);
    const computeMs = summary.tablesMs + summary.expansionMs + summary.productsMs;
    const ioShare = summary.readWriteMs / summary.totalMs;
    const inMemoryBytes = summary.rows * summary.columns * 8 * 2;
    const cpus = os.cpus();
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      command: `npm run featurize -- d1.xyz ${CLI_ARGS.join(' ')} --out d1.npy`,
      frames: summary.frames,
      framesInD1: total,
      atoms: summary.atoms,
      inputBytes: Buffer.byteLength(text),
      rows: summary.rows,
      columns: summary.columns,
      outputBytes,
      wallMs: run.wallMs,
      cliTotalMs: summary.totalMs,
      computeMs,
      readWriteMs: summary.readWriteMs,
      ioShare,
      peakRssBytes: run.peakBytes,
      reportedPeakBytes: summary.reportedPeakBytes,
      inMemoryEstimateBytes: inMemoryBytes,
      notes:
        'read+write is the CLI run minus the engine (tables, expansion, products): both passes over the input ' +
        '(reading, parsing, checking) and the part of writing not hidden behind the computation. Peak RSS is ' +
        "the child's VmHWM, including Node and the TypeScript loader. The in-memory estimate is what the " +
        'previous CLI needed for the results alone: rows × columns × 8 B, twice (result and .npy copy).',
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'cli.json'), `${JSON.stringify(result, null, 2)}\n`);
    const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
    process.stdout.write(
      `${table([
        ['structures', `${summary.frames} of ${total}${summary.frames < total ? ' (prefix)' : ''}`],
        ['atoms', String(summary.atoms)],
        ['input', formatBytes(result.inputBytes)],
        ['output (rows × columns)', `${summary.rows} × ${summary.columns}, ${formatBytes(outputBytes)}`],
        ['wall time', s(run.wallMs)],
        ['engine (tables + expansion + products)', s(computeMs)],
        ['read + write', s(summary.readWriteMs)],
        ['I/O share', `${(100 * ioShare).toFixed(1)} %`],
        ['peak RSS (VmHWM)', formatBytes(run.peakBytes)],
        ['in-memory CLI would need (results ×2)', formatBytes(inMemoryBytes)],
      ])}\n`,
    );
    process.stderr.write(`bench: wrote ${join(RESULTS_DIR, 'cli.json')}\n`);
    return 0;
  } finally {
    if (opts.keep) process.stderr.write(`bench: kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

runBench((argv) => {
  const opts = options(argv);
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // A failure rejects, and an unhandled rejection ends the process with a stack trace and exit code 1.
  void bench(opts).then((code) => (process.exitCode = code));
  return 0;
});
