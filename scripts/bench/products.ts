/**
 * bench:cpu's products row: the CPU engine's power spectra on the WebAssembly SIMD kernel against the TypeScript
 * loops, on the same request in the same process, runs interleaved; medians of the engine's products time.
 */
import { computeFeatures, type FeatureRequest } from '../../src/lode/features.ts';
import { setSimdProducts } from '../../src/lode/products-simd.ts';
import { median } from '../lib/bench-cli.ts';

export interface ProductsComparison {
  readonly typescriptMs: number;
  readonly simdMs: number;
  /** TypeScript median ÷ SIMD median. */
  readonly speedup: number;
  readonly raw: { typescript: number[]; simd: number[] };
}

export function compareProducts(request: FeatureRequest, runs: number): ProductsComparison {
  const raw = { typescript: [] as number[], simd: [] as number[] };
  computeFeatures(request);
  try {
    for (let run = 0; run < runs; run++) {
      for (const simd of [false, true]) {
        setSimdProducts(simd);
        const ms = computeFeatures(request).timings.productsMs;
        (simd ? raw.simd : raw.typescript).push(ms);
      }
      process.stderr.write(
        `bench: products run ${run + 1}/${runs}: TypeScript ${raw.typescript[run].toFixed(0)} ms, ` +
          `SIMD ${raw.simd[run].toFixed(0)} ms\n`,
      );
    }
  } finally {
    setSimdProducts(true);
  }
  const typescriptMs = median(raw.typescript);
  const simdMs = median(raw.simd);
  return { typescriptMs, simdMs, speedup: typescriptMs / simdMs, raw };
}
