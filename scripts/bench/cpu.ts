/**
 * CPU engine benchmark: medians over repeated runs of computeFeatures on three workloads, and the D3 slab against the
 * same atoms as a cluster (d3-slab.ts), printed as tables and written to bench-results/cpu.json. See
 * `npm run bench:cpu -- --help`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseExtXyz } from '../../src/chem/extxyz.ts';
import { makeStructure, type Structure } from '../../src/chem/structure.ts';
import { loadD3 } from '../../src/data/d3.ts';
import {
  computeFeatures,
  type FeatureKind,
  type FeatureRequest,
  type FeatureTimings,
} from '../../src/lode/features.ts';
import type { LodeHypers } from '../../src/lode/hypers.ts';
import { validateHypers } from '../../src/lode/hypers.ts';
import { clearRadialTableCache } from '../../src/lode/radial-tables.ts';
import { gridPointCount, projectOnGrid, type ProductGrid } from '../../src/lode/testing/grid-projection.ts';
import { lithiumSlabWithWater, randomCluster } from '../../src/chem/builders.ts';
import { median, parseBenchArgs, runBench } from '../lib/bench-cli.ts';
import { measureCopies, measureScaling, scalingTable, type ScalingWorkload } from '../lib/bench-threads.ts';
import { compareExpansion, compareProducts, type SimdComparison } from './simd.ts';
import { D3_HYPERS, D3_KINDS, measureSlabAgainstCluster, slabTable } from './d3-slab.ts';
import { measureFieldSlices, type FieldSliceTimings, type Timing } from './field-slices.ts';

const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const D3_DATA = fileURLToPath(new URL('../../public/data/d3-li-water.json', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('../../bench-results/', import.meta.url));
const HYPERS = { nMax: 8, lMax: 4, cutoff: 3, sigma: 0.3, radialBasis: 'gto', includeCenter: true } as const;
const KINDS: readonly FeatureKind[] = ['rho-V', 'rho-rho'];
/** (a)'s file declares pbc="T T T" with a 30 Å box that only contains each dimer: (a)–(c) are clusters. */
const PERIODIC = 'as-clusters';
/** Real-space baseline: a grid like the original LODE code's (radial × ~580-point angular), on a few frames. */
const GRID: ProductGrid = { radialPanels: 3, radialOrder: 10, polar: 17, azimuthal: 34 };
const GRID_FRAMES = 1;
const RANDOM = { atoms: 2000, quickAtoms: 1000, quickRuns: 3, density: 0.1, minDistance: 0.8, seed: 20210 };
/**
 * The dimer batch of the thread-scaling rows: (a)'s frames over and over, at bench:gpu's smaller hypers for its
 * streamed batch (at (a)'s, 10 000 rows of 31 040 columns would be 2.5 GB).
 */
const BATCH = { frames: 10_000, quickFrames: 2000, nMax: 4, lMax: 3 };
/** Thread counts beyond one for the scaling rows, as far as the machine has cores. */
const THREADS = [2, 4, 8, 16].filter((threads) => threads <= Math.max(2, os.availableParallelism()));

const USAGE = `Usage: npm run bench:cpu -- [--runs N] [--quick]

  --runs N   timed runs per workload, medians reported (default 5)
  --quick    random cluster with ${RANDOM.quickAtoms} instead of ${RANDOM.atoms} atoms and at most ${RANDOM.quickRuns} runs,
             a dimer batch of ${BATCH.quickFrames} instead of ${BATCH.frames} frames
  -h, --help show this help

Thread scaling: (a) with cached and with cold tables (every thread rebuilds them in every run), (c) with per-atom
rows (split by centres) and the dimer batch, on 1 thread and on pools of
${THREADS.join(', ')} worker threads; runs interleaved, speed-ups against 1 thread in the same process, and the
process's CPU time (the pool's own cost, where other work on the machine hides the speed-up).
`;

interface Workload {
  readonly id: string;
  readonly name: string;
  readonly structures: readonly Structure[];
  readonly species: readonly string[];
  /** cold: radial tables rebuilt in every run; warm: tables cached beforehand. */
  readonly mode: 'cold' | 'warm';
  readonly runs: number;
}

