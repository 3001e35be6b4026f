/**
 * out = A·Bᵀ for row-major A (m × k) and B (n × k): the reciprocal Ewald sum's projection of every centre's waves onto
 * (l, m) (ewald.ts). On the WebAssembly SIMD kernel (kernels.wat, gemm) where the JavaScript engine runs it, in the
 * 'simd' build (separate multiplies and adds, as the power spectra: the same bits on every engine); else in
 * TypeScript loops, which agree with it to rounding. Operands are copied into the kernels' memory and the result
 * out of it within the call, so the memory is free again when it returns.
 */
import { kernels, PANEL_DEPTH, packedSize, variantSupported, workspaceOf } from '../learn/wasm/kernels.ts';

const VARIANT = 'simd';
let useKernels: boolean | undefined;

/** Whether the product runs on the WebAssembly kernel (tests compare both paths). */
export function setDenseProductKernels(on: boolean): void {
  useKernels = on && variantSupported(VARIANT);
}

export function multiplyTransposed(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  k: number,
  out: Float64Array,
): void {
  useKernels ??= variantSupported(VARIANT);
  if (m === 0 || n === 0) return;
  if (!useKernels || k === 0) {
    multiplyInLoops(a, b, m, n, k, out);
    return;
  }
  const engine = kernels(VARIANT);
  const depth = Math.min(k, PANEL_DEPTH);
  const { heap, at } = workspaceOf(engine, [
    m * n,
    m * k,
    n * k,
    packedSize(m, depth) + packedSize(n, depth),
  ]);
  const [outAt, aAt, bAt, packAt] = at;
  heap.fill(0, outAt, outAt + m * n);
  heap.set(a.subarray(0, m * k), aAt);
  heap.set(b.subarray(0, n * k), bAt);
  engine.gemm(outAt * 8, n, aAt * 8, k, bAt * 8, k, m, n, k, 1, 0, packAt * 8);
  out.set(heap.subarray(outAt, outAt + m * n));
}

function multiplyInLoops(
  a: Float64Array,
  b: Float64Array,
  m: number,
  n: number,
  k: number,
  out: Float64Array,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let t = 0; t < k; t++) sum += a[i * k + t] * b[j * k + t];
      out[i * n + j] = sum;
    }
  }
}
