/**
 * Learning-library benchmark (src/learn): ridge fits, a committee and a learning curve on synthetic data, plus the
 * hand-written dense kernels (WebAssembly SIMD, src/learn/wasm) in both builds (fused multiply–add and plain
 * SIMD) against ml-matrix. Medians over repeated runs, printed as a table and written to bench-results/learn.json.
 * See `npm run bench:learn -- --help`.
 */
import '../lib/relaxed-simd.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { accumulateGram } from '../../src/learn/blas.ts';
import { fitCommittee } from '../../src/learn/committee.ts';
import { cvRidge } from '../../src/learn/cv.ts';
import { learningCurve } from '../../src/learn/learning-curve.ts';
import { choleskyInPlace } from '../../src/learn/linalg.ts';
import { matrix64, type Matrix64 } from '../../src/learn/matrix.ts';
import { fitRidge } from '../../src/learn/ridge.ts';
import { installGramTeam, type GramTeam } from '../../src/learn/team/gram-team.ts';
import type { RidgeData } from '../../src/learn/ridge-model.ts';
import { kernelVariant, selectKernelVariant, type KernelVariant } from '../../src/learn/wasm/kernels.ts';
import { seededRandom } from '../../src/util/random.ts';
import { median, parseBenchArgs, runBench } from '../lib/bench-cli.ts';
import { measureThreads, scalingTable, type ScalingRow } from '../lib/bench-threads.ts';
import { createNodeGramTeam } from '../lib/node-gram-team.ts';

const RESULTS_DIR = fileURLToPath(new URL('../../bench-results/', import.meta.url));
const FIT_TARGET_MS = 2000;
const VARIANTS: readonly KernelVariant[] = ['fma', 'simd'];
const VARIANT_LABEL: Record<KernelVariant, string> = { fma: 'relaxed-SIMD FMA', simd: 'SIMD mul+add' };
const CURVE_TARGET_MS = 10000;
/** D1-sized: the paper's D1 has 3380 dimers × 13 distances = 43 940 rows (2000 of them held out here). */
const D1 = { rows: 3380 * 13, test: 2000, features: 1000, points: 10, draws: 3 };
/** The committee's data set. */
const COMMITTEE = { rows: 8000, features: 1000 };
/**
 * XᵀX of 128 columns, whose packed panels and result stay in L2 (rows repeat a few cached ones): near the
 * kernel's peak, a yardstick for the machine's speed at the time of the run.
 */
const PROBE = { width: 128, rows: 131072, distinct: 256 };
const PROBE_NAME = `XᵀX ${PROBE.rows} × ${PROBE.width}, cached rows (yardstick)`;

const USAGE = `Usage: npm run bench:learn -- [--runs N] [--quick]

  --runs N   timed runs per workload, medians reported (default 3)
  --quick    every workload ~8× smaller (a smoke test, not the reported numbers)
  -h, --help show this help
`;

interface Workload {
  readonly name: string;
  /** Multiply–adds of the dominant kernels, for GFMA/s (0 when not meaningful). */
  readonly fma: number;
  readonly targetMs?: number;
  /** The WebAssembly kernel build to run with (default: the best the engine supports). */
  readonly variant?: KernelVariant;
  readonly run: () => void;
}

interface Measurement {
  readonly workload: Workload;
  readonly medianMs: number;
  readonly raw: number[];
  /** CPU time of this process (user + system) per run: unlike wall time, not inflated by other processes. */
  readonly cpuMedianMs: number;
  readonly cpuRaw: number[];
}

/** Uniform features in [−½, ½) and a noisy linear target (the values do not matter for the timings). */
function synthetic(rows: number, cols: number, seed: number): RidgeData {
  const random = seededRandom(seed);
  const x = matrix64(
    rows,
    cols,
    Float64Array.from({ length: rows * cols }, () => random() - 0.5),
  );
  const w = Float64Array.from({ length: cols }, () => random() - 0.5);
  const y = Float64Array.from({ length: rows }, (_, r) => {
    let s = 0.01 * (random() - 0.5);
    for (let j = 0; j < cols; j++) s += x.data[r * cols + j] * w[j];
    return s;
  });
  return { x, y };
}

