/**
 * The GPU benchmark's workloads, runnable wherever a WebGPU `GPU` object exists (Node's Dawn, a browser page):
 * the CPU benchmark's structures (with its periodic D3 slab) plus a large batch of dimer-sized structures streamed
 * through, with the CPU engine timed in the same process for the ratio. Returns plain data; the runners print and
 * save it.
 */
import { lithiumSlabWithWater } from '../../src/chem/builders.ts';
import { parseExtXyz } from '../../src/chem/extxyz.ts';
import { loadD3 } from '../../src/data/d3.ts';
import type { Structure } from '../../src/chem/structure.ts';
import { GpuFeatureEngine } from '../../src/gpu/gpu-engine.ts';
import { computeFeatures, type FeatureKind, type FeatureRequest } from '../../src/lode/features.ts';
import type { LodeHypers } from '../../src/lode/hypers.ts';
import { randomRotation, transformStructure } from '../../src/lode/testing/geometry.ts';
import { seededRandom } from '../../src/util/random.ts';
import { median } from '../lib/bench-cli.ts';

/** The data files the workloads are built from, as text (the browser page cannot read files). */
export interface SuiteData {
  /** public/data/charge-charge.xyz */
  readonly chargeCharge: string;
  /** public/data/d3-li-water.json */
  readonly d3: string;
}

export interface SuiteOptions {
  readonly runs: number;
  /** Structures in the large streamed batch. */
  readonly batchSize: number;
  /** Structures of the large batch the CPU engine is timed on (its rate is per structure). */
  readonly cpuSubset: number;
  readonly log: (line: string) => void;
  /** Heap in use now (bytes), where the runtime can tell. */
  readonly heapBytes?: () => number | undefined;
}

export interface WorkloadResult {
  readonly name: string;
  readonly structures: number;
  readonly atoms: number;
  readonly features: number;
  readonly gpuMs: number;
  readonly cpuMs: number;
  /** Structures the CPU time was measured on (the rate is scaled to the full workload). */
  readonly cpuStructures: number;
  readonly raw: { gpu: number[]; cpu: number[] };
}

export interface SuiteResult {
  readonly adapter: string;
  readonly isFallbackAdapter: boolean;
  readonly workloads: WorkloadResult[];
  readonly singleRoundTripMs: number;
  readonly peakHeapBytes: number | null;
  readonly chunks: number;
}

const KINDS: readonly FeatureKind[] = ['rho-V', 'rho-rho'];
const DIMER_SPECIES = ['C', 'H', 'N', 'O'];

const atomsIn = (structures: readonly Structure[]) => structures.reduce((n, s) => n + s.species.length, 0);

/** Dimer-sized structures: the charge-charge frames, randomly rotated, repeated up to `count`. */
export function dimerBatch(frames: readonly Structure[], count: number): Structure[] {
  const random = seededRandom(30_000);
  return Array.from({ length: count }, (_, i) =>
    transformStructure(frames[i % frames.length], randomRotation(random)),
  );
}

