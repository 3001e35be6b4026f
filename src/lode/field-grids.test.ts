import { describe, expect, it } from 'vitest';
import {
  ballQuadrature,
  planeAxes,
  planeNormal,
  relativeL2Error,
  sliceGrid,
  type Vec3,
} from './field-grids.ts';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

describe('slices and the ball', () => {
  it('span a plane with orthonormal axes whose cross product is the unit normal', () => {
    for (const normal of [
      [0, 0, 2],
      [1, 2, -3],
      [-0.2, 5, 0.1],
      [1e-3, 0, 0],
    ] as Vec3[]) {
      const [u, v] = planeAxes(normal);
      const n = normal.map((x) => x / Math.hypot(...normal)) as unknown as Vec3;
      expect(dot(u, u)).toBeCloseTo(1, 14);
      expect(dot(v, v)).toBeCloseTo(1, 14);
      expect(dot(u, v)).toBeCloseTo(0, 14);
      cross(u, v).forEach((x, i) => expect(x).toBeCloseTo(n[i], 14));
    }
    expect(planeAxes('xz')).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(() => planeAxes([0, 0, 0])).toThrow(RangeError);
  });

  it('have the unit normal u × v: +z, −y, +x for the Cartesian planes, the given direction otherwise', () => {
    expect(planeNormal('xy')).toEqual([0, 0, 1]);
    expect(planeNormal('xz').map((x) => x + 0)).toEqual([0, -1, 0]);
    expect(planeNormal('yz')).toEqual([1, 0, 0]);
    const n = planeNormal([3, 0, -4]);
    [0.6, 0, -0.8].forEach((x, i) => expect(n[i]).toBeCloseTo(x, 15));
  });

  it('put pixel centres on a regular grid through the centre, row by row along v', () => {
    const slice = sliceGrid('yz', 2, 4);
    // Pixel (row 0, col 0) at (−1.5, −1.5) in (u, v) = (y, z); (row 1, col 2) at (0.5, −0.5).
    const at = (pixel: number) => [...slice.points.subarray(3 * pixel, 3 * pixel + 3)].map((x) => x + 0);
    expect(at(0)).toEqual([0, -1.5, -1.5]);
    expect(at(6)).toEqual([0, 0.5, -0.5]);
    expect(slice.points.length).toBe(3 * 16);
  });

  it('integrate the volume and r² of the ball exactly', () => {
    const { weights, points } = ballQuadrature(2.5);
    const volume = weights.reduce((a, b) => a + b, 0);
    const r2 = weights.reduce(
      (s, w, q) => s + w * (points[3 * q] ** 2 + points[3 * q + 1] ** 2 + points[3 * q + 2] ** 2),
      0,
    );
    expect(volume).toBeCloseTo((4 / 3) * Math.PI * 2.5 ** 3, 10);
    expect(r2).toBeCloseTo((4 * Math.PI * 2.5 ** 5) / 5, 10);
  });

  it('measure relative L2 errors where the approximation is defined, reading one column of a table', () => {
    const exact = [3, 4, 100];
    // Columns: [approximation 1, approximation 2] per point; the third point is outside (NaN).
    const table = [3, 0, 4, 4, Number.NaN, Number.NaN];
    expect(relativeL2Error(exact, table, { stride: 2, offset: 0 })).toBeCloseTo(0, 15);
    expect(relativeL2Error(exact, table, { stride: 2, offset: 1 })).toBeCloseTo(3 / 5, 15);
    expect(relativeL2Error([1, 1], [2, 1], { weights: [3, 1] })).toBeCloseTo(Math.sqrt(3 / 4), 15);
  });
});