interface Run extends FeatureTimings {
  totalMs: number;
}

interface Measurement {
  readonly workload: Workload;
  readonly atoms: number;
  readonly features: number;
  readonly median: Run;
  readonly raw: Run[];
}

const atomCount = (structures: readonly Structure[]) => structures.reduce((n, s) => n + s.species.length, 0);

function hypersFor(species: readonly string[]): LodeHypers {
  return { ...HYPERS, species };
}

function requestOf(workload: Workload, structures = workload.structures): FeatureRequest {
  return { structures, hypers: hypersFor(workload.species), kinds: KINDS, periodic: PERIODIC };
}

function timeOnce(workload: Workload): { run: Run; features: number } {
  if (workload.mode === 'cold') clearRadialTableCache();
  const request = requestOf(workload);
  const start = performance.now();
  const result = computeFeatures(request);
  const totalMs = performance.now() - start;
  return { run: { totalMs, ...result.timings }, features: result.invariantLabels.length };
}

/** Fills the radial-table cache (keyed by hypers, not structures) through the public API with a 1-atom call. */
function primeTables(workload: Workload): void {
  const [first] = workload.structures;
  const structures = [makeStructure([first.species[0]], first.positions.subarray(0, 3))];
  computeFeatures(requestOf(workload, structures));
}

function measure(workload: Workload): Measurement {
  if (workload.mode === 'warm') primeTables(workload);
  const raw: Run[] = [];
  let features = 0;
  for (let i = 0; i < workload.runs; i++) {
    const { run, features: width } = timeOnce(workload);
    raw.push(run);
    features = width;
    process.stderr.write(
      `bench: ${workload.id} ${workload.mode} run ${i + 1}/${workload.runs}: ${run.totalMs.toFixed(0)} ms\n`,
    );
  }
  const pick = (key: keyof Run) => median(raw.map((r) => r[key]));
  const medianRun = {
    totalMs: pick('totalMs'),
    tablesMs: pick('tablesMs'),
    expansionMs: pick('expansionMs'),
    productsMs: pick('productsMs'),
  };
  return { workload, atoms: atomCount(workload.structures), features, median: medianRun, raw };
}

interface Baseline {
  readonly atoms: number;
  readonly gridPoints: number;
  readonly medianMs: number;
  readonly raw: number[];
}

/** Projects ρ and V on the real-space grid around every atom of the first frames (expansion only, no products). */
function measureGridBaseline(
  frames: readonly Structure[],
  species: readonly string[],
  runs: number,
): Baseline {
  const hypers = validateHypers(hypersFor(species));
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (const frame of frames) frame.species.forEach((_, atom) => projectOnGrid(frame, atom, hypers, GRID));
    raw.push(performance.now() - start);
    process.stderr.write(`bench: real-space grid run ${i + 1}/${runs}: ${raw[i].toFixed(0)} ms\n`);
  }
  return { atoms: atomCount(frames), gridPoints: gridPointCount(GRID), medianMs: median(raw), raw };
}

function workloads(runs: number, quick: boolean): Workload[] {
  const dimers = parseExtXyz(readFileSync(DATA, 'utf8'));
  const dimerSpecies = ['C', 'H', 'N', 'O'];
  const randomAtoms = quick ? RANDOM.quickAtoms : RANDOM.atoms;
  const cluster = randomCluster({ ...RANDOM, atoms: randomAtoms, species: ['H', 'C', 'O'] });
  const dimerName = `(a) charge-charge, ${dimers.length} frames`;
  return [
    { id: '(a)', name: dimerName, structures: dimers, species: dimerSpecies, mode: 'cold', runs },
    { id: '(a)', name: dimerName, structures: dimers, species: dimerSpecies, mode: 'warm', runs },
    {
      id: '(b)',
      name: '(b) Li(100) 5×5×13 + H2O',
      structures: [lithiumSlabWithWater()],
      species: ['H', 'Li', 'O'],
      mode: 'warm',
      runs,
    },
    {
      id: '(c)',
      name: `(c) random H/C/O, ${randomAtoms} atoms${quick ? ' (quick)' : ''}`,
      structures: [cluster],
      species: ['H', 'C', 'O'],
      mode: 'warm',
      runs: quick ? Math.min(runs, RANDOM.quickRuns) : runs,
    },
  ];
}

