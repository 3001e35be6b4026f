/** Gauss–Legendre rules: the workhorse of every integral in the engine (radial tables, tests). */

export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const ruleCache = new Map<number, QuadratureRule>();

/** n-point Gauss–Legendre rule on [−1, 1] (Newton iteration on P_n; exact for polynomials of degree 2n − 1). */
export function gaussLegendre(n: number): QuadratureRule {
  const cached = ruleCache.get(n);
  if (cached) return cached;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`Gauss–Legendre order must be a positive integer, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      // After the loop p1 = P_n(x), p0 = P_{n−1}(x) (also for n = 1).
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    const w = 2 / ((1 - x * x) * dp * dp);
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  ruleCache.set(n, rule);
  return rule;
}

/** Composite rule on [a, b]: `panels` equal panels of an `order`-point Gauss–Legendre rule each. */
export function compositeGaussLegendre(a: number, b: number, panels: number, order: number): QuadratureRule {
  const base = gaussLegendre(order);
  const nodes = new Float64Array(panels * order);
  const weights = new Float64Array(panels * order);
  const width = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * width;
    for (let k = 0; k < order; k++) {
      nodes[p * order + k] = mid + 0.5 * width * base.nodes[k];
      weights[p * order + k] = 0.5 * width * base.weights[k];
    }
  }
  return { nodes, weights };
}
