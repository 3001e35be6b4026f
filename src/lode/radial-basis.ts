/**
 * Orthonormal radial bases on [0, r_c] with the r² dr measure: ∫_0^{r_c} R_n R_n' r² dr = δ_nn'.
 *
 * Each basis is a fixed linear combination of primitive functions, Löwdin-orthonormalised (R = S^{−1/2} G), which
 * treats all primitives alike and keeps every R_n as close as possible to its primitive.
 *  - 'gto' (default): G_n(r) = r^n exp(−r²/(2σ_n²)), σ_n = r_c·max(√n, 1)/n_max.
 *  - 'legendre': shifted Legendre polynomials P_n(2r/r_c − 1); a second, unrelated family used to show that the
 *    features' kernels do not depend on the basis at convergence.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { compositeGaussLegendre } from './quadrature.ts';

export type RadialBasisKind = 'gto' | 'legendre';

export interface RadialBasis {
  readonly kind: RadialBasisKind;
  readonly nMax: number;
  readonly cutoff: number;
  /** Writes R_0(r) .. R_{nMax−1}(r) into out. */
  evaluate(r: number, out: Float64Array): void;
}

type Primitives = (r: number, out: Float64Array) => void;

function gtoPrimitives(nMax: number, cutoff: number): Primitives {
  const inv2s2 = Float64Array.from({ length: nMax }, (_, n) => {
    const s = (cutoff * Math.max(Math.sqrt(n), 1)) / nMax;
    return 1 / (2 * s * s);
  });
  return (r, out) => {
    let rn = 1;
    for (let n = 0; n < nMax; n++) {
      out[n] = rn * Math.exp(-r * r * inv2s2[n]);
      rn *= r;
    }
  };
}

function legendrePrimitives(nMax: number, cutoff: number): Primitives {
  return (r, out) => {
    const u = (2 * r) / cutoff - 1;
    out[0] = 1;
    if (nMax > 1) out[1] = u;
    for (let n = 2; n < nMax; n++) out[n] = ((2 * n - 1) * u * out[n - 1] - (n - 1) * out[n - 2]) / n;
  };
}

/**
 * Löwdin transform T = S^{−1/2} from the SVD of the quadrature-weighted sample matrix A (A_qk = √w_q r_q G_k(r_q),
 * so S = AᵀA = V Σ² Vᵀ and T = V Σ^{−1} Vᵀ). Working on A rather than on S keeps the condition number from being
 * squared: large GTO sets are nearly dependent (cond(S) ≈ 1e14 at n_max = 16).
 */
function lowdinTransform(primitives: Primitives, nMax: number, cutoff: number): Float64Array {
  const { nodes, weights } = compositeGaussLegendre(0, cutoff, 8, 40);
  const a = new Matrix(nodes.length, nMax);
  const g = new Float64Array(nMax);
  for (let q = 0; q < nodes.length; q++) {
    primitives(nodes[q], g);
    const w = Math.sqrt(weights[q]) * nodes[q];
    for (let k = 0; k < nMax; k++) a.set(q, k, w * g[k]);
  }
  // Unit columns first (S becomes a correlation matrix): the SVD then resolves the small singular values better.
  const norms = Array.from({ length: nMax }, (_, k) => a.getColumnVector(k).norm());
  for (let k = 0; k < nMax; k++)
    a.setColumn(
      k,
      a.getColumn(k).map((x) => x / norms[k]),
    );
  const svd = new SingularValueDecomposition(a, { autoTranspose: true });
  const v = svd.rightSingularVectors;
  const inverse = svd.diagonal.map((s) => 1 / s);
  const t = v.clone().mulRowVector(inverse).mmul(v.transpose());
  return Float64Array.from(
    { length: nMax * nMax },
    (_, i) => t.get(Math.floor(i / nMax), i % nMax) / norms[i % nMax],
  );
}

export function createRadialBasis(kind: RadialBasisKind, nMax: number, cutoff: number): RadialBasis {
  const primitives = kind === 'gto' ? gtoPrimitives(nMax, cutoff) : legendrePrimitives(nMax, cutoff);
  const transform = lowdinTransform(primitives, nMax, cutoff);
  const g = new Float64Array(nMax);
  return {
    kind,
    nMax,
    cutoff,
    evaluate(r, out) {
      primitives(r, g);
      for (let n = 0; n < nMax; n++) {
        let sum = 0;
        for (let k = 0; k < nMax; k++) sum += transform[n * nMax + k] * g[k];
        out[n] = sum;
      }
    },
  };
}
