/**
 * bench:cpu's WebAssembly SIMD rows: a stage of the CPU engine (the products' power spectra, the expansion) on its
 * SIMD kernels against its TypeScript loops, on the same request in the same process, runs interleaved; medians of
 * the stage's time and of the engine's total. Every run writes into the same output memory: a fresh result's first
 * writes (page faults, on a VM as costly as the products themselves) would land in some runs and not others, as the
 * garbage collector happens to free the result before.
 */
import { computeFeatureArraysInSlices, type FeatureRequest } from '../../src/lode/features.ts';
import { setSimdExpansion } from '../../src/lode/expansion-simd.ts';
import { setSimdProducts } from '../../src/lode/products-simd.ts';
import { SpareBuffers } from '../../src/lode/spare-buffers.ts';
import { median } from '../lib/bench-cli.ts';

export interface SimdComparison {
  /** Medians of the stage's time. */
  readonly typescriptMs: number;
  readonly simdMs: number;
  /** TypeScript median ÷ SIMD median. */
  readonly speedup: number;
  /** Medians of the engine's whole time (one thread, its arrays without their labels). */
  readonly totalTypescriptMs: number;
  readonly totalSimdMs: number;
  readonly raw: { typescript: number[]; simd: number[]; totalTypescript: number[]; totalSimd: number[] };
}

interface Stage {
  readonly name: string;
  readonly timing: 'productsMs' | 'expansionMs';
  readonly setSimd: (on: boolean) => void;
}

const PRODUCTS: Stage = { name: 'products', timing: 'productsMs', setSimd: setSimdProducts };
const EXPANSION: Stage = { name: 'expansion', timing: 'expansionMs', setSimd: setSimdExpansion };

export const compareProducts = (request: FeatureRequest, runs: number) =>
  compareStage(PRODUCTS, request, runs);
export const compareExpansion = (request: FeatureRequest, runs: number) =>
  compareStage(EXPANSION, request, runs);

/** The stage with its kernels off and on, `runs` times each after one untimed run; the kernels are left on. */
async function compareStage(
  { name, timing, setSimd }: Stage,
  request: FeatureRequest,
  runs: number,
): Promise<SimdComparison> {
  const raw = {
    typescript: [] as number[],
    simd: [] as number[],
    totalTypescript: [] as number[],
    totalSimd: [] as number[],
  };
  // Each run's invariants and vectors are the next run's output memory.
  const spares = new SpareBuffers(2);
  const compute = async () => {
    const arrays = await computeFeatureArraysInSlices(request, Infinity, (length) => spares.zeros(length));
    spares.add([arrays.invariants.buffer, arrays.vectors.buffer]);
    return arrays;
  };
  await compute();
  try {
    for (let run = 0; run < runs; run++) {
      for (const simd of [false, true]) {
        setSimd(simd);
        const start = performance.now();
        const ms = (await compute()).timings[timing];
        const total = performance.now() - start;
        (simd ? raw.simd : raw.typescript).push(ms);
        (simd ? raw.totalSimd : raw.totalTypescript).push(total);
      }
      process.stderr.write(
        `bench: ${name} run ${run + 1}/${runs}: TypeScript ${raw.typescript[run].toFixed(0)} ms, ` +
          `SIMD ${raw.simd[run].toFixed(0)} ms\n`,
      );
    }
  } finally {
    setSimd(true);
  }
  const typescriptMs = median(raw.typescript);
  const simdMs = median(raw.simd);
  return {
    typescriptMs,
    simdMs,
    speedup: typescriptMs / simdMs,
    totalTypescriptMs: median(raw.totalTypescript),
    totalSimdMs: median(raw.totalSimd),
    raw,
  };
}
