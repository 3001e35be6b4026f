import { afterEach, describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import { seededRandom } from '../util/random.ts';
import { farFieldOf } from './ewald.ts';
import { expandStructure, speciesChannels, type ExpansionInput } from './expansion.ts';
import { setSimdExpansion, simdExpansionEnabled } from './expansion-simd.ts';
import { validateHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables } from './radial-tables.ts';

const random = seededRandom(23);
const species = ['H', 'C', 'O'];

/** `atoms` random atoms in a box of `size` Å (distinct with probability 1). */
function randomAtoms(atoms: number, size: number, options?: Parameters<typeof makeStructure>[2]): Structure {
  return makeStructure(
    Array.from({ length: atoms }, () => species[Math.floor(random() * species.length)]),
    Array.from({ length: 3 * atoms }, () => size * random()),
    options,
  );
}

/** expandStructure's coefficients with the kernel off (the TypeScript loops) and on; every atom a centre by default. */
function bothWays(
  structure: Structure,
  options: {
    nMax: number;
    lMax: number;
    includeCenter: boolean;
    fields: readonly Field[];
    centres?: readonly number[];
  },
) {
  const { fields, centres = structure.species.map((_, i) => i), ...rest } = options;
  const hypers = validateHypers({ cutoff: 2.5, sigma: 0.4, species, ...rest });
  const all = radialTables(hypers);
  const channels = speciesChannels(structure, hypers);
  const lattice = latticeOf(structure);
  const nearRange = all.potential.rangeEnd;
  const farField =
    lattice && fields.includes('potential')
      ? farFieldOf({ lattice, structure, channels, centres, hypers, nearRange, options: {} })
      : null;
  const input: ExpansionInput = {
    structure,
    channels,
    centres,
    hypers,
    tables: new Map(fields.map((f) => [f, all[f]])),
    ...(lattice && { periodic: { lattice, farField } }),
  };
  setSimdExpansion(false);
  const typescript = expandStructure(input);
  setSimdExpansion(true);
  return { typescript, simd: expandStructure(input) };
}

/** Bit for bit: the same doubles, zero signs included. */
function expectSameBits(a: Map<Field, Float64Array>, b: Map<Field, Float64Array>) {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [field, values] of a) {
    expect(new Uint8Array(b.get(field)!.buffer)).toEqual(new Uint8Array(values.buffer));
    // Not all zeros: the comparison means something.
    expect(values.some((x) => x !== 0)).toBe(true);
  }
}

afterEach(() => setSimdExpansion(true));

it('runs here (WebAssembly SIMD in Node and Chromium)', () => {
  expect(simdExpansionEnabled()).toBe(true);
});

describe('the expansion on the WebAssembly SIMD kernel equals the TypeScript loops bit for bit', () => {
  // Odd n_max and odd n_max·(l_max + 1) leave one value past the kernel's pairs of lanes.
  const sizes = [
    [1, 0],
    [3, 2],
    [4, 3],
    [5, 4],
    [8, 4],
    [7, 6],
  ] as const;

  it.each(sizes)('n_max %i, l_max %i: a cluster with distant atoms (multipole tails)', (nMax, lMax) => {
    // 12 atoms in 10 Å: many pairs beyond the tables' end (4.9 Å), many within.
    const cluster = randomAtoms(12, 10);
    for (const includeCenter of [true, false]) {
      const { typescript, simd } = bothWays(cluster, {
        nMax,
        lMax,
        includeCenter,
        fields: ['density', 'potential'],
      });
      expectSameBits(typescript, simd);
    }
  });

  it('one field alone, either one', () => {
    const cluster = randomAtoms(8, 6);
    for (const field of ['density', 'potential'] as const) {
      const { typescript, simd } = bothWays(cluster, {
        nMax: 5,
        lMax: 3,
        includeCenter: true,
        fields: [field],
      });
      expectSameBits(typescript, simd);
    }
  });

  it.each([
    ['bulk', [true, true, true]],
    ['slab', [true, true, false]],
  ] as const)('a periodic %s (images within the tables, the far field beyond)', (_, pbc) => {
    const cell: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
    const crystal = randomAtoms(5, 4, { cell, pbc: [...pbc] });
    for (const includeCenter of [true, false]) {
      const { typescript, simd } = bothWays(crystal, {
        nMax: 3,
        lMax: 3,
        includeCenter,
        fields: ['density', 'potential'],
      });
      expectSameBits(typescript, simd);
    }
  });

  it('structures of different sizes and tables one after another (the kernel memory reused)', () => {
    for (const [atoms, nMax, lMax] of [
      [30, 4, 3],
      [2, 4, 3],
      [9, 6, 2],
      [30, 4, 3],
    ] as const) {
      const { typescript, simd } = bothWays(randomAtoms(atoms, 5), {
        nMax,
        lMax,
        includeCenter: true,
        fields: ['density', 'potential'],
      });
      expectSameBits(typescript, simd);
    }
  });
});

describe('the periodic pair loop on the kernel (expandCentre) equals the TypeScript loops bit for bit', () => {
  const triclinic: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
  const periodicities = [
    ['bulk', [true, true, true]],
    ['slab', [true, true, false]],
    ['slab periodic along a and c', [true, false, true]],
  ] as const;

  it.each([
    [1, 0],
    [3, 1],
    [5, 4],
    [4, 5],
    [7, 6],
  ] as const)('n_max %i, l_max %i: a triclinic bulk and slabs, with and without the centre', (nMax, lMax) => {
    // Positions beyond the cell too: the displacements need reducing by several cell vectors.
    const atoms = randomAtoms(6, 9);
    for (const [, pbc] of periodicities) {
      const crystal = makeStructure(atoms.species, atoms.positions, { cell: triclinic, pbc: [...pbc] });
      for (const includeCenter of [true, false]) {
        const { typescript, simd } = bothWays(crystal, {
          nMax,
          lMax,
          includeCenter,
          fields: ['density', 'potential'],
        });
        expectSameBits(typescript, simd);
      }
    }
  });

  it.each(periodicities)(
    'a %s with atoms on the cell faces, half a cell apart (Math.round ties) and at −0',
    (_, pbc) => {
      // In a 4 Å cube the fractional coordinates are exact: a − b = ±(2, 2, 2) is half a cell along every
      // vector, rounded up (+0.5 → 1, −0.5 → −0); −0 − 0 = −0 in x between the first and the last atom.
      const crystal = makeStructure(
        ['H', 'C', 'O', 'H', 'C', 'O'],
        [-0, -0, -0, 2, 2, 2, 4, 2, -0, 2, -0, 4, 1, 3, 2, 0, 1, 3],
        { cell: [4, 0, 0, 0, 4, 0, 0, 0, 4], pbc: [...pbc] },
      );
      for (const includeCenter of [true, false]) {
        const { typescript, simd } = bothWays(crystal, {
          nMax: 5,
          lMax: 3,
          includeCenter,
          fields: ['density', 'potential'],
        });
        expectSameBits(typescript, simd);
      }
    },
  );

  it('a subset of the atoms as centres, in any order, and one field alone', () => {
    const crystal = randomAtoms(7, 4, { cell: triclinic, pbc: [true, true, false] });
    for (const fields of [['density'], ['potential'], ['density', 'potential']] as const) {
      const { typescript, simd } = bothWays(crystal, {
        nMax: 4,
        lMax: 3,
        includeCenter: true,
        fields,
        centres: [5, 0, 3],
      });
      expectSameBits(typescript, simd);
    }
  });
});
