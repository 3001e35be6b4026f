/**
 * A diverging colour map, symmetric about zero so that the sign of a field or of an error reads at a glance: dark at
 * zero (the page is dark, and most of a slice is near zero), blue below, red to pale orange above, brighter with
 * |value|. The slice texture and the colour bar use the same stops.
 */

/** (position in [−1, 1], RGB) stops. */
const STOPS: readonly (readonly [number, readonly [number, number, number]])[] = [
  [-1, [150, 210, 255]],
  [-0.5, [40, 110, 190]],
  [0, [24, 28, 34]],
  [0.5, [190, 50, 40]],
  [1, [255, 190, 120]],
];

/** RGB of t in [−1, 1] (clamped). */
export function divergingColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(-1, t));
  let i = 0;
  while (i < STOPS.length - 2 && x > STOPS[i + 1]![0]) i++;
  const [x0, c0] = STOPS[i]!;
  const [x1, c1] = STOPS[i + 1]!;
  const f = (x - x0) / (x1 - x0);
  return [0, 1, 2].map((k) => Math.round(c0[k]! + f * (c1[k]! - c0[k]!))) as [number, number, number];
}

/** The CSS gradient of the colour bar, from −limit (left) to +limit (right). */
export const COLOUR_BAR_GRADIENT = `linear-gradient(to right, ${STOPS.map(
  ([x, [r, g, b]]) => `rgb(${r} ${g} ${b}) ${((x + 1) / 2) * 100}%`,
).join(', ')})`;

/** The largest |value| of the finite values (0 when there are none). */
export function symmetricLimit(values: ArrayLike<number>): number {
  let limit = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (v > limit && Number.isFinite(v)) limit = v;
  }
  return limit;
}

/** RGBA bytes of values on [−limit, limit]; NaN (outside the cutoff sphere, for an expansion) is transparent. */
export function colourTexels(values: ArrayLike<number>, limit: number): Uint8Array<ArrayBuffer> {
  const texels = new Uint8Array(values.length * 4);
  const scale = limit > 0 ? 1 / limit : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const [r, g, b] = divergingColour(v * scale);
    texels.set([r, g, b, 255], 4 * i);
  }
  return texels;
}

/** Colour of the contour lines: light, so that they read on the dark middle and on both ends of the map. */
export const CONTOUR_COLOUR: readonly [number, number, number] = [235, 235, 235];

/**
 * Draws contour lines into `texels` (a width × width image of `values`): levels every `limit / levelsPerSide`, zero
 * included, and a pixel is on a line where its level band differs from that of the next pixel along a row or column.
 * Pixels with NaN (outside the cutoff sphere) are left alone.
 */
export function drawContours(
  texels: Uint8Array,
  values: ArrayLike<number>,
  width: number,
  limit: number,
  levelsPerSide = 5,
): void {
  if (!(limit > 0)) return;
  const step = limit / levelsPerSide;
  const band = (i: number) => Math.floor(values[i]! / step);
  for (let row = 0; row < width; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      if (Number.isNaN(values[i]!)) continue;
      const right = col + 1 < width && !Number.isNaN(values[i + 1]!) && band(i + 1) !== band(i);
      const below = row + 1 < width && !Number.isNaN(values[i + width]!) && band(i + width) !== band(i);
      if (right || below) texels.set([...CONTOUR_COLOUR, 255], 4 * i);
    }
  }
}