function gramOurs(x: Matrix64): void {
  const gram = new Float64Array(x.cols * x.cols);
  accumulateGram(gram, x.cols, x.rows, (r, z) => z.set(x.data.subarray(r * x.cols, (r + 1) * x.cols)));
}

function toMl(x: Matrix64): Matrix {
  const m = new Matrix(x.rows, x.cols);
  for (let r = 0; r < x.rows; r++) for (let c = 0; c < x.cols; c++) m.set(r, c, x.data[r * x.cols + c]);
  return m;
}

/** A well-conditioned SPD matrix XᵀX + I of size p. */
function spd(p: number): Float64Array {
  const { x } = synthetic(p + 10, p, 99);
  const a = new Float64Array(p * p);
  accumulateGram(a, p, x.rows, (r, z) => z.set(x.data.subarray(r * p, (r + 1) * p)));
  for (let i = 0; i < p; i++) a[i * p + i] += 1;
  return a;
}

function workloads(quick: boolean): Workload[] {
  const s = quick ? 0.5 : 1;
  const size = (v: number) => Math.max(8, Math.round(v * s));
  const kernelX = synthetic(size(2000), size(500), 1).x;
  const kernelMl = toMl(kernelX);
  const choleskyP = size(1000);
  const a = spd(choleskyP);
  const aMl = new Matrix(choleskyP, choleskyP).apply((i, j) => a[i * choleskyP + j]);
  const wide = synthetic(size(3000), size(2500), 2);
  const tall = synthetic(size(30000), size(1000), 3);
  const d1 = synthetic(size(D1.rows), size(D1.features), 4);
  const pool = size(D1.rows) - size(D1.test);
  const take = (data: RidgeData, from: number, to: number): RidgeData => ({
    x: matrix64(to - from, data.x.cols, data.x.data.slice(from * data.x.cols, to * data.x.cols)),
    y: data.y.slice(from, to),
  });
  const d1Train = take(d1, 0, pool);
  const d1Test = take(d1, pool, d1.x.rows);
  const committee = synthetic(size(COMMITTEE.rows), size(COMMITTEE.features), 5);
  const probe = synthetic(PROBE.distinct, PROBE.width, 6).x;
  const probeRow = (r: number) =>
    probe.data.subarray((r % PROBE.distinct) * PROBE.width, ((r % PROBE.distinct) + 1) * PROBE.width);
  const syrk = (x: Matrix64) => (x.rows * x.cols * x.cols) / 2;
  const chol = (p: number) => p ** 3 / 6;
  const label = (x: Matrix64) => `${x.rows} × ${x.cols}`;
  return [
    {
      name: `XᵀX ${label(kernelX)}, ml-matrix transpose().mmul()`,
      fma: 2 * syrk(kernelX),
      run: () => kernelMl.transpose().mmul(kernelMl),
    },
    ...VARIANTS.map((variant) => ({
      name: `XᵀX ${label(kernelX)}, WebAssembly ${VARIANT_LABEL[variant]} (ours)`,
      fma: syrk(kernelX),
      variant,
      run: () => gramOurs(kernelX),
    })),
    {
      name: `Cholesky p = ${choleskyP}, ml-matrix`,
      fma: chol(choleskyP),
      run: () => new CholeskyDecomposition(aMl),
    },
    ...VARIANTS.map((variant) => ({
      name: `Cholesky p = ${choleskyP}, WebAssembly ${VARIANT_LABEL[variant]} (ours)`,
      fma: chol(choleskyP),
      variant,
      run: () => choleskyInPlace(Float64Array.from(a), choleskyP),
    })),
    {
      name: PROBE_NAME,
      fma: (PROBE.rows * PROBE.width * PROBE.width) / 2,
      run: () =>
        accumulateGram(new Float64Array(PROBE.width ** 2), PROBE.width, PROBE.rows, (r, z) =>
          z.set(probeRow(r)),
        ),
    },
    {
      name: `ridge fit n × p = ${label(wide.x)} (primal)`,
      fma: syrk(wide.x) + chol(wide.x.cols),
      targetMs: FIT_TARGET_MS,
      run: () => fitRidge(wide, { alpha: 1 }),
    },
    {
      name: `ridge fit n × p = ${label(tall.x)} (primal)`,
      fma: syrk(tall.x) + chol(tall.x.cols),
      targetMs: FIT_TARGET_MS,
      run: () => fitRidge(tall, { alpha: 1 }),
    },
    {
      name: `committee M = 8 (80 %), n × p = ${label(committee.x)}`,
      fma: syrk(committee.x) * (1 + 8 * 0.2) + 8 * chol(committee.x.cols),
      run: () => fitCommittee(committee, { alpha: 1, seed: 1 }),
    },
    {
      name: `learning curve ${D1.points} sizes × ${D1.draws} draws, pool ${label(d1Train.x)}, test ${d1Test.x.rows}`,
      fma: 0,
      targetMs: CURVE_TARGET_MS,
      run: () => learningCurve(d1Train, d1Test, { alpha: 1, points: D1.points, draws: D1.draws, seed: 1 }),
    },
  ];
}

