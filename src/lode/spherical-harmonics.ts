/**
 * Real, orthonormal spherical harmonics Y_lm, flat index k = l² + l + m.
 *
 * Convention (no Condon–Shortley phase), with φ the azimuth of (x, y):
 *   m > 0:  Y_lm = √2 N_lm P_l^m(cos θ) cos(mφ)
 *   m = 0:  Y_l0 = N_l0 P_l(cos θ)
 *   m < 0:  Y_lm = √2 N_l|m| P_l^|m|(cos θ) sin(|m|φ)
 * so that Y_1,−1 : Y_1,0 : Y_1,1 = y : z : x (all with the positive factor √(3/4π)).
 *
 * The associated Legendre part is computed already normalised (q_l^m = N_lm P_l^m / sin^m θ) by the standard
 * three-term recursion in l, and sin^m θ (cos mφ, sin mφ) by powers of (x + iy): no trigonometry, no factorials,
 * stable to high l.
 */

export function harmonicCount(lMax: number): number {
  return (lMax + 1) * (lMax + 1);
}

export function harmonicIndex(l: number, m: number): number {
  return l * l + l + m;
}

/** Recursion coefficients per l_max, shared by every call. */
interface Recursion {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly diag: Float64Array;
}
const recursions = new Map<number, Recursion>();

function recursionFor(lMax: number): Recursion {
  let r = recursions.get(lMax);
  if (r) return r;
  const n = harmonicCount(lMax);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const diag = new Float64Array(lMax + 1);
  diag[0] = 1 / Math.sqrt(4 * Math.PI);
  for (let m = 1; m <= lMax; m++) diag[m] = diag[m - 1] * Math.sqrt((2 * m + 1) / (2 * m));
  for (let l = 2; l <= lMax; l++) {
    for (let m = 0; m <= l - 2; m++) {
      a[l * l + m] = Math.sqrt((4 * l * l - 1) / (l * l - m * m));
      b[l * l + m] = Math.sqrt(((l - 1) * (l - 1) - m * m) / (4 * (l - 1) * (l - 1) - 1));
    }
  }
  r = { a, b, diag };
  recursions.set(lMax, r);
  return r;
}

/**
 * Writes Y_lm(r̂) for l ≤ lMax into out[offset + k], for the direction of (x, y, z) (any non-zero length).
 * `scratch` must hold at least (lMax + 1)² values; it avoids allocation in the engine's pair loop.
 */
export function realSphericalHarmonics(
  lMax: number,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
  offset = 0,
  scratch: Float64Array = new Float64Array(harmonicCount(lMax)),
): void {
  const inv = 1 / Math.sqrt(x * x + y * y + z * z);
  const ux = x * inv;
  const uy = y * inv;
  const uz = z * inv;
  const { a, b, diag } = recursionFor(lMax);
  // q[l² + m] = normalised associated Legendre q_l^m(z) for m ≥ 0.
  const q = scratch;
  for (let m = 0; m <= lMax; m++) {
    q[m * m + m] = diag[m];
    if (m + 1 <= lMax) q[(m + 1) * (m + 1) + m] = uz * Math.sqrt(2 * m + 3) * diag[m];
  }
  for (let l = 2; l <= lMax; l++) {
    for (let m = 0; m <= l - 2; m++) {
      const k = l * l + m;
      q[k] = a[k] * (uz * q[(l - 1) * (l - 1) + m] - b[k] * q[(l - 2) * (l - 2) + m]);
    }
  }
  // (ux + i uy)^m = sin^m θ (cos mφ + i sin mφ).
  let c = 1;
  let s = 0;
  for (let m = 0; m <= lMax; m++) {
    if (m === 0) {
      for (let l = 0; l <= lMax; l++) out[offset + l * l + l] = q[l * l];
    } else {
      const cm = Math.SQRT2 * c;
      const sm = Math.SQRT2 * s;
      for (let l = m; l <= lMax; l++) {
        const ql = q[l * l + m];
        out[offset + l * l + l + m] = cm * ql;
        out[offset + l * l + l - m] = sm * ql;
      }
    }
    const c2 = c * ux - s * uy;
    s = c * uy + s * ux;
    c = c2;
  }
}

/** Legendre polynomials P_0..P_lMax(t) into out. */
export function legendre(lMax: number, t: number, out: Float64Array): void {
  out[0] = 1;
  if (lMax >= 1) out[1] = t;
  for (let l = 2; l <= lMax; l++) out[l] = ((2 * l - 1) * t * out[l - 1] - (l - 1) * out[l - 2]) / l;
}
