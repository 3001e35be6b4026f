import { afterEach, describe, expect, it } from 'vitest';
import { makeStructure, type Structure } from '../chem/structure.ts';
import { seededRandom } from '../util/random.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import {
  ewaldFarField,
  farFieldInputOf,
  farFieldOf,
  phaseTables,
  reciprocalWaves,
  structureFactors,
  type FarFieldRequest,
} from './ewald.ts';
import { speciesChannels } from './expansion.ts';
import { validateHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import { radialTables } from './radial-tables.ts';
import {
  setSimdStructureFactors,
  simdStructureFactors,
  simdStructureFactorsEnabled,
} from './structure-factors-simd.ts';
import { slabWithWater } from './testing/periodic-fixtures.ts';

const random = seededRandom(17);

/** A triclinic bulk cell of 12 atoms, four species. */
function triclinicBulk(): Structure {
  const names = ['Na', 'Cl', 'Li', 'O'];
  const positions = Array.from({ length: 36 }, () => 5 * random());
  return makeStructure(
    Array.from({ length: 12 }, (_, j) => names[j % names.length]),
    positions,
    { cell: [5.3, 0.2, -0.3, 0.9, 5.0, 0.4, -0.6, 0.5, 5.6], pbc: [true, true, true] },
  );
}

/** The structure with every atom moved by up to `amount` Å along each axis (off the lattice). */
function shaken(structure: Structure, amount: number): Structure {
  const positions = structure.positions.map((x) => x + amount * (2 * random() - 1));
  return makeStructure(structure.species, positions, { cell: structure.cell!, pbc: structure.pbc! });
}

interface Case {
  readonly lMax: number;
  readonly sources?: readonly number[];
  readonly options?: EwaldOptions;
}

function requestOf(structure: Structure, { lMax, sources, options = {} }: Case): FarFieldRequest {
  const species = [...new Set(structure.species)].sort();
  const hypers = validateHypers({ cutoff: 3, sigma: 0.3, nMax: 2, lMax, species });
  const atoms = structure.species.length;
  return {
    lattice: latticeOf(structure)!,
    structure,
    channels: speciesChannels(structure, hypers),
    centres: [0, atoms - 1],
    ...(sources && { sources }),
    hypers,
    nearRange: radialTables(hypers).potential.rangeEnd,
    options,
  };
}

/** The structure factors by ewald.ts's loops and by the kernels, and the waves they are over. */
function bothFactors(structure: Structure, parameters: Case) {
  const input = farFieldInputOf(requestOf(structure, parameters));
  const waves = reciprocalWaves(input.lattice, input.parameters, input.lMax);
  const tables = phaseTables(input.positions, waves.duals, waves.bounds);
  const sources = input.sources ?? structure.species.map((_, j) => j);
  const args = [waves, tables, sources, input.channels, input.speciesCount] as const;
  return { waves, typescript: structureFactors(...args), simd: simdStructureFactors(...args) };
}

/** The whole far field with the kernels off (ewald.ts's loops) and on. */
function bothFarFields(structure: Structure, parameters: Case) {
  const request = requestOf(structure, parameters);
  setSimdStructureFactors(false);
  const typescript = farFieldOf(request).multipoles;
  setSimdStructureFactors(true);
  return { typescript, simd: farFieldOf(request).multipoles };
}

/** Bit for bit: the same doubles, zero signs included. */
function expectSameBits(typescript: Float64Array, simd: Float64Array) {
  expect(new Uint8Array(simd.buffer)).toEqual(new Uint8Array(typescript.buffer));
}

afterEach(() => setSimdStructureFactors(true));

const slab = slabWithWater(2.5);
const bulk = triclinicBulk();
const structures = [
  ['a slab with water', slab],
  ['the slab with its atoms off the lattice', shaken(slab, 0.05)],
  ['a triclinic bulk, four species', bulk],
] as const;

it('runs here (WebAssembly SIMD in Node and Chromium)', () => {
  expect(simdStructureFactorsEnabled()).toBe(true);
});

describe('the structure factors on the WebAssembly SIMD kernels equal the TypeScript loops bit for bit', () => {
  for (const [name, structure] of structures) {
    const atoms = structure.species.length;
    const subsets = [
      ['every source', undefined],
      ['a subset of the sources', Array.from({ length: atoms }, (_, j) => j).filter((j) => j % 3 !== 1)],
      ['one source', [atoms - 2]],
    ] as const;
    for (const [which, sources] of subsets) {
      it(`${name}, ${which}`, () => {
        const { typescript, simd } = bothFactors(structure, { lMax: 2, ...(sources && { sources }) });
        expect(typescript.re.length).toBeGreaterThan(0);
        expect(typescript.re.some((x) => x !== 0)).toBe(true);
        expectSameBits(typescript.re, simd.re);
        expectSameBits(typescript.im, simd.im);
      });
    }
  }

  it('over planes of odd and even lengths, and a slab with steps m > 1 along the normal', () => {
    const lengths = [slab, bulk].flatMap((structure) => {
      const { waves, typescript, simd } = bothFactors(structure, { lMax: 2 });
      expectSameBits(typescript.re, simd.re);
      expectSameBits(typescript.im, simd.im);
      return Array.from(waves.planes.subarray(1), (end, p) => end - waves.planes[p]);
    });
    expect(lengths.some((n) => n % 2 === 1)).toBe(true);
    expect(lengths.some((n) => n % 2 === 0)).toBe(true);
    // A thin slab in a tall sum cell: in-plane waves of large |k∥| take every m-th k_z only.
    const { waves, typescript, simd } = bothFactors(slab, { lMax: 2, options: { eta: 2 } });
    const n2 = (k: number) => waves.indices[3 * k + 2];
    const steps = Array.from(waves.planes.subarray(0, -1), (first, p) =>
      waves.planes[p + 1] - first > 1 ? n2(first + 1) - n2(first) : 1,
    );
    expect(steps.some((step) => step > 1)).toBe(true);
    expectSameBits(typescript.re, simd.re);
    expectSameBits(typescript.im, simd.im);
  });

  it('without waves (a splitting so wide that no k is under the cutoff)', () => {
    const { typescript, simd } = bothFactors(bulk, { lMax: 2, options: { eta: 40 } });
    expect(typescript.re.length).toBe(0);
    expectSameBits(typescript.re, simd.re);
    expectSameBits(typescript.im, simd.im);
  });
});

describe('the far field with the kernels equals that of the TypeScript loops bit for bit', () => {
  for (const [name, structure] of structures) {
    for (const lMax of [0, 4]) {
      it(`${name}, l_max ${lMax}`, () => {
        const { typescript, simd } = bothFarFields(structure, { lMax });
        expect(typescript.some((x) => x !== 0)).toBe(true);
        expectSameBits(typescript, simd);
      });
    }
  }

  it('over a subset of the sources and over one source, with the far field given in parts', () => {
    const atoms = slab.species.length;
    for (const sources of [Array.from({ length: atoms }, (_, j) => j).filter((j) => j % 2 === 0), [5]]) {
      const { typescript, simd } = bothFarFields(shaken(slab, 0.02), { lMax: 4, sources });
      expectSameBits(typescript, simd);
    }
    const input = farFieldInputOf(requestOf(bulk, { lMax: 3, sources: [1, 2, 7] }));
    const parts = { farPairs: false };
    setSimdStructureFactors(false);
    const typescript = ewaldFarField(input, parts).multipoles;
    setSimdStructureFactors(true);
    expectSameBits(typescript, ewaldFarField(input, parts).multipoles);
  });
});
