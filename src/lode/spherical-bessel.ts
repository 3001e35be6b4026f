/**
 * Spherical Bessel functions j_l(x), l = 0..L, for x ≥ 0.
 * Upward recurrence j_{l+1} = (2l+1)/x j_l − j_{l−1} is stable only while l < x; below that the power series
 * j_l(x) = x^l/(2l+1)!! Σ_k (−x²/2)^k / (k! (2l+3)(2l+5)…(2l+2k+1)) is used (x ≤ l keeps it short and benign).
 */
export function sphericalBessel(lMax: number, x: number, out: Float64Array): void {
  const upward = x >= 1 ? Math.min(lMax, Math.ceil(x) - 1) : -1;
  if (upward >= 0) {
    const s = Math.sin(x);
    const c = Math.cos(x);
    out[0] = s / x;
    if (upward >= 1) out[1] = s / (x * x) - c / x;
    for (let l = 1; l < upward; l++) out[l + 1] = ((2 * l + 1) / x) * out[l] - out[l - 1];
  }
  let lead = 1; // x^l / (2l+1)!!
  for (let l = 0; l <= lMax; l++) {
    if (l > upward) out[l] = lead * besselSeries(l, x);
    lead *= x / (2 * l + 3);
  }
}

function besselSeries(l: number, x: number): number {
  const h = -0.5 * x * x;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= h / (k * (2 * l + 2 * k + 1));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