function measure(workload: Workload, runs: number, best: KernelVariant): Measurement {
  const raw: number[] = [];
  const cpuRaw: number[] = [];
  selectKernelVariant(workload.variant ?? best);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    workload.run();
    raw.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuRaw.push((cpu.user + cpu.system) / 1000);
    process.stderr.write(
      `bench: ${workload.name} run ${i + 1}/${runs}: ${raw[i].toFixed(0)} ms (CPU ${cpuRaw[i].toFixed(0)} ms)\n`,
    );
  }
  return { workload, medianMs: median(raw), raw, cpuMedianMs: median(cpuRaw), cpuRaw };
}

const gfma = (m: Measurement) => (m.workload.fma > 0 ? m.workload.fma / m.medianMs / 1e6 : NaN);
const verdict = (m: Measurement) =>
  m.workload.targetMs === undefined
    ? ''
    : `${m.medianMs < m.workload.targetMs ? 'met' : 'NOT met'} (< ${m.workload.targetMs / 1000} s)`;

function table(measurements: readonly Measurement[], runs: number): string {
  const header = ['workload', 'runs', 'median s', 'min s', 'max s', 'CPU s', 'GFMA/s', 'target'];
  const rows = measurements.map((m) => [
    m.workload.name,
    String(runs),
    (m.medianMs / 1000).toFixed(2),
    (Math.min(...m.raw) / 1000).toFixed(2),
    (Math.max(...m.raw) / 1000).toFixed(2),
    (m.cpuMedianMs / 1000).toFixed(2),
    Number.isNaN(gfma(m)) ? '' : gfma(m).toFixed(2),
    verdict(m),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const left = (c: number) => c === 0 || c === header.length - 1;
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (left(c) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Thread counts of the fits' scaling rows: 2 everywhere, and more where the machine has the cores. */
const THREADS = [2, 4, 8, 16].filter((threads) => threads <= Math.max(2, os.availableParallelism()));

interface FitWorkload {
  readonly name: string;
  readonly data: RidgeData;
  readonly fit: (data: RidgeData) => unknown;
}

/** α of the dimer lesson's cross-validation: 9 values over 8 decades. */
const CV_ALPHAS = Array.from({ length: 9 }, (_, i) => 10 ** (i - 6));

/**
 * The two ridge fits, and a cross-validation shaped as the dimer lesson's charge–charge one (100 curves of 13
 * points, 1728 columns: dual fits of 1040 rows), on one thread and on Gram teams of THREADS threads (install,
 * fit, uninstall).
 */
async function fitScaling(quick: boolean, runs: number): Promise<ScalingRow[]> {
  const s = quick ? 0.5 : 1;
  const fits: FitWorkload[] = [
    [30000, 1000],
    [3000, 2500],
  ].map(([n, p], i) => {
    const data = synthetic(Math.round(n * s), Math.round(p * s), 10 + i);
    return {
      name: `ridge fit n × p = ${data.x.rows} × ${data.x.cols} (primal)`,
      data,
      fit: (d: RidgeData) => fitRidge(d, { alpha: 1 }),
    };
  });
  const cvData = synthetic(Math.round(1300 * s), Math.round(1728 * s), 12);
  fits.push({
    name: `5-fold CV, 9 α, n × p = ${cvData.x.rows} × ${cvData.x.cols} (dual)`,
    data: cvData,
    fit: (d) => cvRidge(d, { alphas: CV_ALPHAS, folds: 5 }),
  });
  const teams = await Promise.all(THREADS.map((threads) => createNodeGramTeam(threads)));
  const onTeam = (team: GramTeam | null) => ({
    threads: team?.threads ?? 1,
    label: team ? 'team' : 'this thread',
    run: ({ data, fit }: FitWorkload) => {
      installGramTeam(team);
      try {
        fit(data);
      } finally {
        installGramTeam(null);
      }
    },
  });
  try {
    return await measureThreads(fits, [onTeam(null), ...teams.map(onTeam)], runs);
  } finally {
    for (const team of teams) team.terminate();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseBenchArgs(argv, 3);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stderr.write('bench: generating data and warming up the kernels\n');
  const loadBefore = os.loadavg();
  const loads = workloads(args.quick);
  // One untimed run of the small kernels first (JIT).
  const best = kernelVariant();
  const kernelLoads = loads.filter((w) => /^(XᵀX|Cholesky)/.test(w.name));
  for (const w of kernelLoads) {
    selectKernelVariant(w.variant ?? best);
    w.run();
  }
  const measurements = loads.map((w) => measure(w, args.runs, best));
  process.stdout.write(`${table(measurements, args.runs)}\n`);
  selectKernelVariant(best);
  const scaling = await fitScaling(args.quick, args.runs);
  process.stdout.write(
    `\nfits on Gram teams (Gram sums split by rows, factorisations for several α handed out):\n${scalingTable(scaling)}\n`,
  );
  const [mlGram, fmaGram, simdGram, mlChol, fmaChol, simdChol, probeRate] = measurements;
  const fits = measurements.filter((m) => m.workload.name.startsWith('ridge fit'));
  const ratio = (slow: Measurement, fast: Measurement) => (slow.medianMs / fast.medianMs).toFixed(1);
  process.stdout.write(
    `\nfits use the ${VARIANT_LABEL[best]} kernels. Hand-written vs ml-matrix: XᵀX ${ratio(mlGram, fmaGram)}× ` +
      `(FMA) / ${ratio(mlGram, simdGram)}× (mul+add) faster, Cholesky ${ratio(mlChol, fmaChol)}× / ` +
      `${ratio(mlChol, simdChol)}× faster; FMA vs mul+add: XᵀX ${ratio(simdGram, fmaGram)}×, ` +
      `Cholesky ${ratio(simdChol, fmaChol)}×\n` +
      `ridge fits against the yardstick in this process (${gfma(probeRate).toFixed(1)} GFMA/s): ` +
      `${fits.map((m) => `${((100 * gfma(m)) / gfma(probeRate)).toFixed(0)} %`).join(', ')}\n` +
      `the learning curve's pool and test set are D1-sized (the paper's D1: 3380 dimers × 13 = 43 940 rows) ` +
      `unless --quick; everything runs in f64, on one core but in the thread-scaling rows.\n` +
      `load average before/after: ${loadBefore.map((l) => l.toFixed(1)).join(' ')} / ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    kernels: best,
    /** 1-, 5- and 15-minute load averages: other processes on the machine slow the timings. */
    loadAverage: { before: loadBefore, after: os.loadavg() },
    args: { runs: args.runs, quick: args.quick },
    /** Ridge fits on one thread and on Gram teams (runs interleaved, speed-ups against one thread). */
    threads: scaling,
    notes:
      'single-threaded but the threads rows; synthetic uniform features; GFMA/s = multiply–adds of the dominant kernels (Gram n·p²/2, ' +
      'Cholesky p³/6; ml-matrix mmul does not exploit symmetry, counted n·p²) / median time; one untimed warm-up of the kernels; ' +
      'CPU s = median CPU time of this process (targets and GFMA/s use wall time)',
    workloads: measurements.map((m) => ({
      name: m.workload.name,
      runs: m.raw.length,
      medianMs: m.medianMs,
      raw: m.raw,
      cpuMedianMs: m.cpuMedianMs,
      cpuRaw: m.cpuRaw,
      gfmaPerSecond: Number.isNaN(gfma(m)) ? null : gfma(m),
      targetMs: m.workload.targetMs ?? null,
      targetMet: m.workload.targetMs === undefined ? null : m.medianMs < m.workload.targetMs,
    })),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}learn.json`;
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${path}\n`);
  return 0;
}

runBench(main);
