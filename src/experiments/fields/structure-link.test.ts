import { describe, expect, it } from 'vitest';
import { randomCluster } from '../../chem/builders.ts';
import { decodeStructure, encodeStructure, LINK_STRUCTURE_LIMIT } from './structure-link.ts';

const cluster = (atoms: number) => {
  const s = randomCluster({ atoms, species: ['H', 'C', 'N', 'O'], density: 0.1, minDistance: 0.8, seed: 7 });
  return { species: s.species, positions: [...s.positions] };
};

describe('structures in links', () => {
  it('come back with their species and positions to 1e−4 Å, in link-safe characters', async () => {
    const structure = cluster(50);
    const text = await encodeStructure(structure);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = await decodeStructure(text);
    expect(back.species).toEqual(structure.species);
    back.positions.forEach((x, i) => expect(Math.abs(x - structure.positions[i]!)).toBeLessThanOrEqual(5e-5));
    // Encoding what a link reproduces gives the same link.
    expect(await encodeStructure(back)).toBe(text);
  });

  it('carry a periodic structure’s cell and pbc flags, to 1e−4 Å', async () => {
    const cell = [4.10004, 0, 0, 1.23456789, 4.3, 0, 0.5, 0.8, 20] as const;
    const structure = { ...cluster(5), cell, pbc: [true, true, false] as const };
    const text = await encodeStructure(structure);
    const back = await decodeStructure(text);
    expect(back.pbc).toEqual([true, true, false]);
    expect(back.cell).toEqual([4.1, 0, 0, 1.2346, 4.3, 0, 0.5, 0.8, 20]);
    expect(back.species).toEqual(structure.species);
    expect(await encodeStructure(back)).toBe(text);
    // A cluster's link has no cell.
    expect((await decodeStructure(await encodeStructure(cluster(5)))).cell).toBeUndefined();
  });

  it('fit a few hundred atoms within the limit', async () => {
    expect((await encodeStructure(cluster(300))).length).toBeLessThan(LINK_STRUCTURE_LIMIT);
    expect((await encodeStructure(cluster(1000))).length).toBeGreaterThan(LINK_STRUCTURE_LIMIT);
  });

  it('say when a link’s structure is damaged', async () => {
    const text = await encodeStructure(cluster(5));
    await expect(decodeStructure(text.slice(0, 10))).rejects.toThrow(/damaged/);
    await expect(decodeStructure('')).rejects.toThrow(/damaged/);
    const cell = [1, 0, 0, 0, 1, 0, 0, 0, Number.NaN] as const;
    const unreadable = await encodeStructure({ ...cluster(2), cell, pbc: [true, true, true] });
    await expect(decodeStructure(unreadable)).rejects.toThrow(/damaged \(its cell\)/);
  });
});
