import { describe, expect, it } from 'vitest';
import { bondPairs } from './bonds.ts';
import { makeStructure } from './structure.ts';

describe('display bonds', () => {
  it('bonds water and CO2 internally, not to each other', () => {
    const s = makeStructure(
      ['O', 'H', 'H', 'C', 'O', 'O'],
      [0, 0, 0, 0.757, 0, 0.586, -0.757, 0, 0.586, 0, 0, 4, 0, 1.16, 4, 0, -1.16, 4],
    );
    expect(bondPairs(s)).toEqual([
      [0, 1],
      [0, 2],
      [3, 4],
      [3, 5],
    ]);
  });
});
