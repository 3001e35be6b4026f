/**
 * Where fields are looked at: a square slice through the centre (a plane given by its normal, or one of the
 * Cartesian planes), and a product quadrature of the ball r < r_c; and the relative L2 error of an approximation on
 * either.
 */
import { compositeGaussLegendre, gaussLegendre } from './quadrature.ts';

export type Vec3 = readonly [number, number, number];
export type CartesianPlane = 'xy' | 'xz' | 'yz';

/** In-plane axes (u, v) of the Cartesian planes: u × v is +z, −y and +x, so each is seen from its normal's side. */
const CARTESIAN_AXES: Readonly<Record<CartesianPlane, readonly [Vec3, Vec3]>> = {
  xy: [
    [1, 0, 0],
    [0, 1, 0],
  ],
  xz: [
    [1, 0, 0],
    [0, 0, 1],
  ],
  yz: [
    [0, 1, 0],
    [0, 0, 1],
  ],
};

/** Orthonormal in-plane axes (u, v) with u × v along `normal` (any non-zero vector). */
export function planeAxes(plane: CartesianPlane | Vec3): readonly [Vec3, Vec3] {
  if (typeof plane === 'string') return CARTESIAN_AXES[plane];
  const length = Math.hypot(...plane);
  if (!(length > 0) || !Number.isFinite(length))
    throw new RangeError('a slice normal must be a non-zero vector');
  const n = plane.map((x) => x / length) as unknown as Vec3;
  // Start u from the Cartesian axis least aligned with n (numerically safest), then Gram–Schmidt.
  const least = [0, 1, 2].reduce((best, i) => (Math.abs(n[i]) < Math.abs(n[best]) ? i : best), 0);
  const e: [number, number, number] = [0, 0, 0];
  e[least] = 1;
  const dot = e[0] * n[0] + e[1] * n[1] + e[2] * n[2];
  const raw = [e[0] - dot * n[0], e[1] - dot * n[1], e[2] - dot * n[2]];
  const norm = Math.hypot(...raw);
  const u: Vec3 = [raw[0] / norm, raw[1] / norm, raw[2] / norm];
  const v: Vec3 = [n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]];
  return [u, v];
}

/** The unit normal u × v of a slice plane (+z, −y and +x for xy, xz and yz). */
export function planeNormal(plane: CartesianPlane | Vec3): Vec3 {
  const [u, v] = planeAxes(plane);
  return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
}

export interface Slice {
  readonly axes: readonly [Vec3, Vec3];
  /** Half the side of the square (Å). */
  readonly halfWidth: number;
  /** Pixels along each side. */
  readonly resolution: number;
  /**
   * Pixel centres relative to the centre atom, flat (x, y, z), row-major with v growing by row and u by column:
   * pixel (row, col) sits at (−h + (col + ½)·2h/res)·u + (−h + (row + ½)·2h/res)·v.
   */
  readonly points: Float64Array;
}

export function sliceGrid(plane: CartesianPlane | Vec3, halfWidth: number, resolution: number): Slice {
  const axes = planeAxes(plane);
  const [u, v] = axes;
  const points = new Float64Array(resolution * resolution * 3);
  const step = (2 * halfWidth) / resolution;
  for (let row = 0; row < resolution; row++) {
    const b = -halfWidth + (row + 0.5) * step;
    for (let col = 0; col < resolution; col++) {
      const a = -halfWidth + (col + 0.5) * step;
      const q = 3 * (row * resolution + col);
      for (let i = 0; i < 3; i++) points[q + i] = a * u[i] + b * v[i];
    }
  }
  return { axes, halfWidth, resolution, points };
}

export interface BallQuadrature {
  /** Flat (x, y, z). */
  readonly points: Float64Array;
  /** Volume weights: Σ w f ≈ ∫_{r<r_c} f d³x. */
  readonly weights: Float64Array;
}

/** Gauss–Legendre in r (panels × order) and in cos θ, uniform in φ: exact for band-limited angular content. */
export function ballQuadrature(
  cutoff: number,
  { radialPanels = 4, radialOrder = 8, polar = 18, azimuthal = 36 } = {},
): BallQuadrature {
  const rRule = compositeGaussLegendre(0, cutoff, radialPanels, radialOrder);
  const tRule = gaussLegendre(polar);
  const count = rRule.nodes.length * polar * azimuthal;
  const points = new Float64Array(3 * count);
  const weights = new Float64Array(count);
  let q = 0;
  for (let i = 0; i < rRule.nodes.length; i++) {
    const r = rRule.nodes[i];
    for (let t = 0; t < polar; t++) {
      const ct = tRule.nodes[t];
      const st = Math.sqrt(1 - ct * ct);
      for (let a = 0; a < azimuthal; a++) {
        const phi = (2 * Math.PI * a) / azimuthal;
        points.set([r * st * Math.cos(phi), r * st * Math.sin(phi), r * ct], 3 * q);
        weights[q] = rRule.weights[i] * r * r * tRule.weights[t] * ((2 * Math.PI) / azimuthal);
        q++;
      }
    }
  }
  return { points, weights };
}

/**
 * ‖approx − exact‖ / ‖exact‖ over the points where approx is defined (not NaN), with optional weights (uniform
 * otherwise); `stride`/`offset` read one column of a row-major table (expansionByL's). NaN when the field is zero there.
 */
export function relativeL2Error(
  exact: ArrayLike<number>,
  approx: ArrayLike<number>,
  { weights, stride = 1, offset = 0 }: { weights?: ArrayLike<number>; stride?: number; offset?: number } = {},
): number {
  let diff = 0;
  let norm = 0;
  for (let q = 0; q < exact.length; q++) {
    const a = approx[q * stride + offset];
    if (Number.isNaN(a)) continue;
    const w = weights ? weights[q] : 1;
    diff += w * (a - exact[q]) ** 2;
    norm += w * exact[q] ** 2;
  }
  return norm > 0 ? Math.sqrt(diff / norm) : Number.NaN;
}
