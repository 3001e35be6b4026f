/**
 * Levenberg–Marquardt for small nonlinear least-squares problems: minimise Σ r_i(x)² with optional box bounds
 * (steps are projected onto the box). Marquardt's scaling (damping ∝ diag JᵀJ) and step rejection: a step is
 * taken only if it lowers the sum of squares.
 */
import { factorSpd } from './linalg.ts';

export interface LeastSquaresProblem {
  /** Residuals at x. */
  residuals(x: Float64Array): Float64Array;
  /** Rows ∂r_i/∂x (row-major, residuals × parameters); central differences when absent. */
  jacobian?(x: Float64Array): Float64Array;
  readonly start: ArrayLike<number>;
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
}

export interface LeastSquaresOptions {
  readonly maxIterations?: number;
  /** Converged when a step is shorter than tolerance · (|x| + tolerance). */
  readonly tolerance?: number;
  /** Step of the central differences, relative to max(|x_k|, 1). */
  readonly difference?: number;
}

export interface LeastSquaresResult {
  readonly x: Float64Array;
  readonly sumOfSquares: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const sumOfSquares = (r: Float64Array) => r.reduce((s, v) => s + v * v, 0);

function centralDifferences(problem: LeastSquaresProblem, x: Float64Array, m: number, relative: number) {
  const n = x.length;
  const jac = new Float64Array(m * n);
  for (let k = 0; k < n; k++) {
    const h = relative * Math.max(Math.abs(x[k]!), 1);
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[k]! += h;
    down[k]! -= h;
    const ru = problem.residuals(up);
    const rd = problem.residuals(down);
    for (let i = 0; i < m; i++) jac[i * n + k] = (ru[i]! - rd[i]!) / (2 * h);
  }
  return jac;
}

export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  { maxIterations = 200, tolerance = 1e-10, difference = 1e-6 }: LeastSquaresOptions = {},
): LeastSquaresResult {
  const n = problem.start.length;
  const clamp = (v: number, k: number) =>
    Math.min(Math.max(v, problem.lower?.[k] ?? -Infinity), problem.upper?.[k] ?? Infinity);
  let x = Float64Array.from(problem.start, clamp);
  let r = problem.residuals(x);
  let sse = sumOfSquares(r);
  let damping = 1e-3;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const m = r.length;
    const jac = problem.jacobian ? problem.jacobian(x) : centralDifferences(problem, x, m, difference);
    const a = new Float64Array(n * n);
    const g = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < n; k++) {
        const jk = jac[i * n + k]!;
        g[k]! -= jk * r[i]!;
        for (let l = 0; l < n; l++) a[k * n + l]! += jk * jac[i * n + l]!;
      }
    }
    const top = Math.max(...Array.from({ length: n }, (_, k) => a[k * n + k]!));
    for (;;) {
      const damped = Float64Array.from(a);
      for (let k = 0; k < n; k++) damped[k * n + k]! += damping * (a[k * n + k]! + 1e-12 * top);
      const step = factorSpd(damped, n, 'the Gauss–Newton matrix').solve(g);
      const next = x.map((v, k) => clamp(v + step[k]!, k));
      const nextR = problem.residuals(next);
      const nextSse = sumOfSquares(nextR);
      if (nextSse <= sse) {
        const moved = Math.hypot(...next.map((v, k) => v - x[k]!));
        const small = moved <= tolerance * (Math.hypot(...x) + tolerance);
        [x, r, sse] = [next, nextR, nextSse];
        damping = Math.max(damping / 3, 1e-12);
        if (small) return { x, sumOfSquares: sse, iterations: iteration, converged: true };
        break;
      }
      damping *= 4;
      if (damping > 1e12) return { x, sumOfSquares: sse, iterations: iteration, converged: true };
    }
  }
  return { x, sumOfSquares: sse, iterations: maxIterations, converged: false };
}
