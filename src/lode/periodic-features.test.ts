/** Periodic features through computeFeatures: η independence, supercells, slabs, invariances (PHYSICS §5, §6.8). */
import { describe, expect, it } from 'vitest';
import { makeStructure, type Cell, type Structure } from '../chem/structure.ts';
import type { EwaldOptions } from './ewald-parameters.ts';
import { computeFeatures, type FeatureRequest } from './features.ts';
import type { LodeHypers } from './hypers.ts';
import { applyMatrix, randomRotation, type Matrix3 } from './testing/geometry.ts';
import { seededRandom } from '../util/random.ts';
import { maxRelativeDifference } from './testing/relative-difference.ts';

const hypers: LodeHypers = { cutoff: 3, sigma: 0.4, nMax: 3, lMax: 3, species: ['Na', 'Cl'] };
const triclinic: Cell = [4.3, 0.2, -0.3, 0.9, 4.0, 0.4, -0.6, 0.5, 4.6];
const species = ['Na', 'Cl', 'Na'];
const positions = [0.1, -0.2, 0.3, 2.4, 1.9, 2.2, -1.1, 3.0, 5.2];
const bulk = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, true] });
const slab = makeStructure(species, positions, { cell: triclinic, pbc: [true, true, false] });

function features(structures: Structure[], extra: Partial<FeatureRequest> = {}) {
  return computeFeatures({
    structures,
    hypers,
    kinds: ['rho-V', 'V-V', 'rho-rho'],
    vectorKinds: ['rho-V'],
    perAtom: true,
    ...extra,
  });
}

/** The n0×n1×n2 supercell (atoms of copy (i0, i1, i2) follow those of copy (0, 0, 0)), with the structure's pbc. */
function supercell(s: Structure, [n0, n1, n2]: [number, number, number]): Structure {
  const cell = s.cell!;
  const row = (k: number) => [cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]];
  const species: string[] = [];
  const pos: number[] = [];
  for (let i0 = 0; i0 < n0; i0++) {
    for (let i1 = 0; i1 < n1; i1++) {
      for (let i2 = 0; i2 < n2; i2++) {
        const shift = [0, 1, 2].map((x) => i0 * row(0)[x] + i1 * row(1)[x] + i2 * row(2)[x]);
        s.species.forEach((sp, j) => {
          species.push(sp);
          pos.push(...[0, 1, 2].map((x) => s.positions[3 * j + x] + shift[x]));
        });
      }
    }
  }
  const big = [0, 1, 2].flatMap((k) => row(k).map((v) => v * [n0, n1, n2][k])) as unknown as Cell;
  return makeStructure(species, pos, { cell: big, pbc: s.pbc });
}

function translated(s: Structure, shift: readonly number[]): Structure {
  const pos = s.positions.map((x, i) => x + shift[i % 3]);
  return makeStructure(s.species, pos, { cell: s.cell, pbc: s.pbc });
}

function rotated(s: Structure, rotation: Matrix3): Structure {
  const pos = new Float64Array(s.positions.length);
  for (let i = 0; i < s.species.length; i++) pos.set(applyMatrix(rotation, s.positions, 3 * i), 3 * i);
  const cell = [0, 1, 2].flatMap((k) => applyMatrix(rotation, s.cell!, 3 * k)) as unknown as Cell;
  return makeStructure(s.species, pos, { cell, pbc: s.pbc });
}

