import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../chem/extxyz.ts';
import { DatasetError } from './dataset-error.ts';
import { loadD1 } from './d1.ts';
import { datasetToExtXyz } from './extxyz-export.ts';
import { DIMER_CLASSES } from './formats.ts';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync('public/data/d1-ssi.json', 'utf8'));

describe('loadD1', () => {
  const d1 = loadD1(raw());

  it('loads the shipped curves: 13 points per dimer, every class, the rest of SSI pending', () => {
    expect(d1.level).toBe('GFN2-xTB');
    expect(d1.curves.length).toBeGreaterThanOrEqual(60);
    expect(new Set(d1.curves.map((c) => c.class))).toEqual(new Set(DIMER_CLASSES));
    expect(d1.curves.length + d1.pending.length + d1.provenance[0]!.failures.length).toBeGreaterThanOrEqual(
      3380,
    );
    for (const curve of d1.curves) {
      expect(curve.points.map((p) => p.coordinate)).toEqual(Array.from({ length: 13 }, (_, i) => 0.25 * i));
      const [a, b] = curve.monomers;
      expect(curve.points[0]!.structure.species).toEqual([...a.species, ...b.species]);
    }
  });

  it('builds a curve’s structures once, when the curve is first used', () => {
    const fresh = loadD1(raw()).curves[5]!;
    const points = fresh.points;
    expect(fresh.points).toBe(points);
    expect(fresh.monomers).toBe(fresh.monomers);
    expect(points[4]!.structure.positions).toEqual(d1.curves[5]!.points[4]!.structure.positions);
  });

  it('labels classes from the monomers: charged pairs are C, carbon-hydrogen-only monomers A', () => {
    for (const curve of d1.curves) {
      const kinds = curve.monomers.map((m) =>
        m.info.charge !== 0 ? 'C' : m.species.every((s) => s === 'C' || s === 'H') ? 'A' : 'P',
      );
      expect(curve.class.split('').sort()).toEqual(kinds.sort());
    }
  });

  it('moves monomer B rigidly by the displacement', () => {
    const curve = d1.curves[3]!;
    const n = curve.monomers[0].species.length;
    const [p0, p12] = [curve.points[0]!.structure.positions, curve.points[12]!.structure.positions];
    const shift = (atom: number) =>
      Math.hypot(...[0, 1, 2].map((k) => p12[3 * atom + k]! - p0[3 * atom + k]!));
    expect(shift(0)).toBe(0);
    expect(shift(n)).toBeCloseTo(3, 5); // the stored unit vector is rounded to 1e-6
  });

  it('has smooth far tails (no jumps between SCC solutions)', () => {
    for (const curve of d1.curves) {
      const e = curve.points.map((p) => p.energies[d1.level]!);
      // Beyond 2 Å of displacement consecutive 0.25 Å steps change the energy by a fraction of itself (no SCC jumps).
      for (let i = 9; i < 13; i++) {
        expect(Math.abs(e[i]! - e[i - 1]!)).toBeLessThan(
          0.2 * Math.max(Math.abs(e[i]!), Math.abs(e[i - 1]!)) + 0.03,
        );
      }
    }
  });

  it('exports extended XYZ with the binding energy and the fragment of each atom', () => {
    const frames = parseExtXyz(datasetToExtXyz(d1));
    expect(frames).toHaveLength(13 * d1.curves.length);
    expect(frames[14]!.info.binding_energy_gfn2_xtb).toBe(d1.curves[1]!.points[1]!.energies[d1.level]);
    expect(frames[0]!.arrays.fragment?.type).toBe('I');
  });

  it('rejects corrupted files with a DatasetError', () => {
    const json = raw();
    (json.dimers as { class: string }[])[0]!.class = 'XX';
    expect(() => loadD1(json)).toThrow(DatasetError);
    expect(() => loadD1(json)).toThrow(/d1-ssi: dimers\[0\]\.class/);
    const short = raw();
    (short.dimers as { energies: number[] }[])[2]!.energies.pop();
    expect(() => loadD1(short)).toThrow(/dimers\[2\]\.energies: expected 13 entries/);
    const tilted = raw();
    (tilted.dimers as { direction: number[] }[])[0]!.direction = [1, 1, 0];
    expect(() => loadD1(tilted)).toThrow(/unit vector/);
  });
});