function scalingWorkloads(
  dimers: readonly Structure[],
  cluster: Structure,
  quick: boolean,
): ScalingWorkload[] {
  const request = (
    structures: readonly Structure[],
    species: readonly string[],
    hypers: Omit<LodeHypers, 'species'> = HYPERS,
  ) => ({ structures, hypers: { ...hypers, species }, kinds: KINDS, periodic: PERIODIC }) as const;
  const dimerSpecies = ['C', 'H', 'N', 'O'];
  return [
    { name: `(a) charge-charge, ${dimers.length} frames`, request: request(dimers, dimerSpecies) },
    {
      name: `(a) charge-charge, ${dimers.length} frames, cold tables`,
      request: request(dimers, dimerSpecies),
      cold: true,
    },
    {
      name: `(c) random H/C/O, ${cluster.species.length} atoms, per-atom rows`,
      request: { ...request([cluster], ['H', 'C', 'O']), perAtom: true },
    },
    batchWorkload(dimers, quick),
  ];
}

/** (e): (a)'s frames over and over, at the batch's hypers. */
function batchWorkload(dimers: readonly Structure[], quick: boolean): ScalingWorkload {
  const frames = quick ? BATCH.quickFrames : BATCH.frames;
  const structures = Array.from({ length: frames }, (_, i) => dimers[i % dimers.length]);
  return {
    name: `(e) charge-charge frames repeated, ${frames} frames, n_max ${BATCH.nMax}, l_max ${BATCH.lMax}`,
    request: {
      structures,
      hypers: { ...HYPERS, nMax: BATCH.nMax, lMax: BATCH.lMax, species: ['C', 'H', 'N', 'O'] },
      kinds: KINDS,
      periodic: PERIODIC,
    },
  };
}

/** A line of a stage's TypeScript and WebAssembly SIMD medians, their ratio and the engine's totals. */
function simdLine(stage: string, workload: string, c: SimdComparison): string {
  return (
    `${stage} of ${workload}: TypeScript ${c.typescriptMs.toFixed(1)} ms vs WebAssembly SIMD ` +
    `${c.simdMs.toFixed(1)} ms → ${c.speedup.toFixed(1)}× (engine total, one thread: ` +
    `${c.totalTypescriptMs.toFixed(0)} → ${c.totalSimdMs.toFixed(0)} ms)\n`
  );
}

