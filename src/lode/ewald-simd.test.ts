import { afterEach, describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import { seededRandom } from '../util/random.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import {
  ewaldFarField,
  ewaldFarFieldSteps,
  farFieldInputOf,
  farFieldOf,
  type FarFieldParts,
} from './ewald.ts';
import { setSimdEwald, simdEwaldEnabled } from './ewald-simd.ts';
import { speciesChannels } from './expansion.ts';
import { validateHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import { radialTables } from './radial-tables.ts';

const random = seededRandom(41);
const species = ['H', 'Li', 'O'];

/** A crystal of `cells` (n0 × n1 × n2) copies of a basis (fractional coordinates), species cycling through H, Li, O. */
function crystal(
  unit: Cell,
  basis: readonly (readonly [number, number, number])[],
  cells: readonly [number, number, number],
  pbc: readonly [boolean, boolean, boolean],
): Structure {
  const names: string[] = [];
  const positions: number[] = [];
  for (let a = 0; a < cells[0]; a++) {
    for (let b = 0; b < cells[1]; b++) {
      for (let c = 0; c < cells[2]; c++) {
        for (const [u, v, w] of basis) {
          const f = [a + u, b + v, c + w];
          for (let x = 0; x < 3; x++)
            positions.push(f[0] * unit[x] + f[1] * unit[3 + x] + f[2] * unit[6 + x]);
          names.push(species[names.length % species.length]);
        }
      }
    }
  }
  // A slab's cell is not periodic along its third vector: the vacuum above the atoms.
  const vacuum = pbc[2] ? 1 : 3;
  const cell = unit.map((v, k) => v * cells[Math.floor(k / 3)] * (k >= 6 ? vacuum : 1)) as unknown as Cell;
  return makeStructure(names, positions, { cell, pbc });
}

/** The structure with every atom moved by up to `amount` Å along each axis: no displacement repeats. */
function shaken(structure: Structure, amount: number): Structure {
  const positions = structure.positions.map((x) => x + amount * (2 * random() - 1));
  return makeStructure(structure.species, positions, { cell: structure.cell!, pbc: structure.pbc! });
}

const cubic: Cell = [3.4, 0, 0, 0, 3.4, 0, 0, 0, 3.4];
const triclinic: Cell = [3.1, 0.2, -0.3, 0.6, 3.3, 0.4, -0.4, 0.5, 3.6];
const bcc = [
  [0, 0, 0],
  [0.5, 0.5, 0.5],
] as const;
const slab = crystal(cubic, bcc, [3, 3, 2], [true, true, false]);
const bulk = crystal(triclinic, bcc, [2, 2, 2], [true, true, true]);

interface Case {
  readonly lMax: number;
  readonly centres?: readonly number[];
  readonly sources?: readonly number[];
  readonly options?: EwaldOptions;
  readonly parts?: FarFieldParts;
}

/** The far-field request of a case. */
function requestOf(structure: Structure, { lMax, centres, sources, options = {} }: Case) {
  const hypers = validateHypers({ cutoff: 3, sigma: 0.4, nMax: 2, lMax, species });
  return {
    lattice: latticeOf(structure)!,
    structure,
    channels: speciesChannels(structure, hypers),
    centres: centres ?? structure.species.map((_, i) => i),
    ...(sources && { sources }),
    hypers,
    nearRange: radialTables(hypers).potential.rangeEnd,
    options,
  };
}

/** The far field's multipoles with the kernels off (ewald.ts's loops) and on. */
function bothWays(structure: Structure, parameters: Case) {
  const { parts } = parameters;
  const request = requestOf(structure, parameters);
  const run = () =>
    parts ? ewaldFarField(farFieldInputOf(request), parts).multipoles : farFieldOf(request).multipoles;
  setSimdEwald(false);
  const typescript = run();
  setSimdEwald(true);
  return { typescript, simd: run() };
}

/** Bit for bit: the same doubles, zero signs included, and not all zero. */
function expectSameBits({ typescript, simd }: { typescript: Float64Array; simd: Float64Array }) {
  expect(new Uint8Array(simd.buffer)).toEqual(new Uint8Array(typescript.buffer));
  expect(typescript.some((x) => x !== 0)).toBe(true);
}

afterEach(() => setSimdEwald(true));

it('runs here (WebAssembly SIMD in Node and Chromium)', () => {
  expect(simdEwaldEnabled()).toBe(true);
});

describe('the real-space sums on the WebAssembly SIMD kernels equal the TypeScript loops bit for bit', () => {
  const structures = [
    ['a slab crystal (repeated displacements)', slab],
    ['a bulk crystal, triclinic', bulk],
    ['the slab with its atoms off the lattice', shaken(slab, 0.05)],
    ['the bulk crystal with its atoms off the lattice', shaken(bulk, 0.05)],
  ] as const;
  // l ≤ 4: the closed-form harmonics; 5, 6: the recursion.
  for (const [name, structure] of structures) {
    for (const lMax of [0, 1, 2, 3, 4, 5, 6]) {
      it(`${name}, l_max ${lMax}`, () => expectSameBits(bothWays(structure, { lMax })));
    }
  }

  it('for centres that are sources and centres that are not, and sources that are not centres', () => {
    for (const [structure, lMax] of [
      [shaken(slab, 0.02), 4],
      [bulk, 3],
      [bulk, 6],
    ] as const) {
      const atoms = structure.species.length;
      const centres = [0, 3, 4, 9, atoms - 1];
      const sources = Array.from({ length: atoms }, (_, j) => j).filter((j) => j % 3 !== 0);
      expectSameBits(bothWays(structure, { lMax, centres, sources }));
    }
  });

  it('with near images beyond the series of E_l (erfc and exp at α·s ≥ 2), with and without far pairs', () => {
    const options = { eta: 0.8 };
    for (const structure of [bulk, shaken(slab, 0.02)]) {
      expectSameBits(bothWays(structure, { lMax: 4, options }));
      expectSameBits(bothWays(structure, { lMax: 6, options }));
      expectSameBits(
        bothWays(structure, { lMax: 4, options, parts: { farPairs: false, reciprocal: false } }),
      );
    }
  });

  it('beyond the displacements kept (more distinct displacements than the table holds)', () => {
    const atoms = 140;
    const box: Cell = [9, 0, 0, 0, 9.5, 0, 0.5, 0, 10];
    const positions = Array.from({ length: 3 * atoms }, () => 9 * random());
    const names = Array.from({ length: atoms }, (_, j) => species[j % species.length]);
    const structure = makeStructure(names, positions, { cell: box, pbc: [true, true, true] });
    expectSameBits(bothWays(structure, { lMax: 1, parts: { farPairs: false, reciprocal: false } }));
  });

  it('for far fields summed step by step in turn (each holds kernels of its own)', () => {
    const inputs = [slab, bulk].map((structure) => farFieldInputOf(requestOf(structure, { lMax: 4 })));
    setSimdEwald(false);
    const typescript = inputs.map((input) => ewaldFarField(input).multipoles);
    setSimdEwald(true);
    const steps = inputs.map((input) => ewaldFarFieldSteps(input));
    const simd: (Float64Array | undefined)[] = inputs.map(() => undefined);
    while (simd.includes(undefined)) {
      steps.forEach((generator, k) => {
        if (simd[k]) return;
        const step = generator.next();
        if (step.done) simd[k] = step.value.multipoles;
      });
    }
    simd.forEach((multipoles, k) => expectSameBits({ typescript: typescript[k], simd: multipoles! }));
  });
});
