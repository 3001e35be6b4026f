/**
 * bench:cpu's WebAssembly SIMD rows: a stage of the CPU engine (the products' power spectra, the expansion) on its
 * SIMD kernels against its TypeScript loops, on the same request in the same process, runs interleaved; medians of
 * the stage's time and of the engine's total.
 */
import { computeFeatures, type FeatureRequest } from '../../src/lode/features.ts';
import { setSimdExpansion } from '../../src/lode/expansion-simd.ts';
import { setSimdProducts } from '../../src/lode/products-simd.ts';
import { median } from '../lib/bench-cli.ts';

export interface SimdComparison {
  /** Medians of the stage's time. */
  readonly typescriptMs: number;
  readonly simdMs: number;
  /** TypeScript median ÷ SIMD median. */
  readonly speedup: number;
  /** Medians of computeFeatures' whole time (one thread). */
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
function compareStage(
  { name, timing, setSimd }: Stage,
  request: FeatureRequest,
  runs: number,
): SimdComparison {
  const raw = {
    typescript: [] as number[],
    simd: [] as number[],
    totalTypescript: [] as number[],
    totalSimd: [] as number[],
  };
  computeFeatures(request);
  try {
    for (let run = 0; run < runs; run++) {
      for (const simd of [false, true]) {
        setSimd(simd);
        const start = performance.now();
        const ms = computeFeatures(request).timings[timing];
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
