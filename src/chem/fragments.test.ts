import { describe, expect, it } from 'vitest';
import { bondedFragments, splitFragments } from './fragments.ts';
import { makeStructure } from './structure.ts';

describe('bonded fragments', () => {
  it('splits a dimer into its molecules by covalent connectivity', () => {
    const dimer = makeStructure(
      ['O', 'H', 'H', 'C', 'O', 'O'],
      [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0, 4, 0, 0, 4, 0, 1.16, 4, 0, -1.16],
    );
    const labels = bondedFragments(dimer);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 1]);
    const [a, b] = splitFragments(dimer, labels);
    expect(a.species).toEqual(['O', 'H', 'H']);
    expect(Array.from(b.positions)).toEqual([4, 0, 0, 4, 0, 1.16, 4, 0, -1.16]);
    // Bring CO2 within bonding distance of the water H: one molecule.
    const close = makeStructure(
      dimer.species,
      dimer.positions.map((v, i) => (i >= 9 && i % 3 === 0 ? v - 2.4 : v)),
    );
    expect(Math.max(...bondedFragments(close))).toBe(0);
  });

  it('refuses an unknown element rather than guessing its radius', () => {
    expect(() => bondedFragments(makeStructure(['O', 'Xx'], [0, 0, 0, 1, 0, 0]))).toThrow(RangeError);
  });
});
