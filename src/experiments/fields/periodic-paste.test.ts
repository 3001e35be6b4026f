/**
 * A pasted periodic structure keeps its cell from the text through the link to the worker: its slice field and
 * features are those of the periodic system. Checked by supercell consistency (a 2×1×1 bulk or 1×2×1 slab supercell
 * is the same crystal, so every atom sees the same fields as its counterpart in the primitive cell: this cannot hold
 * once the cell is dropped) and against the engine itself.
 */
import { describe, expect, it } from 'vitest';
import { writeExtXyz } from '../../chem/extxyz.ts';
import { makeStructure, type Cell } from '../../chem/structure.ts';
import { computeFeatures } from '../../lode/features.ts';
import { maxRelativeDifference } from '../../lode/testing/relative-difference.ts';
import { defaultValues, sessionValues } from '../params.ts';
import { readPastedStructure } from './paste.ts';
import { FieldsSession, type FieldsRequest, type FieldsSeries } from './session.ts';
import { FIELDS_LMAX, params } from './spec.ts';
import { encodeStructure } from './structure-link.ts';

const noDatasets = () => Promise.reject(new Error('no dataset in this test'));
const session = new FieldsSession({ chargedDimers: noDatasets, liWater: noDatasets });
const defaults = sessionValues(params, defaultValues(params)) as FieldsRequest;

interface Crystal {
  readonly species: readonly string[];
  readonly positions: readonly number[];
  readonly cell: Cell;
  readonly pbc: readonly [boolean, boolean, boolean];
}

/** A triclinic bulk cell holding a water-like triple. */
const BULK: Crystal = {
  species: ['O', 'H', 'H'],
  positions: [0.2, 0.3, 0.1, 1.1, 0.5, 0.4, 0, 1.2, 0.6],
  cell: [4.1, 0, 0, 1, 4.3, 0, 0.5, 0.8, 4.6],
  pbc: [true, true, true],
};

/** A slab periodic along two oblique vectors (the third, along z, is vacuum). */
const SLAB: Crystal = {
  species: ['Li', 'O'],
  positions: [0, 0, 0, 1.5, 1.4, 1.3],
  cell: [3.6, 0, 0, 0.9, 3.3, 0, 0, 0, 20],
  pbc: [true, true, false],
};

/** The crystal with its cell doubled along cell vector `k`: the atoms, then the same atoms one vector further. */
function doubled(crystal: Crystal, k: number): Crystal {
  const shift = crystal.cell.slice(3 * k, 3 * k + 3);
  const cell = [...crystal.cell];
  for (let x = 0; x < 3; x++) cell[3 * k + x] *= 2;
  return {
    ...crystal,
    species: [...crystal.species, ...crystal.species],
    positions: [...crystal.positions, ...crystal.positions.map((p, i) => p + shift[i % 3]!)],
    cell: cell as readonly number[] as Cell,
  };
}

const extxyz = (c: Crystal) =>
  writeExtXyz([makeStructure(c.species, c.positions, { cell: c.cell, pbc: c.pbc })]);

/** The series of the crystal as a user gets it: pasted as extended XYZ, then read from the link. */
async function pastedSeries(crystal: Crystal, values: Partial<FieldsRequest>): Promise<FieldsSeries> {
  const read = readPastedStructure(extxyz(crystal));
  if (!read.ok) throw new Error(read.message);
  const pasted = await encodeStructure(read.structure);
  return (await session.seriesFor({
    ...defaults,
    structure: 'pasted',
    pasted,
    lMax: FIELDS_LMAX,
    ...values,
  }))!;
}

