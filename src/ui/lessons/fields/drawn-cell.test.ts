import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../chem/structure.ts';
import { drawnCell } from './drawn-cell.ts';

const BULK: Cell = [4, 0, 0, 1, 4, 0, 0.5, 0.5, 4];

describe('the drawn cell', () => {
  it('is the cell of a bulk structure, and none for a cluster', () => {
    const positions = Float64Array.of(0, 0, 0, 1, 1, 1);
    expect(drawnCell({ positions, cell: BULK, pbc: [true, true, true] })).toEqual(BULK);
    expect(drawnCell({ positions })).toBeNull();
  });

  it('ends a slab’s tilted open vector 1 Å (along it) above the highest atom', () => {
    // c = (3, 0, 40): |c| = √1609; the highest atom at height 8 lies at 8/40 of c, 1 Å more is 1/√1609 of it.
    const cell: Cell = [5, 0, 0, 0, 5, 0, 3, 0, 40];
    const positions = Float64Array.of(0, 0, 0, 2, 2, 8, 1, 1, 4);
    const drawn = drawnCell({ positions, cell, pbc: [true, true, false] })!;
    const scale = 8 / 40 + 1 / Math.hypot(3, 40);
    expect(drawn.slice(0, 6)).toEqual(cell.slice(0, 6));
    [3 * scale, 0, 40 * scale].forEach((x, k) => expect(drawn[6 + k]).toBeCloseTo(x, 12));
    // Atoms beyond the cell's top: the drawn cell reaches above them all the same.
    const above = drawnCell({ positions: Float64Array.of(0, 0, 48), cell, pbc: [true, true, false] })!;
    expect(above[8]).toBeCloseTo(48 + 40 / Math.hypot(3, 40), 12);
  });
});