function table(measurements: readonly Measurement[]): string {
  const header = ['workload', 'tables', 'runs', 'atoms', 'features', 'total ms', 'µs/atom', 'tables ms'];
  header.push('expansion ms', 'products ms');
  const rows = measurements.map(({ workload, atoms, features, median: m }) => [
    workload.name,
    workload.mode,
    String(workload.runs),
    String(atoms),
    String(features),
    m.totalMs.toFixed(1),
    ((1000 * m.totalMs) / atoms).toFixed(1),
    m.tablesMs.toFixed(1),
    m.expansionMs.toFixed(1),
    m.productsMs.toFixed(1),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Text left, numbers right, so the columns line up in a terminal and still render as markdown.
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function report(measurements: readonly Measurement[], args: { runs: number; quick: boolean }) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    args,
    hypers: HYPERS,
    kinds: KINDS,
    notes:
      'one untimed warm-up run of (a) first (JIT); cold runs clear the radial-table cache before each run',
    workloads: measurements.map(({ workload, atoms, features, median: m, raw }) => ({
      id: workload.id,
      name: workload.name,
      mode: workload.mode,
      frames: workload.structures.length,
      atoms,
      species: workload.species,
      features,
      runs: workload.runs,
      median: m,
      usPerAtom: (1000 * m.totalMs) / atoms,
      periodic: PERIODIC,
      raw,
    })),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseBenchArgs(argv, 5);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const loads = workloads(args.runs, args.quick);
  process.stderr.write('bench: warm-up run of (a)\n');
  timeOnce(loads[0]);
  const measurements = loads.map(measure);
  process.stdout.write(`${table(measurements)}\n`);
  const baseline = measureGridBaseline(
    loads[0].structures.slice(0, GRID_FRAMES),
    loads[0].species,
    args.runs,
  );
  const slab = measureSlabAgainstCluster(loadD3(JSON.parse(readFileSync(D3_DATA, 'utf8'))), args.runs);
  process.stdout.write(slabTable(slab));
  const warm = measurements[1];
  const ours = (1000 * warm.median.expansionMs) / warm.atoms;
  const grid = (1000 * baseline.medianMs) / baseline.atoms;
  process.stdout.write(
    `\nexpansion of ρ and V, µs/atom: Funk–Hecke tables ${ours.toFixed(1)} vs real-space grid ` +
      `(${baseline.gridPoints} points, ${baseline.atoms} atoms) ${grid.toFixed(0)} → ${(grid / ours).toFixed(0)}× faster\n`,
  );
  const dimerFrames = `(a) (${loads[1].structures.length} frames)`;
  const products = await compareProducts(requestOf(loads[1]), args.runs);
  process.stdout.write(`\n${simdLine('products (power spectra)', dimerFrames, products)}`);
  const batch = batchWorkload(loads[0].structures, args.quick);
  const expansion = {
    dimers: await compareExpansion(requestOf(loads[1]), args.runs),
    batch: { name: batch.name, ...(await compareExpansion(batch.request, args.runs)) },
  };
  process.stdout.write(simdLine('expansion', dimerFrames, expansion.dimers));
  process.stdout.write(simdLine('expansion', batch.name, expansion.batch));
  const fieldSlices = await measureFieldSlices(args.runs);
  process.stdout.write(fieldSlicesTable(fieldSlices));
  const [, , , random] = loads;
  const scalingLoads = scalingWorkloads(loads[0].structures, random.structures[0], args.quick);
  const scaling = [
    ...(await measureScaling(scalingLoads, THREADS, args.runs)),
    ...(await measureCopies(scalingLoads[0], THREADS, args.runs)),
  ];
  process.stdout.write(`\n${scalingTable(scaling)}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}cpu.json`;
  const results = {
    ...report(measurements, { runs: args.runs, quick: args.quick }),
    d3: { hypers: D3_HYPERS, kinds: D3_KINDS, slabAgainstCluster: slab },
    realSpaceGrid: { grid: GRID, ...baseline },
    products,
    expansion,
    fieldSlices,
    threads: scaling,
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${path}\n`);
  return 0;
}

/** The fields lesson's slice updates (field-slices.ts), a table of their own after the engine's. */
function fieldSlicesTable(t: FieldSliceTimings): string {
  const row = (name: string, { wallMs, cpuMs }: Timing) =>
    `| ${name} | ${wallMs.toFixed(1)} | ${cpuMs.toFixed(1)} |`;
  return [
    '',
    `| fields lesson: ${t.resolution}×${t.resolution} slice of V, ${t.atoms} atoms | wall ms | CPU ms |`,
    '| --- | ---: | ---: |',
    row('first slice (radial tables, exact field)', t.first),
    row('l_max moved (median)', t.lmaxMove),
    row('n_max moved, tables built (median)', t.nmaxMove),
    row(`Li slab + water (${t.slab.atoms} atoms, periodic): first slice`, t.slab.first),
    row('Li slab + water: slice plane changed (Ewald sums per pixel)', t.slab.planeMove),
    row(`pasted triclinic bulk (${t.pastedBulk.atoms} atoms, periodic): first slice`, t.pastedBulk.first),
    row('pasted triclinic bulk: slice plane changed', t.pastedBulk.planeMove),
    '',
  ].join('\n');
}

runBench(main);