describe.each([
  ['bulk', bulk],
  ['slab', slab],
])('%s', (_, structure) => {
  const reference = features([structure]);

  it('features do not depend on the Ewald splitting width η (≤ 1e−9 relative)', () => {
    const tight: EwaldOptions = { accuracy: 1e-13 };
    const base = features([structure], { ewald: tight });
    for (const eta of [0.5, 1.2, 3]) {
      const other = features([structure], { ewald: { ...tight, eta } });
      expect(maxRelativeDifference(base.invariants, other.invariants)).toBeLessThan(1e-9);
      expect(maxRelativeDifference(base.vectors, other.vectors)).toBeLessThan(1e-9);
    }
    // The default accuracy (1e−8) stays close to the converged values.
    expect(maxRelativeDifference(base.invariants, reference.invariants)).toBeLessThan(1e-7);
  });

  it('are invariant under rotations of cell and atoms together; λ = 1 vectors rotate with them', () => {
    const rotation = randomRotation(seededRandom(5));
    const turned = features([rotated(structure, rotation)]);
    expect(maxRelativeDifference(reference.invariants, turned.invariants)).toBeLessThan(1e-10);
    const expected = new Float64Array(reference.vectors.length);
    for (let i = 0; i < expected.length; i += 3) expected.set(applyMatrix(rotation, reference.vectors, i), i);
    expect(maxRelativeDifference(expected, turned.vectors)).toBeLessThan(1e-10);
    expect(Math.max(...reference.vectors.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('per-atom rows follow permuted atoms; wrapping atoms by lattice vectors changes nothing', () => {
    const order = [2, 0, 1];
    const permuted = makeStructure(
      order.map((i) => species[i]),
      order.flatMap((i) => positions.slice(3 * i, 3 * i + 3)),
      { cell: structure.cell, pbc: structure.pbc },
    );
    const result = features([permuted]);
    const width = result.invariantLabels.length;
    order.forEach((old, row) => {
      const a = reference.invariants.subarray(old * width, (old + 1) * width);
      expect(
        maxRelativeDifference(a, result.invariants.subarray(row * width, (row + 1) * width)),
      ).toBeLessThan(1e-12);
    });
    const cell = structure.cell!;
    const wrapped = structure.positions.slice();
    for (let x = 0; x < 3; x++) wrapped[3 + x] -= cell[x] + 2 * cell[3 + x];
    const moved = makeStructure(species, wrapped, { cell, pbc: structure.pbc });
    expect(maxRelativeDifference(reference.invariants, features([moved]).invariants)).toBeLessThan(1e-10);
  });

  it('per-atom features of 2×2×1 and 3×1×2 (slab: 3×2×1) supercells equal those of the cell', () => {
    const shapes: [number, number, number][] =
      structure === slab
        ? [
            [2, 2, 1],
            [3, 2, 1],
          ]
        : [
            [2, 2, 1],
            [3, 1, 2],
          ];
    const width = reference.invariantLabels.length;
    const vectorWidth = reference.vectorLabels.length * 3;
    const tight = { ewald: { accuracy: 1e-12 } };
    const cell = features([structure], tight);
    for (const shape of shapes) {
      const big = features([supercell(structure, shape)], tight);
      for (let row = 0; row < big.rows; row++) {
        const atom = row % 3;
        const expected = cell.invariants.subarray(atom * width, (atom + 1) * width);
        const got = big.invariants.subarray(row * width, (row + 1) * width);
        expect(maxRelativeDifference(expected, got)).toBeLessThan(1e-9);
        const vectors = cell.vectors.subarray(atom * vectorWidth, (atom + 1) * vectorWidth);
        expect(
          maxRelativeDifference(vectors, big.vectors.subarray(row * vectorWidth, (row + 1) * vectorWidth)),
        ).toBeLessThan(1e-9);
      }
    }
  });

  it('structure rows sum the per-atom rows; centre selection and ρ⊗ρ alone give the same numbers', () => {
    const width = reference.invariantLabels.length;
    const perStructure = features([structure], {
      perAtom: false,
      centres: { mode: 'species', species: ['Na'] },
    });
    const sum = new Float64Array(width);
    for (const atom of [0, 2])
      for (let k = 0; k < width; k++) sum[k] += reference.invariants[atom * width + k];
    expect(maxRelativeDifference(sum, perStructure.invariants)).toBeLessThan(1e-12);
    const chlorine = features([structure], { centres: { mode: 'indices', indices: [[1]] } });
    expect(
      maxRelativeDifference(reference.invariants.subarray(width, 2 * width), chlorine.invariants),
    ).toBeLessThan(1e-12);
    const density = computeFeatures({ structures: [structure], hypers, kinds: ['rho-rho'], perAtom: true });
    const rhoColumns = reference.invariantLabels.flatMap((label, k) => (label.kind === 'rho-rho' ? [k] : []));
    const expected = [0, 1, 2].flatMap((atom) =>
      rhoColumns.map((k) => reference.invariants[atom * width + k]),
    );
    expect(maxRelativeDifference(expected, density.invariants)).toBeLessThan(1e-14);
  });
});

describe('slabs', () => {
  /** The slab with its third cell vector replaced by a tilted one whose height above the plane is `height`. */
  function withHeight(height: number): Structure {
    const cell = [...triclinic.slice(0, 6), 0.7, -0.4, height] as unknown as Cell;
    return makeStructure(species, positions, { cell, pbc: [true, true, false] });
  }
  const reference = features([slab]);

  it('do not depend on the vacuum width: 20, 40 and 80 Å give the same features (≤ 1e−6)', () => {
    for (const height of [20, 40, 80]) {
      expect(
        maxRelativeDifference(reference.invariants, features([withHeight(height)]).invariants),
      ).toBeLessThan(1e-6);
    }
  });

  it('are invariant under in-plane (and normal) translations of the whole structure', () => {
    const inPlane = [0, 1, 2].map((x) => 0.37 * triclinic[x] + 0.81 * triclinic[3 + x]);
    expect(
      maxRelativeDifference(reference.invariants, features([translated(slab, inPlane)]).invariants),
    ).toBeLessThan(1e-10);
    expect(
      maxRelativeDifference(reference.invariants, features([translated(slab, [0.3, -1.2, 7.5])]).invariants),
    ).toBeLessThan(1e-10);
  });

  it('converge in the period of the reciprocal sum along the normal, also for a wide cell (slowly decaying copies)', () => {
    const wide: Cell = [12, 0, 0, 3, 11, 0, 0, 0, 30];
    const sparse = makeStructure(species, [0.1, -0.2, 0.3, 2.4, 1.9, 3.2, -1.1, 3.0, 6.2], {
      cell: wide,
      pbc: [true, true, false],
    });
    const converged = features([sparse], { ewald: { accuracy: 1e-13 } });
    expect(maxRelativeDifference(converged.invariants, features([sparse]).invariants)).toBeLessThan(1e-7);
    expect(maxRelativeDifference(converged.vectors, features([sparse]).vectors)).toBeLessThan(1e-7);
  });

  it('differ from the 3D-periodic features of the same cell with vacuum (the slab convention is applied)', () => {
    const boxed = makeStructure(species, positions, { cell: withHeight(20).cell, pbc: [true, true, true] });
    expect(maxRelativeDifference(reference.invariants, features([boxed]).invariants)).toBeGreaterThan(1e-3);
  });
});
