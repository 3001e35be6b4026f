import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../chem/extxyz.ts';
import { waterOnConductor, type ImageModelParameters } from '../physics/image-model.ts';
import { seededRandom } from '../util/random.ts';
import { energyKey } from './curves.ts';
import { loadD3 } from './d3.ts';
import { datasetToExtXyz } from './extxyz-export.ts';
import { expectDatasetError as expectDatasetErrorOf } from './testing/expect-dataset-error.ts';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync('public/data/d3-li-water.json', 'utf8'));

const expectDatasetError = (json: unknown, field: string) =>
  expectDatasetErrorOf(loadD3, json, 'd3-li-water', field);

describe('loadD3', () => {
  const d3 = loadD3(raw());
  const slabAtoms = 5 * 5 * 13;

  it('loads 81 waters × 31 heights above the 5×5 × 13-layer Li(100) slab, periodic in x and y', () => {
    expect(d3.curves).toHaveLength(81);
    expect(d3.heights).toHaveLength(31);
    for (const curve of d3.curves) {
      expect(curve.points).toHaveLength(31);
      expect(curve.inducedDipoles).toHaveLength(31);
      const s = curve.points[0]!.structure;
      expect(s.species).toHaveLength(slabAtoms + 3);
      expect(s.species.slice(-3)).toEqual(['O', 'H', 'H']);
      expect(s.pbc).toEqual([true, true, false]);
      expect(s.cell![0]).toBeCloseTo(5 * 3.51, 10);
    }
  });

  it('places the lowest water atom at the stored height above the top layer, O over a hollow site', () => {
    const json = raw() as { top: number };
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const curve = d3.curves[Math.floor(random() * 81)]!;
      const point = curve.points[Math.floor(random() * 31)]!;
      const p = point.structure.positions;
      const water = p.slice(3 * slabAtoms);
      expect(Math.min(water[2]!, water[5]!, water[8]!) - json.top).toBeCloseTo(point.coordinate, 9);
      // The top layer's Li nearest to O laterally sit a/√2 away (hollow site).
      let nearest = Infinity;
      for (let i = 0; i < slabAtoms; i++) {
        if (Math.abs(p[3 * i + 2]! - json.top) > 1e-6) continue;
        nearest = Math.min(nearest, Math.hypot(p[3 * i]! - water[0]!, p[3 * i + 1]! - water[1]!));
      }
      expect(nearest).toBeCloseTo(3.51 / Math.SQRT2, 6);
    }
  });

  it('holds what the model gives for the stored geometry and the recorded parameters', () => {
    const settings = d3.provenance[0]!.settings as unknown as ImageModelParameters;
    const json = raw() as { top: number; cell: number[] };
    const random = seededRandom(9);
    for (let trial = 0; trial < 8; trial++) {
      const curve = d3.curves[Math.floor(random() * 81)]!;
      const k = Math.floor(random() * 31);
      const p = curve.points[k]!.structure.positions;
      const surface = { top: json.top, period: json.cell[0]!, atoms: p.slice(0, 3 * slabAtoms) };
      const result = waterOnConductor(p.slice(3 * slabAtoms), surface, settings);
      // Parameters are stored to 1e-6, values to 1e-6.
      expect(Math.abs(result.energy - curve.points[k]!.energies[d3.level]!)).toBeLessThan(1e-4);
      result.inducedDipole.forEach((x, c) =>
        expect(Math.abs(x - curve.inducedDipoles[k]![c]!)).toBeLessThan(1e-4),
      );
    }
  });

  it('is attractive and decays monotonically far from the surface, with P^W shrinking too', () => {
    for (const curve of d3.curves) {
      const far = curve.points.map((p, k) => ({
        h: p.coordinate,
        e: p.energies[d3.level]!,
        p: curve.inducedDipoles[k]!,
      }));
      const tail = far.filter((x) => x.h >= 4);
      for (const x of tail) expect(x.e).toBeLessThan(0);
      for (let i = 1; i < tail.length; i++) {
        expect(tail[i]!.e).toBeGreaterThan(tail[i - 1]!.e);
        expect(Math.hypot(...tail[i]!.p)).toBeLessThan(Math.hypot(...tail[i - 1]!.p));
      }
      // Short range is repulsive relative to the well: the closest point lies above the minimum.
      const minimum = Math.min(...far.map((x) => x.e));
      expect(far[0]!.e).toBeGreaterThan(minimum);
    }
  });

  it('exports extended XYZ with the cell, periodicity, energy and induced dipole', () => {
    const frames = parseExtXyz(datasetToExtXyz({ curves: d3.curves.slice(0, 2) }));
    expect(frames).toHaveLength(62);
    const frame = frames[33]!;
    const point = d3.curves[1]!.points[2]!;
    expect(frame.info[energyKey(d3.level)]).toBe(point.energies[d3.level]);
    expect(frame.info.induced_dipole).toEqual([...d3.curves[1]!.inducedDipoles[2]!]);
    expect(frame.pbc).toEqual([true, true, false]);
    expect(frame.cell).toEqual(point.structure.cell);
  });

  it('rejects corrupted files with a DatasetError naming the field', () => {
    expectDatasetError({ ...raw(), format: 'other' }, 'format');
    const json = raw();
    (json.energies as unknown[][])[3]![7] = null;
    expectDatasetError(json, 'energies[3][7]');
    const moved = raw();
    (moved.waters as { positions: number[] }[])[2]!.positions[0] = 0.1;
    expectDatasetError(moved, 'waters[2].positions');
    const dipoles = raw();
    (dipoles.inducedDipoles as number[][][])[0]![0]!.pop();
    expectDatasetError(dipoles, 'inducedDipoles[0][0]');
    expectDatasetError({ ...raw(), cell: [17.55, 0, 60] }, 'cell');
  });

  it('rejects a slab of an unknown element', () => {
    for (const symbol of ['Xx', 'li', '', 'Li ']) {
      const json = raw() as { slab: { symbol: string } };
      json.slab.symbol = symbol;
      expectDatasetError(json, 'slab.symbol');
    }
  });
});
