import { describe, expect, it } from 'vitest';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import { classBalancedOrder, dimerClass, prepareDimer } from './ssi.ts';

const mol = (species: string[], charge = 0, shift = 0): MoleculeJson => ({
  species,
  positions: species.flatMap((_, i) => [i + shift + 0.000049, 0, 0]),
  charge,
});

describe('SSI preparation', () => {
  it('classifies charged, polar (N, O, S) and apolar monomers, charged first', () => {
    expect(dimerClass(mol(['C', 'H']), mol(['O'], -1))).toBe('CA');
    expect(dimerClass(mol(['S', 'C']), mol(['C', 'H']))).toBe('PA');
    expect(dimerClass(mol(['N']), mol(['N'], 1))).toBe('CP');
  });

  it('rounds coordinates to 1e-4 Å and points from A to B', () => {
    const dimer = prepareDimer({ id: 'x', a: mol(['C', 'H']), b: mol(['O'], 0, 5) });
    expect(dimer.a.positions[0]).toBe(0);
    expect(dimer.direction).toEqual([1, 0, 0]);
  });

  it('interleaves the classes reproducibly', () => {
    const items = ['AA', 'AA', 'AA', 'CC', 'PP'].map((cls, i) => ({
      id: String(i),
      class: cls as 'AA' | 'CC' | 'PP',
    }));
    const order = classBalancedOrder(items);
    expect(order.slice(0, 3).map((x) => x.class)).toEqual(['CC', 'PP', 'AA']);
    expect(classBalancedOrder(items)).toEqual(order);
  });
});
