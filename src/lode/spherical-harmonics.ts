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

/** Recursion coefficients per l_max, shared by every call (and by the WebAssembly kernel's harmonics). */
interface Recursion {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly diag: Float64Array;
}
const recursions = new Map<number, Recursion>();

export function recursionFor(lMax: number): Recursion {
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

/** realSphericalHarmonicsUpTo4's constant factors, in this order (the Ewald kernels take them as a list). */
export const CLOSED_FORM_CONSTANTS: readonly number[] = [
  0.5 * Math.sqrt(1 / Math.PI),
  Math.sqrt(3 / (4 * Math.PI)),
  0.5 * Math.sqrt(15 / Math.PI),
  0.25 * Math.sqrt(5 / Math.PI),
  0.25 * Math.sqrt(15 / Math.PI),
  0.25 * Math.sqrt(35 / (2 * Math.PI)),
  0.5 * Math.sqrt(105 / Math.PI),
  0.25 * Math.sqrt(21 / (2 * Math.PI)),
  0.25 * Math.sqrt(7 / Math.PI),
  0.25 * Math.sqrt(105 / Math.PI),
  0.75 * Math.sqrt(35 / Math.PI),
  0.75 * Math.sqrt(35 / (2 * Math.PI)),
  0.75 * Math.sqrt(5 / Math.PI),
  0.75 * Math.sqrt(5 / (2 * Math.PI)),
  (3 / 16) * Math.sqrt(1 / Math.PI),
  (3 / 8) * Math.sqrt(5 / Math.PI),
  (3 / 16) * Math.sqrt(35 / Math.PI),
];
const [Y0, Y1, Y2A, Y2B, Y2C, Y3A, Y3B, Y3C, Y3D, Y3E, Y4A, Y4B, Y4C, Y4D, Y4E, Y4F, Y4G] =
  CLOSED_FORM_CONSTANTS;

/**
 * realSphericalHarmonics for l ≤ 4 (all 25 written), in closed form: the same values to rounding, without the
 * recursion's loops (the Ewald real-space sum evaluates them for every far image pair).
 */
export function realSphericalHarmonicsUpTo4(x: number, y: number, z: number, out: Float64Array): void {
  const inv = 1 / Math.sqrt(x * x + y * y + z * z);
  const ux = x * inv;
  const uy = y * inv;
  const uz = z * inv;
  const x2 = ux * ux;
  const y2 = uy * uy;
  const z2 = uz * uz;
  const xy = ux * uy;
  const d = x2 - y2;
  out[0] = Y0;
  out[1] = Y1 * uy;
  out[2] = Y1 * uz;
  out[3] = Y1 * ux;
  out[4] = Y2A * xy;
  out[5] = Y2A * uy * uz;
  out[6] = Y2B * (3 * z2 - 1);
  out[7] = Y2A * ux * uz;
  out[8] = Y2C * d;
  const p3 = 5 * z2 - 1;
  out[9] = Y3A * uy * (3 * x2 - y2);
  out[10] = Y3B * xy * uz;
  out[11] = Y3C * uy * p3;
  out[12] = Y3D * uz * (5 * z2 - 3);
  out[13] = Y3C * ux * p3;
  out[14] = Y3E * uz * d;
  out[15] = Y3A * ux * (x2 - 3 * y2);
  const p4 = 7 * z2 - 1;
  const q4 = 7 * z2 - 3;
  out[16] = Y4A * xy * d;
  out[17] = Y4B * uy * uz * (3 * x2 - y2);
  out[18] = Y4C * xy * p4;
  out[19] = Y4D * uy * uz * q4;
  out[20] = Y4E * (35 * z2 * z2 - 30 * z2 + 3);
  out[21] = Y4D * ux * uz * q4;
  out[22] = Y4F * d * p4;
  out[23] = Y4B * ux * uz * (x2 - 3 * y2);
  out[24] = Y4G * (x2 * (x2 - 3 * y2) - y2 * (3 * x2 - y2));
}
