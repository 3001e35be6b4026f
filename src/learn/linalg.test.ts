import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { accumulateGram, addABt, fullView } from './blas.ts';
import {
  choleskyInPlace,
  choleskySolve,
  factorSpd,
  fullSymmetric,
  symmetricBlock,
  usingShiftedFactor,
  type SpdFactor,
} from './linalg.ts';
import { kernelBlock } from './kernel-matrices.ts';
import { randomSource } from './sampling.ts';
import { randomMatrix, relativeDifference, toMl } from './testing/synthetic.ts';

const random = randomSource(11);

describe('dense kernels', () => {
  it('A·Bᵀ matches ml-matrix for shapes that are not multiples of the 4 × 4 blocks or of the panel depth', () => {
    for (const [m, n, k] of [
      [1, 1, 1],
      [7, 5, 3],
      [37, 23, 601],
    ]) {
      const a = randomMatrix(m, k, random);
      const b = randomMatrix(n, k, random);
      const out = new Float64Array(m * n).fill(1);
      addABt(fullView(out, m, n), fullView(a.data, m, k), fullView(b.data, n, k), -1);
      const expected = Matrix.ones(m, n).sub(toMl(a).mmul(toMl(b).transpose()));
      expect(relativeDifference(out, expected.to1DArray())).toBeLessThan(1e-13);
    }
  });

  it('accumulates Gram matrices of rows (upper triangle, then mirrored), and subtracts them', () => {
    const z = randomMatrix(530, 13, random);
    const gram = new Float64Array(13 * 13);
    accumulateGram(gram, 13, 530, (r, row) => row.set(z.data.subarray(13 * r, 13 * r + 13)));
    accumulateGram(gram, 13, 30, (r, row) => row.set(z.data.subarray(13 * r, 13 * r + 13)), -1);
    const tail = toMl(z).subMatrix(30, 529, 0, 12);
    expect(relativeDifference(gram, tail.transpose().mmul(tail).to1DArray())).toBeLessThan(1e-13);
  });

  it('blocked Cholesky matches ml-matrix and solves across block boundaries', () => {
    for (const n of [3, 64, 65, 150]) {
      const x = randomMatrix(n + 5, n, random);
      const a = toMl(x).transpose().mmul(toMl(x)).add(Matrix.eye(n).mul(0.5));
      const l = Float64Array.from(a.to1DArray());
      expect(choleskyInPlace(l, n).ok).toBe(true);
      const lower = new CholeskyDecomposition(a).lowerTriangularMatrix.to1DArray();
      const ours = l.map((v, i) => (i % n <= Math.floor(i / n) ? v : 0));
      expect(relativeDifference(ours, lower)).toBeLessThan(1e-12);
      const b = Float64Array.from({ length: n }, () => random());
      expect(
        relativeDifference(a.mmul(Matrix.columnVector([...choleskySolve(l, n, b)])).to1DArray(), b),
      ).toBeLessThan(1e-10);
    }
  });

  it('falls back to the eigen pseudo-inverse for indefinite or ill-conditioned matrices', () => {
    const indefinite = factorSpd(Float64Array.of(1, 2, 2, 1), 2, 'M');
    expect(indefinite.solver).toBe('eigen');
    expect(indefinite.warnings[0]).toMatch(/^M is not positive definite/);
    const nearlySingular = factorSpd(Float64Array.of(1, 1, 1, 1 + 1e-14), 2, 'M');
    expect(nearlySingular.solver).toBe('eigen');
    // The null direction (1, −1) is dropped: the minimum-norm solution of [[1, 1], [1, 1]]·x = (2, 2).
    expect(relativeDifference(nearlySingular.solve(Float64Array.of(2, 2)), [1, 1])).toBeLessThan(1e-6);
    expect(factorSpd(Float64Array.of(2, 1, 1, 2), 2, 'M').solver).toBe('cholesky');
  });

  it('solves with A + shift·I in place as the factor of the shifted copy does, on either path, leaving A as it was', () => {
    const n = 70;
    const x = randomMatrix(n - 20, n, random);
    const a = Float64Array.from(toMl(x).transpose().mmul(toMl(x)).to1DArray());
    const original = Float64Array.from(a);
    const b = Float64Array.from({ length: n }, () => random());
    for (const shift of [0.3, 0]) {
      const shifted = Float64Array.from(a);
      for (let i = 0; i < n; i++) shifted[i * n + i] += shift;
      const expected = factorSpd(shifted, n, 'M');
      const [solver, solution] = usingShiftedFactor(
        fullSymmetric(a, n),
        shift,
        'M',
        (f) => [f.solver, f.solve(b)] as const,
      );
      // Rank n − 20 without the shift: only the eigen pseudo-inverse solves it.
      expect(solver).toBe(shift > 0 ? 'cholesky' : 'eigen');
      expect(solver).toBe(expected.solver);
      expect(solution).toEqual(expected.solve(b));
      if (shift > 0) {
        const residual = Matrix.from1DArray(n, n, shifted)
          .mmul(Matrix.columnVector([...solution]))
          .to1DArray();
        expect(relativeDifference(residual, b)).toBeLessThan(1e-10);
      }
    }
    expect(a).toEqual(original);
  });

  it('solves with a block of a matrix read in place as with the block copied out, on either path', () => {
    const n = 60;
    // A block of 25 rows out of order, one of them 0: singular without the shift (the eigen path), definite with it.
    const x = randomMatrix(n, n, random);
    const a = Float64Array.from(toMl(x).transpose().mmul(toMl(x)).to1DArray());
    for (let i = 0; i < n; i++) a[7 * n + i] = a[i * n + 7] = 0;
    const rows = [
      3, 0, 7, 8, 12, 50, 41, 42, 43, 44, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 59,
    ];
    const copied = kernelBlock({ rows: n, cols: n, data: a }, rows);
    const b = Float64Array.from(rows, () => random());
    for (const [shift, path] of [
      [0.1, 'cholesky'],
      [0, 'eigen'],
    ] as const) {
      const solve = (f: SpdFactor) => [f.solver, f.solve(b)] as const;
      const inPlace = usingShiftedFactor(symmetricBlock(a, n, rows), shift, 'M', solve);
      expect(inPlace[0]).toBe(path);
      expect(inPlace).toEqual(usingShiftedFactor(fullSymmetric(copied.data, rows.length), shift, 'M', solve));
    }
  });
});
