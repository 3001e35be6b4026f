import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExtXyz } from '../../chem/extxyz.ts';
import { loadD3 } from '../../data/d3.ts';
import { defaultValues, sessionValues } from '../params.ts';
import { FieldsSession, type FieldsRequest } from './session.ts';
import { FIELDS_NMAX, params, SLICE_RESOLUTION } from './spec.ts';
import { readPastedStructure } from './paste.ts';
import { encodeStructure } from './structure-link.ts';
import { exampleStructure } from './examples.ts';
import { expandStructure, speciesChannels } from '../../lode/expansion.ts';
import { validateHypers } from '../../lode/hypers.ts';
import { FIELDS } from '../../lode/radial-integrals.ts';
import { radialTables } from '../../lode/radial-tables.ts';

const chargedDimers = async () =>
  parseExtXyz(
    readFileSync(fileURLToPath(new URL('../../../public/data/charge-charge.xyz', import.meta.url)), 'utf8'),
  );
const defaults = sessionValues(params, defaultValues(params)) as FieldsRequest;
const liWater = async () =>
  loadD3(
    JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../public/data/d3-li-water.json', import.meta.url)), 'utf8'),
    ),
  );
const session = new FieldsSession({ chargedDimers, liWater });

describe('fields session', () => {
  it('draws the exact field everywhere and the expansion only inside the cutoff sphere', async () => {
    const series = (await session.seriesFor(defaults))!;
    const { exact, expansion, halfWidth, resolution } = series.slice;
    expect(resolution).toBe(SLICE_RESOLUTION);
    expect(exact.length).toBe(resolution * resolution);
    const step = (2 * halfWidth) / resolution;
    let inside = 0;
    for (let row = 0; row < resolution; row += 7) {
      for (let col = 0; col < resolution; col += 5) {
        const r = Math.hypot(-halfWidth + (col + 0.5) * step, -halfWidth + (row + 0.5) * step);
        const q = row * resolution + col;
        expect(Number.isFinite(exact[q])).toBe(true);
        expect(Number.isNaN(expansion[q])).toBe(r >= defaults.cutoff);
        if (r < defaults.cutoff) inside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(series.channels).toEqual(['O', 'H']);
    // The truncation error falls with l_max, and the slice's own error is of the ball's order.
    const errors = series.errorByLmax.density;
    expect(errors[8]).toBeLessThan(errors[0] / 20);
    expect(series.slice.error).toBeGreaterThan(errors[defaults.lMax] / 5);
    expect(series.slice.error).toBeLessThan(errors[defaults.lMax] * 5);
  });

  it('fills the error against n_max for the n_max its background requests have built', async () => {
    const before = (await session.seriesFor(defaults))!;
    expect(before.errorByNmax.density[2]).toBeNull();
    expect(await session.seriesFor({ ...defaults, nMax: 3, part: 'errors' })).toBeNull();
    const after = (await session.seriesFor(defaults))!;
    expect(after.errorByNmax.density[2]).toBeGreaterThan(after.errorByNmax.density[defaults.nMax - 1]!);
    expect(after.errorByNmax.potential).toHaveLength(FIELDS_NMAX);
  });

  it('moving l_max changes the expansion and its error, not the exact field', async () => {
    const a = (await session.seriesFor({ ...defaults, lMax: 0 }))!;
    const b = (await session.seriesFor({ ...defaults, lMax: 6 }))!;
    expect(b.slice.exact).toEqual(a.slice.exact);
    expect(b.slice.error).toBeLessThan(a.slice.error);
  });

  it('shows a pasted structure, one species channel at a time, and says what is wrong with a request', async () => {
    const pasted = readPastedStructure('3\n\nO 0 0 0\nH 0.76 0.59 0\nH -0.76 0.59 0\n');
    if (!pasted.ok) throw new Error(pasted.message);
    const request = {
      ...defaults,
      structure: 'pasted',
      pastedStructure: pasted.structure,
      centre: 1,
      channel: 'O',
    };
    const series = (await session.seriesFor(request))!;
    expect(series.structure.species).toEqual(['O', 'H', 'H']);
    // Centred on an H, the O channel holds only the O atom 0.96 Å away: no density at the centre itself.
    const centrePixel = (SLICE_RESOLUTION / 2) * SLICE_RESOLUTION + SLICE_RESOLUTION / 2;
    expect(series.slice.exact[centrePixel]).toBeLessThan(0.2);
    await expect(session.seriesFor({ ...request, centre: 3 })).rejects.toThrow(
      /atom 3 does not exist.*3 atoms/,
    );
    await expect(session.seriesFor({ ...request, channel: 'C' })).rejects.toThrow(/no C atoms/);
    await expect(session.seriesFor({ ...defaults, structure: 'pasted' })).rejects.toThrow(/paste/);
    const overlapping = { species: ['O', 'H'], positions: [0, 0, 0, 0, 0, 0] };
    await expect(
      session.seriesFor({ ...request, centre: 0, channel: 'all', pastedStructure: overlapping }),
    ).rejects.toThrow(/^atoms 0 and 1 sit on the same point$/);
  });

  it('reads a pasted structure from its link, and says when the link is damaged', async () => {
    const structure = { species: ['N', 'H'], positions: [0, 0, 0, 1.01, 0, 0] };
    const pasted = await encodeStructure(structure);
    const series = (await session.seriesFor({ ...defaults, structure: 'pasted', pasted }))!;
    expect(series.structure.species).toEqual(['N', 'H']);
    expect([...series.structure.positions]).toEqual(structure.positions);
    await expect(session.seriesFor({ ...defaults, structure: 'pasted', pasted: 'AAAA' })).rejects.toThrow(
      /damaged/,
    );
  });

  it('gives the centre’s ρ⊗V features, whose l = 0 block is c^ρ_{a1 n1 00} c^V_{a2 n2 00}', async () => {
    const request = { ...defaults, structure: 'h2o-co2', centre: 3, lMax: 2, nMax: 4 };
    const { features } = (await session.seriesFor(request))!;
    const species = ['O', 'H', 'C'];
    const Q = species.length * request.nMax;
    expect(features.channels).toBe(Q);
    expect(features.values.length).toBe(3 * Q * Q);
    const hypers = validateHypers({ cutoff: 3, sigma: 0.5, nMax: 4, lMax: 0, species });
    const structure = exampleStructure('h2o-co2', {});
    const tables = new Map(FIELDS.map((f) => [f, radialTables(hypers)[f]] as const));
    const c = expandStructure({
      structure,
      channels: speciesChannels(structure, hypers),
      centres: [3],
      hypers,
      tables,
    });
    const [rho, v] = [c.get('density')!, c.get('potential')!];
    for (const [q1, q2] of [
      [0, 0],
      [1, 5],
      [9, 2],
    ] as const) {
      const want = rho[q1]! * v[q2]!;
      expect(Math.abs(features.values[q1 * Q + q2]! - want)).toBeLessThan(1e-12 * Math.abs(want));
    }
    expect(features.labels[1 * Q + 5]).toBe('rho-V|l=0|O1|H1');
  });

  it('sees the CO2 above water only through V inside the water-centred ball (the lesson’s second step)', async () => {
    const inside = async (structure: string, field: string) => {
      const { slice } = (await session.seriesFor({ ...defaults, structure, field }))!;
      return [...slice.exact].filter((_, q) => !Number.isNaN(slice.expansion[q]!));
    };
    const gap = (a: number[], b: number[]) => Math.max(...a.map((x, q) => Math.abs(x - b[q]!)));
    expect(gap(await inside('water', 'density'), await inside('h2o-co2', 'density'))).toBeLessThan(1e-9);
    expect(gap(await inside('water', 'potential'), await inside('h2o-co2', 'potential'))).toBeGreaterThan(
      0.2,
    );
  });

  it('slices along any normal, and refuses a zero one', async () => {
    const request = { ...defaults, plane: 'normal', normal: [0, 2, 2] as const };
    const series = (await session.seriesFor(request))!;
    for (const axis of series.slice.axes) expect(axis[1] + axis[2]).toBeCloseTo(0, 14);
    // Water lies in xz; this plane, tilted 45° about x, misses its H atoms: another cut of the density.
    const xz = (await session.seriesFor(defaults))!;
    expect(series.slice.exact).not.toEqual(xz.slice.exact);
    await expect(session.seriesFor({ ...request, normal: [0, 0, 0] })).rejects.toThrow(/non-zero/);
  });

  it('reads the charged dimer from the paper data', async () => {
    const series = (await session.seriesFor({
      ...defaults,
      structure: 'charged-dimer',
      field: 'potential',
    }))!;
    expect(series.structure.species.length).toBe(23);
    expect(series.power.potential[0]).toBeGreaterThan(0);
  });
});

describe('pasted extended XYZ', () => {
  it('gives the parser’s frame and line, and notes which frame of several is shown', () => {
    const bad = readPastedStructure('2\n\nO 0 0 0\nH 0 zero 0\n');
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/frame 1, line 4/) });
    const two = readPastedStructure('1\n\nO 0 0 0\n1\n\nH 1 0 0\n');
    expect(two).toMatchObject({ ok: true, note: '1 atoms, frame 1 of 2' });
  });
});
