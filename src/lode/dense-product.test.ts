import { afterEach, describe, expect, it } from 'vitest';
import { variantSupported } from '../learn/wasm/kernels.ts';
import { seededRandom } from '../util/random.ts';
import { multiplyTransposed, setDenseProductKernels } from './dense-product.ts';

const random = seededRandom(5);
/** Small integers: every product and partial sum is exact in f64, so any summation order gives the same bits. */
const integers = (length: number) => Float64Array.from({ length }, () => Math.floor(17 * random()) - 8);

/** A·Bᵀ as a sum of outer products, column t of A times column t of B. */
function outerProductSum(a: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * k + t] * b[j * k + t];
  }
  return out;
}

describe('multiplyTransposed', () => {
  afterEach(() => setDenseProductKernels(true));

  it('runs on the WebAssembly kernel here', () => {
    expect(variantSupported('simd')).toBe(true);
  });

  for (const kernel of [true, false]) {
    it(`equals the sum of outer products (${kernel ? 'WebAssembly' : 'TypeScript loops'}; edges, panels)`, () => {
      setDenseProductKernels(kernel);
      // m, n off multiples of 4 (edge blocks), k past one panel of 256; the output is overwritten, not added to.
      for (const [m, n, k] of [
        [1, 1, 1],
        [6, 15, 698],
        [48, 10, 257],
        [9, 3, 0],
      ]) {
        const a = integers(m * k);
        const b = integers(n * k);
        const out = Float64Array.from({ length: m * n }, () => 1e6);
        multiplyTransposed(a, b, m, n, k, out);
        expect(out).toEqual(outerProductSum(a, b, m, n, k));
      }
    });
  }
});
