/**
 * The dual ridge solve: kernel ridge with an unpenalised basis B (baseline columns, intercept).
 * Minimising ‖y − f − B·c‖² + α‖f‖²_K with f = K·a gives (K + αI)·a + B·c = y and Bᵀa = 0, so with M = K + αI:
 * c = (BᵀM⁻¹B)⁺ BᵀM⁻¹y and a = M⁻¹(y − B·c). For the linear kernel K = X·Xᵀ this is the primal ridge solution
 * with w = Xᵀa, at O(n²p + n³) instead of O(np² + p³).
 */
import { rowCombinations } from './blas.ts';
import { factorSpd, fullSymmetric, type Solver, type SymmetricRows } from './linalg.ts';
import { usingShiftedFactors } from './shifted-factors.ts';
import { linearKernel } from './kernel-matrices.ts';
import { matrix64, type Matrix64 } from './matrix.ts';
import { featureScales } from './normal-equations.ts';
import type { RidgeModel } from './ridge-model.ts';

export interface DualSolution {
  /** a, one per training row. */
  readonly coefficients: Float64Array;
  /** c, one per basis column. */
  readonly basisWeights: Float64Array;
  readonly solver: Solver;
  readonly warnings: readonly string[];
}

/** Solves for a and c given the training kernel (n × n), targets and basis (n × nb, or null). */
export function solveDual(
  kernel: Matrix64,
  y: Float64Array,
  basis: Matrix64 | null,
  alpha: number,
): DualSolution {
  return solveDualEach(symmetricOf(kernel), y, basis, [alpha])[0];
}

/** solveDual at each α, in order (their factorisations on the Gram team's threads too, see shifted-factors.ts). */
export function solveDualEach(
  kernel: SymmetricRows,
  y: Float64Array,
  basis: Matrix64 | null,
  alphas: readonly number[],
): DualSolution[] {
  const { n } = kernel;
  const nb = basis?.cols ?? 0;
  // u = M⁻¹y and z[b] = M⁻¹ B_b, solved while the factor of M is at hand.
  const solved = usingShiftedFactors(kernel, alphas, 'K + αI', (factor) => ({
    u: factor.solve(y),
    z: Array.from({ length: nb }, (_, b) =>
      factor.solve(Float64Array.from({ length: n }, (_, r) => basis!.data[r * nb + b])),
    ),
    solver: factor.solver,
    warnings: factor.warnings,
  }));
  return solved.map(({ u, z, solver, warnings }) => {
    if (!basis || nb === 0) {
      return { coefficients: u, basisWeights: new Float64Array(0), solver, warnings };
    }
    // S = BᵀM⁻¹B (nb × nb) and c = S⁺ Bᵀu.
    const dot = (b: number, v: Float64Array) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += basis.data[r * nb + b] * v[r];
      return s;
    };
    const s = new Float64Array(nb * nb);
    for (let a = 0; a < nb; a++) for (let b = 0; b < nb; b++) s[a * nb + b] = dot(a, z[b]);
    const inner = factorSpd(s, nb, 'the baseline matrix BᵀM⁻¹B');
    const c = inner.solve(Float64Array.from({ length: nb }, (_, b) => dot(b, u)));
    const coefficients = Float64Array.from(u);
    for (let b = 0; b < nb; b++) for (let r = 0; r < n; r++) coefficients[r] -= z[b][r] * c[b];
    return {
      coefficients,
      basisWeights: c,
      solver,
      warnings: [...warnings, ...inner.warnings],
    };
  });
}

const symmetricOf = (k: Matrix64) => fullSymmetric(k.data, k.rows);

/** [B | 1]: the baseline columns with the intercept column appended when asked for (null when empty). */
export function basisMatrix(
  baseline: Matrix64 | undefined,
  rows: number,
  intercept: boolean,
): Matrix64 | null {
  const nb = baseline?.cols ?? 0;
  const width = nb + (intercept ? 1 : 0);
  if (width === 0) return null;
  const out = matrix64(rows, width);
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < nb; b++) out.data[r * width + b] = baseline!.data[r * nb + b];
    if (intercept) out.data[r * width + nb] = 1;
  }
  return out;
}

/** Feature RMS scales of the rows of x (the standardisation the primal solve applies). */
function rowScales(x: Matrix64): Float64Array {
  const sums = new Float64Array(x.cols);
  for (let i = 0; i < x.data.length; i++) sums[i % x.cols] += x.data[i] ** 2;
  return featureScales((j) => sums[j], x.cols, x.rows);
}

function scaleColumns(x: Matrix64, scale: Float64Array, power = 1): Matrix64 {
  const out = matrix64(x.rows, x.cols, Float64Array.from(x.data));
  for (let i = 0; i < out.data.length; i++) out.data[i] /= scale[i % x.cols] ** power;
  return out;
}

/**
 * Linear ridge in the dual, on the training rows x, one model per α. `kernel` may be passed in when already known
 * (it must be the linear kernel of x, scaled when standardising, or a block of one). The training rows may instead be `rows` of x (y,
 * baseline and the kernel then of those rows only), which saves copying them: only without standardisation, kernel
 * given.
 */
export function solveLinearDual(
  x: Matrix64,
  y: Float64Array,
  baseline: Matrix64 | undefined,
  alphas: readonly number[],
  settings: { standardize: boolean; intercept: boolean },
  kernel?: SymmetricRows,
  rows?: Int32Array,
): RidgeModel[] {
  const count = rows?.length ?? x.rows;
  const scale = settings.standardize ? rowScales(x) : null;
  const k = kernel ?? symmetricOf(linearKernel(scale ? scaleColumns(x, scale) : x));
  const basis = basisMatrix(baseline, count, settings.intercept);
  const nb = baseline?.cols ?? 0;
  const solutions = solveDualEach(k, y, basis, alphas);
  // w = X_sᵀa in scaled units, i.e. Xᵀa / s² in the original ones.
  const allWeights = rowCombinations(
    x,
    solutions.map((solution) => solution.coefficients),
    rows,
  );
  return solutions.map((solution, i) => {
    const weights = allWeights[i];
    if (scale) for (let j = 0; j < x.cols; j++) weights[j] /= scale[j] * scale[j];
    return {
      weights,
      baselineWeights: solution.basisWeights.slice(0, nb),
      intercept: settings.intercept ? solution.basisWeights[nb] : 0,
      alpha: alphas[i],
      form: 'dual',
      solver: solution.solver,
      featureScale: scale,
      trainingRows: count,
      warnings: solution.warnings,
    };
  });
}
