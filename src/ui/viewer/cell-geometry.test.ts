import { describe, expect, it } from 'vitest';
import type { Cell } from '../../chem/structure.ts';
import { cellEdges, imageShifts, type Point } from './cell-geometry.ts';

// A triclinic cell: no two lattice vectors orthogonal or of equal length.
const a: Point = [4, 0, 0];
const b: Point = [1.2, 3.5, 0];
const c: Point = [0.7, -0.9, 5.1];
const TRICLINIC: Cell = [...a, ...b, ...c];
const norm = (v: readonly number[]) => Math.hypot(...v);
const sub = (p: Point, q: Point) => [p[0] - q[0], p[1] - q[1], p[2] - q[2]];

describe('cell edges', () => {
  const edges = cellEdges(TRICLINIC);

  it('has 12 edges, four parallel to each lattice vector', () => {
    expect(edges).toHaveLength(12);
    for (const v of [a, b, c]) {
      const parallel = edges.filter(([p, q]) => {
        const d = sub(q, p);
        return (
          Math.abs(norm(d) - norm(v)) < 1e-12 &&
          d.every((x, i) => Math.abs(Math.abs(x) - Math.abs(v[i])) < 1e-12)
        );
      });
      expect(parallel).toHaveLength(4);
    }
  });

  it('meets every corner of the cell exactly three times', () => {
    const corners = [0, 1].flatMap((i) =>
      [0, 1].flatMap((j) => [0, 1].map((k) => [0, 1, 2].map((d) => i * a[d] + j * b[d] + k * c[d]))),
    );
    const key = (p: readonly number[]) => p.map((x) => x.toFixed(9)).join(',');
    const counts = new Map<string, number>();
    for (const [p, q] of edges)
      for (const end of [p, q]) counts.set(key(end), (counts.get(key(end)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(corners.map(key).sort());
    expect([...counts.values()]).toEqual(Array(8).fill(3));
  });

  it('has no edge twice', () => {
    const key = ([p, q]: [Point, Point]) =>
      [p, q]
        .map((e) => e.join(','))
        .sort()
        .join('|');
    expect(new Set(edges.map(key)).size).toBe(12);
  });
});

describe('image shifts', () => {
  it('counts (2r + 1)^k − 1 shifts for k periodic directions', () => {
    const cases: [[boolean, boolean, boolean], number, number][] = [
      [[true, true, true], 1, 26],
      [[true, true, false], 1, 8],
      [[true, true, false], 2, 24],
      [[false, true, false], 3, 6],
      [[false, false, false], 2, 0],
      [[true, true, true], 0, 0],
    ];
    for (const [pbc, repeats, count] of cases)
      expect(imageShifts(TRICLINIC, pbc, repeats)).toHaveLength(count);
  });

  it('gives distinct, non-zero integer combinations within the repeats, none along a non-periodic direction', () => {
    const shifts = imageShifts(TRICLINIC, [true, false, true], 2);
    // Solve n_a·a + n_b·b + n_c·c = s for (n_a, n_b, n_c) by Cramer's rule.
    const det = (u: readonly number[], v: readonly number[], w: readonly number[]) =>
      u[0] * (v[1] * w[2] - v[2] * w[1]) -
      u[1] * (v[0] * w[2] - v[2] * w[0]) +
      u[2] * (v[0] * w[1] - v[1] * w[0]);
    const volume = det(a, b, c);
    const seen = new Set<string>();
    for (const s of shifts) {
      const n = [det(s, b, c), det(a, s, c), det(a, b, s)].map((x) => x / volume);
      for (const x of n) expect(Math.abs(x - Math.round(x))).toBeLessThan(1e-9);
      const [na, nb, nc] = n.map(Math.round);
      expect(nb).toBe(0);
      expect(Math.max(Math.abs(na), Math.abs(nc))).toBeLessThanOrEqual(2);
      expect(na !== 0 || nc !== 0).toBe(true);
      seen.add(`${na},${nc}`);
    }
    expect(seen.size).toBe(24);
  });

  it('places an in-plane image of a slab one lattice vector away', () => {
    const slab: Cell = [17.55, 0, 0, 0, 17.55, 0, 0, 0, 40];
    const shifts = imageShifts(slab, [true, true, false], 1);
    expect(shifts).toContainEqual([17.55, 0, 0]);
    expect(shifts).toContainEqual([-17.55, 17.55, 0]);
    expect(shifts.every((s) => s[2] === 0)).toBe(true);
  });

  it('refuses a negative or fractional number of repeats', () => {
    expect(() => imageShifts(TRICLINIC, [true, true, true], -1)).toThrow(RangeError);
    expect(() => imageShifts(TRICLINIC, [true, true, true], 1.5)).toThrow(RangeError);
  });
});
