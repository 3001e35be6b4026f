import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../chem/extxyz.ts';
import { energyKey } from './curves.ts';
import { loadD2 } from './d2.ts';
import { datasetToExtXyz } from './extxyz-export.ts';
import { expectDatasetError as expectDatasetErrorOf } from './testing/expect-dataset-error.ts';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync('public/data/d2-h2o-co2.json', 'utf8'));
const XTB = 'GFN2-xTB';

const expectDatasetError = (json: unknown, field: string) =>
  expectDatasetErrorOf(loadD2, json, 'd2-h2o-co2', field);

describe('loadD2', () => {
  const d2 = loadD2(raw());

  it('loads the shipped file: 33 orientations × 33 separations of rigid H2O + CO2 with GFN2-xTB everywhere', () => {
    expect(d2.curves).toHaveLength(33);
    expect(d2.levels[0]).toBe(XTB);
    expect(d2.provenance[0]).toMatchObject({ program: 'xtb', version: '6.5.1', failures: [] });
    for (const curve of d2.curves) {
      expect(curve.points).toHaveLength(33);
      for (const point of curve.points) {
        expect(point.structure.species).toEqual(['O', 'H', 'H', 'C', 'O', 'O']);
        expect(Number.isFinite(point.energies[XTB])).toBe(true);
      }
    }
  });

  it('puts the centres of mass at the stored separation', () => {
    const point = d2.curves[7]!.points[5]!;
    const p = point.structure.positions;
    const masses = [15.999, 1.008, 1.008, 12.011, 15.999, 15.999];
    const com = (from: number) => {
      const m = masses.slice(from, from + 3);
      return [0, 1, 2].map(
        (k) => m.reduce((s, w, i) => s + w * p[3 * (from + i) + k]!, 0) / (m[0]! + m[1]! + m[2]!),
      );
    };
    const [a, b] = [com(0), com(3)];
    expect(Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!)).toBeCloseTo(point.coordinate, 3);
  });

  it('goes to zero at the dissociated limit', () => {
    for (const curve of d2.curves) expect(Math.abs(curve.dissociated[XTB]!)).toBeLessThan(1e-5);
  });

  it('approaches zero monotonically in the far field', () => {
    for (const curve of d2.curves) {
      const tail = curve.points.filter((p) => p.coordinate >= 12).map((p) => Math.abs(p.energies[XTB]!));
      expect(tail.at(-1)!).toBeLessThan(2e-4);
      // 2e-6 eV: storage rounding plus SCC convergence, which matter where the curve crosses zero
      for (let i = 1; i < tail.length; i++) expect(tail[i]!).toBeLessThanOrEqual(tail[i - 1]! + 2e-6);
    }
  });

  it('decays like a dipole–quadrupole interaction: E·R⁴ nearly constant from 15 to 20 Å', () => {
    const at = (curve: (typeof d2.curves)[number], r: number) =>
      curve.points.find((p) => p.coordinate === r)!.energies[XTB]!;
    const clear = d2.curves.filter((curve) => Math.abs(at(curve, 20)) > 2e-5); // well above rounding noise
    expect(clear.length).toBeGreaterThan(20);
    for (const curve of clear) {
      const ratio = (at(curve, 20) * 20 ** 4) / (at(curve, 15) * 15 ** 4);
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.3);
    }
  });

  it('has DFT points on the same grid where computed', () => {
    const dft = d2.levels.find((level) => level.startsWith('PBE0'));
    expect(dft).toBeDefined();
    const points = d2.curves.flatMap((c) => c.points).filter((p) => p.energies[dft!] !== undefined);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(Math.abs(p.energies[dft!]! - p.energies[XTB]!)).toBeLessThan(0.1);
  });

  it('exports every point as extended XYZ with its energies', () => {
    const frames = parseExtXyz(datasetToExtXyz(d2));
    expect(frames).toHaveLength(33 * 33);
    expect(frames[40]!.info[energyKey(XTB)]).toBe(d2.curves[1]!.points[7]!.energies[XTB]);
    expect(frames[40]!.info.separation).toBe(d2.curves[1]!.points[7]!.coordinate);
  });

  it('rejects corrupted files with a DatasetError naming the field', () => {
    expectDatasetError({ ...raw(), format: 'other' }, 'format');
    const json = raw();
    const levels = json.levels as { energies: unknown[][] }[];
    levels[0]!.energies[2]![4] = 'NaN';
    expectDatasetError(json, 'levels[0].energies[2][4]');
    const bad = raw();
    (bad.orientations as { co2: { species: string[] } }[])[1]!.co2.species[0] = 'Xx';
    expectDatasetError(bad, 'orientations[1].co2.species[0]');
    const short = raw();
    (short.orientations as { water: { positions: number[] } }[])[0]!.water.positions.pop();
    expectDatasetError(short, 'orientations[0].water.positions');
    expectDatasetError([], '(root)');
  });

  it('rejects duplicate level names, a reversed or empty training window and no orientations', () => {
    const twice = raw() as { levels: { level: string }[] };
    expect(twice.levels.length).toBeGreaterThan(1);
    twice.levels[1]!.level = twice.levels[0]!.level;
    expectDatasetError(twice, 'levels[1].level');
    expectDatasetError({ ...raw(), trainingWindow: [12, 6.5] }, 'trainingWindow');
    expectDatasetError({ ...raw(), trainingWindow: [7, 7] }, 'trainingWindow');
    const none = {
      ...raw(),
      orientations: [],
      levels: (raw().levels as object[]).map((l) => ({ ...l, energies: [], dissociated: [] })),
    };
    expectDatasetError(none, 'orientations');
  });

  it('escapes control characters and clips long values in the messages that quote them', () => {
    const json = raw();
    (json.orientations as { co2: { species: string[] } }[])[0]!.co2.species[1] = '\u001b]0;PWNED\u0007';
    expect(() => loadD2(json)).toThrow('unknown element "\\x1b]0;PWNED\\x07"');
    const format = { ...raw(), format: `\u009b2J${'x'.repeat(10_000)}` };
    let message = '';
    try {
      loadD2(format);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^d2-h2o-co2: format: expected one of lode-d2-h2o-co2\/1, found \\x9b2Jx+…$/);
    expect(message.length).toBeLessThan(200);
  });
});
