import { describe, expect, it } from 'vitest';
import { phaseTables } from './ewald.ts';
import type { Vec3 } from './lattice.ts';

/** cos/sin(n·2π g_k·r_j), entry by entry. */
function directTables(positions: number[], duals: Vec3[], bounds: number[]): number[][] {
  return duals.map((g, k) => {
    const row: number[] = [];
    for (let j = 0; j < positions.length / 3; j++) {
      const r = positions.slice(3 * j, 3 * j + 3);
      const theta = 2 * Math.PI * (g[0] * r[0] + g[1] * r[1] + g[2] * r[2]);
      for (let n = -bounds[k]; n <= bounds[k]; n++) row.push(Math.cos(n * theta), Math.sin(n * theta));
    }
    return row;
  });
}

describe('phase tables', () => {
  it('are cos and sin of every multiple of every phase, whichever atoms stayed where they were in the last call', () => {
    const duals: Vec3[] = [
      [0.2, 0, 0],
      [0.05, 0.25, 0],
      [0, 0, 0.01],
    ];
    const bounds = [2, 3, 7];
    const slab = [0, 0, 0, 1.7, 1.7, 0, 3.4, 0, -1.7];
    const before = [...slab, 1, 2, 5, 1.5, 2.5, 5.5];
    const after = [...slab, 1, 2, 5.25, 1.5, 2.5, 5.75, 0.3, 0.2, 6];
    for (const positions of [before, after, after.slice(0, 12), [...after.slice(3), 0, 0, 0]]) {
      const tables = phaseTables(Float64Array.from(positions), duals, bounds);
      expect(tables.map((t) => [...t])).toEqual(directTables(positions, duals, bounds));
    }
  });

  it('follow a change of one direction’s dual or bound, the others carrying over', () => {
    const positions = [0, 0, 0, 1.7, 1.7, 0, 3.4, 0, -1.7, 1, 2, 5];
    const inPlane: Vec3[] = [
      [0.2, 0, 0],
      [0, 0.2, 0],
    ];
    // A slab's sum cell growing along its normal, then a new in-plane dual with the same bound.
    const calls: [Vec3[], number[]][] = [
      [
        [...inPlane, [0, 0, 0.01]],
        [2, 2, 7],
      ],
      [
        [...inPlane, [0, 0, 0.012]],
        [2, 2, 7],
      ],
      [
        [...inPlane, [0, 0, 0.012]],
        [2, 2, 9],
      ],
      [
        [[0.21, 0, 0], inPlane[1], [0, 0, 0.012]],
        [2, 2, 9],
      ],
    ];
    for (const [duals, bounds] of calls) {
      const tables = phaseTables(Float64Array.from(positions), duals, bounds);
      expect(tables.map((t) => [...t])).toEqual(directTables(positions, duals, bounds));
    }
  });
});
