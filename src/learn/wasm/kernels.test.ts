import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accumulateGram, addABt, gramOfRows, rowCombinations, type Triangle, type View } from '../blas.ts';
import { choleskyInPlace } from '../linalg.ts';
import { randomSource } from '../sampling.ts';
import { gaussian, relativeDifference } from '../testing/synthetic.ts';
import { kernelVariant, selectKernelVariant, variantSupported, type KernelVariant } from './kernels.ts';

const normal = gaussian(randomSource(5));
/** Not multiples of the 4 × 4 blocks, the 64-column Cholesky sub-blocks or the 256-step panels. */
const SIZES = [1, 3, 17, 130];

/** A rows × cols block inside a larger buffer (offset 5, row stride cols + 3), random everywhere. */
function strided(rows: number, cols: number): View {
  const ld = cols + 3;
  return { data: Float64Array.from({ length: 5 + rows * ld }, normal), offset: 5, ld, rows, cols };
}

const at = (v: View, i: number, j: number) => v.data[v.offset + i * v.ld + j];

it('the test runner enables relaxed SIMD (vite.config.ts), so both kernel builds are tested', () => {
  expect(variantSupported('fma')).toBe(true);
  expect(variantSupported('simd')).toBe(true);
  expect(kernelVariant()).toBe('fma');
});

describe.each(['fma', 'simd'] as KernelVariant[])('WebAssembly %s kernels against naive loops', (variant) => {
  const previous = kernelVariant();
  beforeAll(() => selectKernelVariant(variant));
  afterAll(() => selectKernelVariant(previous));

  it('out ± A·Bᵀ on strided blocks of odd sizes, both signs, panels of 256 steps', () => {
    for (const m of SIZES) {
      for (const n of SIZES) {
        for (const k of [...SIZES, 300]) {
          const [a, b, out] = [strided(m, k), strided(n, k), strided(m, n)];
          const expected = Float64Array.from(out.data);
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let t = 0; t < k; t++) s += at(a, i, t) * at(b, j, t);
              expected[out.offset + i * out.ld + j] -= s;
            }
          }
          addABt(out, a, b, -1);
          // Entries outside the block (offset, row padding) are untouched too.
          expect(relativeDifference(out.data, expected)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('combines rows of x, all or some of them in a given order, for several coefficient vectors at once', () => {
    // The last case spans two blocks of rows copied in (2²⁰ doubles each).
    for (const [rows, cols] of [
      [10, 1],
      [10, 2],
      [10, 17],
      [10, 130],
      [1100, 1025],
    ]) {
      for (const order of [undefined, [0], [4, 2, 2, 9]]) {
        const x = { rows, cols, data: Float64Array.from({ length: rows * cols }, normal) };
        const count = order?.length ?? x.rows;
        const coefficients = [0, 1, 2].map(() => Float64Array.from({ length: count }, normal));
        const combined = rowCombinations(x, coefficients, order);
        coefficients.forEach((c, i) => {
          // Row by row, as the loop the kernel replaces: fused multiply–adds differ from it by rounding only.
          const expected = new Float64Array(cols);
          for (let r = 0; r < count; r++) {
            const row = order ? order[r] : r;
            for (let j = 0; j < cols; j++) expected[j] += x.data[row * cols + j] * c[r];
          }
          if (variant === 'simd') expect(Array.from(combined[i])).toEqual(Array.from(expected));
          else expect(relativeDifference(combined[i], expected)).toBeLessThan(1e-12);
        });
      }
    }
  });

  it('computes the requested triangle of A·Aᵀ', () => {
    for (const triangle of ['upper', 'lower'] as Triangle[]) {
      for (const m of SIZES) {
        const a = strided(m, 37);
        const out = strided(m, m);
        const before = Float64Array.from(out.data);
        addABt(out, a, a, 1, triangle);
        const got: number[] = [];
        const expected: number[] = [];
        for (let i = 0; i < m; i++) {
          for (let j = triangle === 'upper' ? i : 0; j < (triangle === 'upper' ? m : i + 1); j++) {
            let s = before[out.offset + i * out.ld + j];
            for (let t = 0; t < 37; t++) s += at(a, i, t) * at(a, j, t);
            expected.push(s);
            got.push(at(out, i, j));
          }
        }
        expect(relativeDifference(got, expected)).toBeLessThan(1e-12);
      }
    }
  });

  it('accumulates and subtracts Gram matrices of rows: reads the upper triangle, writes both', () => {
    for (const width of SIZES) {
      for (const count of [...SIZES, 600]) {
        const rows = Array.from({ length: count }, () => Float64Array.from({ length: width }, normal));
        const gram = Float64Array.from({ length: width * width }, normal);
        const expected = Float64Array.from(gram);
        for (const z of rows.slice(0, Math.ceil(count / 2))) {
          for (let i = 0; i < width; i++)
            for (let j = i; j < width; j++) expected[i * width + j] -= z[i] * z[j];
        }
        for (const z of rows) {
          for (let i = 0; i < width; i++)
            for (let j = i; j < width; j++) expected[i * width + j] += z[i] * z[j];
        }
        const fresh = gramOfRows(width, count, (r, z) => z.set(rows[r]));
        accumulateGram(gram, width, count, (r, z) => z.set(rows[r]));
        accumulateGram(gram, width, Math.ceil(count / 2), (r, z) => z.set(rows[r]), -1);
        const both = (g: Float64Array) =>
          Array.from({ length: width * width }, (_, e) => {
            const [i, j] = [Math.floor(e / width), e % width];
            return g[Math.min(i, j) * width + Math.max(i, j)];
          });
        expect(relativeDifference(gram, both(expected))).toBeLessThan(1e-12);
        const sum = new Float64Array(width * width);
        for (const z of rows)
          for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) sum[i * width + j] += z[i] * z[j];
        expect(relativeDifference(fresh, sum)).toBeLessThan(1e-12);
      }
    }
  });

  it('factors A = L·Lᵀ across block boundaries and reports pivots', () => {
    for (const n of [...SIZES, 200, 300, 600]) {
      const x = Array.from({ length: n + 3 }, () => Float64Array.from({ length: n }, normal));
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) for (const z of x) a[i * n + j] += z[i] * z[j];
        a[i * n + i] += 0.1;
      }
      const l = Float64Array.from(a);
      const result = choleskyInPlace(l, n);
      expect(result.ok).toBe(true);
      const product = new Float64Array(n * n);
      let minPivot = Infinity;
      let maxPivot = 0;
      for (let i = 0; i < n; i++) {
        minPivot = Math.min(minPivot, l[i * n + i] ** 2);
        maxPivot = Math.max(maxPivot, l[i * n + i] ** 2);
        for (let j = 0; j < n; j++) {
          for (let t = 0; t <= Math.min(i, j); t++) product[i * n + j] += l[i * n + t] * l[j * n + t];
        }
      }
      expect(relativeDifference(product, a)).toBeLessThan(1e-12);
      expect(result.conditionEstimate / (maxPivot / minPivot) - 1).toBeLessThan(1e-12);
    }
  });

  it('stops at the first non-positive or non-finite pivot, in the first block column and after one', () => {
    const n = 400;
    for (const bad of [70, 300]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + i] = 1;
      a[bad * n + bad] = -1;
      expect(choleskyInPlace(Float64Array.from(a), n)).toEqual({
        ok: false,
        failedAt: bad,
        conditionEstimate: Infinity,
      });
      a[bad * n + bad] = 1;
      a[(bad + 20) * n + 3] = NaN;
      expect(choleskyInPlace(a, n).failedAt).toBe(bad + 20);
    }
  });
});