async function timeMs(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function runGpuSuite(gpu: GPU, data: SuiteData, options: SuiteOptions): Promise<SuiteResult> {
  const { runs, log } = options;
  const engine = await GpuFeatureEngine.create(gpu);
  log(`adapter: ${engine.adapter}${engine.isFallbackAdapter ? ' (software fallback adapter)' : ''}`);
  // The file declares pbc="T T T" with a 30 Å box that only contains each dimer: its frames are clusters on purpose.
  const frames = parseExtXyz(data.chargeCharge);
  const hypers = (nMax: number, lMax: number, species: readonly string[]): LodeHypers => ({
    cutoff: 3,
    sigma: 0.3,
    nMax,
    lMax,
    species,
  });
  const workloads: WorkloadResult[] = [];

  async function measure(name: string, request: FeatureRequest, cpuStructures = request.structures.length) {
    // Warm-up: tables, pipelines, buffers.
    await engine.compute({ ...request, structures: request.structures.slice(0, 1) });
    computeFeatures({ ...request, structures: request.structures.slice(0, 1) });
    const gpu: number[] = [];
    const cpu: number[] = [];
    let features = 0;
    for (let r = 0; r < runs; r++) {
      gpu.push(await timeMs(async () => (features = (await engine.compute(request)).invariantLabels.length)));
      cpu.push(
        await timeMs(() =>
          computeFeatures({ ...request, structures: request.structures.slice(0, cpuStructures) }),
        ),
      );
      log(`${name}: run ${r + 1}/${runs}: GPU ${gpu[r].toFixed(0)} ms, CPU ${cpu[r].toFixed(0)} ms`);
    }
    const scale = request.structures.length / cpuStructures;
    workloads.push({
      name,
      structures: request.structures.length,
      atoms: atomsIn(request.structures),
      features,
      gpuMs: median(gpu),
      cpuMs: median(cpu) * scale,
      cpuStructures,
      raw: { gpu, cpu },
    });
  }

  await measure('(a) charge-charge, 130 frames, n8 l4', {
    structures: frames,
    hypers: hypers(8, 4, DIMER_SPECIES),
    kinds: KINDS,
    periodic: 'as-clusters',
  });
  await measure('(b) Li(100) 5×5×13 + H2O, n8 l4', {
    structures: [lithiumSlabWithWater()],
    hypers: hypers(8, 4, ['H', 'Li', 'O']),
    kinds: KINDS,
  });

  // The large batch: streamed, as a learning run would consume it, never holding more than one chunk.
  let peakHeap = options.heapBytes?.() ?? null;
  let chunks = 0;
  const batch = dimerBatch(frames, options.batchSize);
  for (const [nMax, lMax] of [
    [4, 3],
    [6, 4],
  ]) {
    const request = { structures: batch, hypers: hypers(nMax, lMax, DIMER_SPECIES), kinds: KINDS };
    const name = `(d) ${batch.length} dimer-sized structures streamed, n${nMax} l${lMax}`;
    await engine.stream({ ...request, structures: batch.slice(0, 8) }, () => undefined);
    const gpu: number[] = [];
    let features = 0;
    for (let r = 0; r < runs; r++) {
      gpu.push(
        await timeMs(async () => {
          const summary = await engine.stream(request, (chunk) => {
            features = chunk.invariantWidth;
            const heap = options.heapBytes?.();
            if (heap !== undefined) peakHeap = Math.max(peakHeap ?? 0, heap);
          });
          chunks = summary.chunks;
        }),
      );
      log(`${name}: run ${r + 1}/${runs}: GPU ${gpu[r].toFixed(0)} ms`);
    }
    const subset = batch.slice(0, options.cpuSubset);
    const cpu = [await timeMs(() => computeFeatures({ ...request, structures: subset }))];
    workloads.push({
      name,
      structures: batch.length,
      atoms: atomsIn(batch),
      features,
      gpuMs: median(gpu),
      cpuMs: (median(cpu) * batch.length) / subset.length,
      cpuStructures: subset.length,
      raw: { gpu, cpu },
    });
  }

  // bench:cpu's (d): one D3 structure (slab T T F, 328 atoms), every atom a centre, the issue's ρ⊗V hypers.
  const d3 = loadD3(JSON.parse(data.d3));
  await measure('(e) D3 Li(100) 5×5×13 + H2O slab (T T F), all centres, ρ⊗V n6 l4 r_c 4 σ 0.3', {
    structures: [d3.curves[0].points[10].structure],
    hypers: { nMax: 6, lMax: 4, cutoff: 4, sigma: 0.3, species: ['H', 'Li', 'O'] },
    kinds: ['rho-V'],
    perAtom: true,
  });

  // One 20-atom structure, as when a molecule is dragged: a full round trip per frame.
  const single = { structures: [batch[0]], hypers: hypers(4, 3, DIMER_SPECIES), kinds: KINDS };
  const trips: number[] = [];
  for (let r = 0; r < Math.max(runs, 20); r++) trips.push(await timeMs(() => engine.compute(single)));
  engine.destroy();
  return {
    adapter: engine.adapter,
    isFallbackAdapter: engine.isFallbackAdapter,
    workloads,
    singleRoundTripMs: median(trips),
    peakHeapBytes: peakHeap,
    chunks,
  };
}

/** The result as a markdown-style table. */
export function suiteTable(result: SuiteResult): string {
  const header = [
    'workload',
    'structures',
    'atoms',
    'features',
    'GPU ms',
    'structures/s',
    'µs/atom',
    'CPU ms',
    'GPU/CPU',
  ];
  const rows = result.workloads.map((w) => [
    w.name,
    String(w.structures),
    String(w.atoms),
    String(w.features),
    w.gpuMs.toFixed(1),
    ((1000 * w.structures) / w.gpuMs).toFixed(0),
    ((1000 * w.gpuMs) / w.atoms).toFixed(2),
    `${w.cpuMs.toFixed(0)}${w.cpuStructures < w.structures ? '*' : ''}`,
    `${(w.cpuMs / w.gpuMs).toFixed(2)}×`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...rows.map(line),
    '',
    `* CPU time measured on a subset and scaled per structure. GPU/CPU = CPU time ÷ GPU time (speed-up).`,
    `single 20-atom structure round trip: ${result.singleRoundTripMs.toFixed(2)} ms (median); ` +
      `peak JS heap while streaming: ${result.peakHeapBytes === null ? 'n/a' : `${(result.peakHeapBytes / 2 ** 20).toFixed(0)} MiB`}; ` +
      `last stream used ${result.chunks} chunk(s)`,
  ].join('\n');
}
