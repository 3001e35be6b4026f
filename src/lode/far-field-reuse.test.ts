/** The far field over subsets of sources, and its reuse along structures whose atoms mostly stay put. */
import { describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import { ewaldFarField, farFieldInputOf, farFieldOf, type FarFieldRequest } from './ewald.ts';
import { channelsOf } from './expansion.ts';
import { createFarFieldReuse, type FarFieldReuse } from './far-field-reuse.ts';
import { computeFeatures } from './features.ts';
import { validateHypers, type LodeHypers } from './hypers.ts';
import { latticeOf } from './lattice.ts';
import { SLAB_SIDE, slabWithWater } from './testing/periodic-fixtures.ts';
import { maxRelativeDifference } from './testing/relative-difference.ts';

/** A triclinic NaCl-like bulk cell with 4 atoms, the last one moved by `shift` along x. */
function bulk(shift: number): Structure {
  return makeStructure(
    ['Na', 'Cl', 'Na', 'Cl'],
    [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2, 1.0 + shift, 0.5, 1.5],
    { cell: [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6], pbc: [true, true, true] },
  );
}

const slabHypers: LodeHypers = { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 3, species: ['H', 'Li', 'O'] };
const bulkHypers: LodeHypers = { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 3, species: ['Na', 'Cl'] };
const NEAR_RANGE = 3 + 6 * 0.3;
/** Sums converged far beyond the 1e−9 compared, so that parts with different η agree to that. */
const TIGHT = { accuracy: 1e-13 };

function requestOf(structure: Structure, hypers: LodeHypers, centres?: number[]): FarFieldRequest {
  const atoms = structure.species.length;
  return {
    lattice: latticeOf(structure)!,
    structure,
    channels: channelsOf(structure.species, hypers.species),
    centres: centres ?? Array.from({ length: atoms }, (_, j) => j),
    hypers: validateHypers(hypers),
    nearRange: NEAR_RANGE,
    options: TIGHT,
  };
}

function run(reuse: FarFieldReuse, request: FarFieldRequest) {
  const steps = reuse.steps(request);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

describe('far field over a subset of the sources', () => {
  it.each([
    ['slab with water', slabWithWater(2.5), slabHypers],
    ['triclinic bulk', bulk(0), bulkHypers],
  ] as const)('%s: two disjoint parts with their own η add up to the whole', (_, structure, hypers) => {
    const request = requestOf(structure, hypers);
    const atoms = structure.species.length;
    // Every third atom against the rest: pairs of centres fall within a part and across the two.
    const first = Array.from({ length: atoms }, (_, j) => j).filter((j) => j % 3 === 0);
    const second = Array.from({ length: atoms }, (_, j) => j).filter((j) => j % 3 !== 0);
    const part = (sources: number[], eta: number) =>
      ewaldFarField(farFieldInputOf({ ...request, sources, options: { ...TIGHT, eta } }));
    const whole = farFieldOf({ ...request, options: { ...TIGHT, eta: 1.5 } });
    const a = part(first, 0.9);
    const b = part(second, 2.2);
    const sum = a.multipoles.map((x, k) => x + b.multipoles[k]);
    expect(maxRelativeDifference(sum, whole.multipoles)).toBeLessThan(1e-9);
    const curvature = a.curvature.map((x, k) => x + b.curvature[k]);
    expect(maxRelativeDifference(curvature, whole.curvature) || 0).toBeLessThan(1e-12);
  });
});

describe('createFarFieldReuse', () => {
  it('along a water moved over a fixed slab: equals each structure alone, and reuses the slab part', () => {
    const reuse = createFarFieldReuse();
    const heights = [2, 2.5, 3, 4, 6];
    for (const [k, height] of heights.entries()) {
      const request = requestOf(slabWithWater(height), slabHypers);
      const reused = run(reuse, request);
      expect(maxRelativeDifference(reused.multipoles, farFieldOf(request).multipoles)).toBeLessThan(1e-9);
      // The first structure has nothing to compare with, the second keeps the slab's part, the others reuse it.
      expect(reuse.reused).toBe(Math.max(0, k - 1));
    }
  });

  it('with the slab atoms as the only centres; with the water as the only centres, each structure whole', () => {
    const atoms = slabWithWater(2).species.length;
    const waterCentres = [atoms - 3, atoms - 2, atoms - 1];
    const slabCentres = Array.from({ length: atoms - 3 }, (_, j) => j).filter((j) => j % 2 === 0);
    for (const [centres, reusedAfter] of [
      [slabCentres, 1],
      // No centre stays put: nothing is worth keeping, and each far field has the bits of the structure alone.
      [waterCentres, 0],
    ] as const) {
      const reuse = createFarFieldReuse();
      for (const height of [2, 3, 4]) {
        const request = requestOf(slabWithWater(height), slabHypers, centres);
        const reused = run(reuse, request);
        const direct = farFieldOf(request).multipoles;
        if (reusedAfter === 0) expect(Array.from(reused.multipoles)).toEqual(Array.from(direct));
        else expect(maxRelativeDifference(reused.multipoles, direct)).toBeLessThan(1e-9);
      }
      expect(reuse.reused).toBe(reusedAfter);
    }
  });

  it('bulk: one atom moving, the background of each part follows its own sources', () => {
    const reuse = createFarFieldReuse();
    for (const shift of [0, 0.3, 0.6, 0.9]) {
      const request = requestOf(bulk(shift), bulkHypers);
      const reused = run(reuse, request);
      const direct = farFieldOf(request);
      expect(maxRelativeDifference(reused.multipoles, direct.multipoles)).toBeLessThan(1e-9);
      expect(maxRelativeDifference(reused.curvature, direct.curvature)).toBeLessThan(1e-12);
    }
    expect(reuse.reused).toBe(2);
  });

  it('starts over when a kept atom moves or the cell changes', () => {
    const reuse = createFarFieldReuse();
    const moved = slabWithWater(4);
    const shifted = new Float64Array(moved.positions);
    shifted[0] += 0.1; // a slab atom
    const wider: Cell = [SLAB_SIDE, 0, 0, 0, SLAB_SIDE * 1.01, 0, 0, 0, 40];
    const sequence = [
      slabWithWater(2),
      slabWithWater(3),
      makeStructure(moved.species, Array.from(shifted), { cell: moved.cell, pbc: moved.pbc }),
      slabWithWater(5, wider),
    ];
    for (const structure of sequence) {
      const request = requestOf(structure, slabHypers);
      const reused = run(reuse, request);
      expect(maxRelativeDifference(reused.multipoles, farFieldOf(request).multipoles)).toBeLessThan(1e-9);
    }
    expect(reuse.reused).toBe(0);
  });

  it('after a structure computed whole, starts afresh: an older kept part is not taken up again', () => {
    // Slab atom 0 is the only centre: kept with the slab at 3 Å, moved away at 4 Å, back in place at 5 Å, where a
    // kept part from 3 Å would fit again. The far field at 5 Å must not depend on what came before 4 Å.
    const away = slabWithWater(4);
    const moved = Float64Array.from(away.positions);
    moved[0] += 0.2;
    const sequence = [
      slabWithWater(2),
      slabWithWater(3),
      makeStructure(away.species, Array.from(moved), { cell: away.cell, pbc: away.pbc }),
      slabWithWater(5),
    ];
    const reuse = createFarFieldReuse();
    const last = sequence.map((structure) => run(reuse, requestOf(structure, slabHypers, [0]))).at(-1)!;
    const alone = run(createFarFieldReuse(), requestOf(sequence[3], slabHypers, [0]));
    expect(Array.from(last.multipoles)).toEqual(Array.from(alone.multipoles));
    expect(reuse.reused).toBe(0);
  });

  it('computeFeatures along a binding curve equals one structure per request', () => {
    const structures = [2, 2.5, 3.5].map((height) => slabWithWater(height));
    const request = { hypers: slabHypers, kinds: ['rho-V', 'V-V'], perAtom: true, ewald: TIGHT } as const;
    const together = computeFeatures({ ...request, structures });
    const width = together.invariants.length / structures.length;
    structures.forEach((structure, s) => {
      const alone = computeFeatures({ ...request, structures: [structure] });
      const row = together.invariants.subarray(s * width, (s + 1) * width);
      expect(maxRelativeDifference(row, alone.invariants)).toBeLessThan(1e-9);
    });
  });
});