describe('a pasted periodic structure', () => {
  // One centre each (a V slice of a periodic structure is an Ewald sum at 65 536 points): an H of the bulk, whose
  // two H neighbours sit in other images, and the slab's O.
  for (const [name, crystal, k, centre] of [
    ['triclinic bulk', BULK, 0, 1],
    ['slab', SLAB, 1, 1],
  ] as const) {
    it(`gives both copies of an atom in a ${name} supercell the features and V of the primitive cell's`, async () => {
      const supercell = doubled(crystal, k);
      const primitive = await pastedSeries(crystal, { centre, field: 'potential' });
      expect(primitive.structure.cell).toEqual(crystal.cell);
      for (const image of [centre, centre + crystal.species.length]) {
        const larger = await pastedSeries(supercell, { centre: image, field: 'potential' });
        expect(larger.features.labels).toEqual(primitive.features.labels);
        expect(maxRelativeDifference(primitive.features.values, larger.features.values)).toBeLessThan(1e-6);
        expect(maxRelativeDifference(primitive.slice.exact, larger.slice.exact)).toBeLessThan(1e-6);
      }
      // The same atoms as clusters: the supercell's atom has a neighbour more than the primitive cell's.
      const cluster = { pbc: 'cluster', centre, field: 'potential' } as const;
      const [alone, pair] = [await pastedSeries(crystal, cluster), await pastedSeries(supercell, cluster)];
      expect(maxRelativeDifference(alone.features.values, pair.features.values)).toBeGreaterThan(0.05);
      expect(maxRelativeDifference(alone.slice.exact, pair.slice.exact)).toBeGreaterThan(0.05);
    });
  }

  it('has the features the engine computes for the periodic structure, and the cluster’s when told', async () => {
    const structure = makeStructure(SLAB.species, SLAB.positions, { cell: SLAB.cell, pbc: SLAB.pbc });
    const engine = (periodic: 'periodic' | 'as-clusters') =>
      computeFeatures({
        structures: [structure],
        hypers: {
          cutoff: defaults.cutoff,
          sigma: defaults.sigma,
          nMax: defaults.nMax,
          lMax: FIELDS_LMAX,
          species: ['Li', 'O'],
          radialBasis: 'gto',
        },
        kinds: ['rho-V'],
        centres: { mode: 'indices', indices: [[1]] },
        perAtom: true,
        periodic,
      }).invariants;
    const periodic = await pastedSeries(SLAB, { centre: 1 });
    expect(periodic.features.boundary).toBe('slab');
    expect(maxRelativeDifference(engine('periodic'), periodic.features.values)).toBeLessThan(1e-6);
    const cluster = await pastedSeries(SLAB, { centre: 1, pbc: 'cluster' });
    expect(cluster.cellIgnored).toBe(true);
    expect(cluster.structure.cell).toBeUndefined();
    expect(cluster.features.boundary).toBe('cluster');
    expect(maxRelativeDifference(engine('as-clusters'), cluster.features.values)).toBeLessThan(1e-6);
    // The cluster's exact field is that of the same atoms pasted without a cell.
    const bare = await pastedSeries({ ...SLAB, pbc: [false, false, false] }, { centre: 1 });
    expect(bare.cellIgnored).toBe(false);
    expect(cluster.slice.exact).toEqual(bare.slice.exact);
    expect(maxRelativeDifference(engine('as-clusters'), engine('periodic'))).toBeGreaterThan(0.05);
  });
});

describe('reading a pasted cell', () => {
  it('keeps Lattice and pbc of a periodic frame and says how it repeats', () => {
    const read = readPastedStructure(extxyz(BULK));
    expect(read).toMatchObject({ ok: true, note: '3 atoms, periodic along a, b, c (bulk)' });
    expect(read.ok && read.structure.cell).toEqual(BULK.cell);
    expect(readPastedStructure(extxyz(SLAB))).toMatchObject({ note: '2 atoms, periodic along a, b (slab)' });
  });

  it('leaves a frame without periodic direction a cluster, and refuses a bad cell or a wire with its frame and line', () => {
    const flat = readPastedStructure(extxyz({ ...SLAB, pbc: [false, false, false] }));
    expect(flat).toMatchObject({ ok: true, note: '2 atoms, a cluster: its cell has no periodic direction' });
    expect(flat.ok && flat.structure.cell).toBeUndefined();
    const noLattice = readPastedStructure('1\npbc="T T T"\nO 0 0 0\n');
    expect(noLattice).toMatchObject({ ok: true, note: '1 atoms, a cluster: pbc without a Lattice' });
    expect(readPastedStructure('1\nLattice="4 0 0 0 4 0" pbc="T T T"\nO 0 0 0\n')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Not read: frame 1, line 2: bad Lattice/),
    });
    expect(readPastedStructure(extxyz({ ...SLAB, pbc: [true, false, false] }))).toEqual({
      ok: false,
      message: 'Not read: frame 1, line 2: periodic along one cell vector only: wires are not supported',
    });
  });
});
