/** How long the dipole arrows of the 3D view are drawn. */

type Vec3 = readonly [number, number, number];

/** The longest arrow drawn is at most this long (Å): the dipoles range from 10⁻⁴ to 10⁻¹ e·Å with height. */
const LONGEST_ARROW = 3;

/** Å per e·Å so that the longest vector is at most LONGEST_ARROW long, rounded down to 1, 2 or 5 × 10^k. */
export function arrowScale(vectors: readonly Vec3[]): number {
  const longest = Math.max(...vectors.map((v) => Math.hypot(...v)));
  if (!(longest > 0)) return 1;
  const ideal = LONGEST_ARROW / longest;
  const decade = 10 ** Math.floor(Math.log10(ideal));
  return [5, 2, 1].map((m) => m * decade).find((s) => s <= ideal)!;
}
