import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../chem/elements.ts';
import { makeStructure } from '../chem/structure.ts';
import { expandStructure } from './expansion.ts';
import { planFeatures } from './feature-plan.ts';
import { computeFeatures, FEATURE_KINDS, FIELDS_OF, type FeatureRequest } from './features.ts';
import {
  estimateFeatureSize,
  featureColumns,
  formatBytes,
  formatCount,
  RESOURCE_LIMITS,
  resourceExcess,
} from './limits.ts';
import type { Field } from './radial-integrals.ts';
import { radialTables, type RadialTable } from './radial-tables.ts';

/** Atoms of the given species on a line 1.5 Å apart. */
function chain(species: readonly string[]) {
  return makeStructure(
    species,
    species.flatMap((_, i) => [1.5 * i, 0.1 * (i % 2), 0]),
  );
}

const SPECIES = ['H', 'C', 'N', 'O'];

/** Small random requests over H, C, N, O (two structures of 1–5 atoms), each option drawn independently. */
const request: fc.Arbitrary<FeatureRequest> = fc
  .record({
    species: fc.subarray(SPECIES, { minLength: 1 }),
    nMax: fc.integer({ min: 1, max: 3 }),
    lMax: fc.integer({ min: 0, max: 3 }),
    kinds: fc.subarray([...FEATURE_KINDS]),
    vectorKinds: fc.subarray([...FEATURE_KINDS]),
    perAtom: fc.boolean(),
    centreMode: fc.constantFrom('all', 'species', 'indices'),
    atoms: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
    pick: fc.nat(),
  })
  .filter(({ kinds, vectorKinds }) => kinds.length + vectorKinds.length > 0)
  .map(({ species, nMax, lMax, kinds, vectorKinds, perAtom, centreMode, atoms, pick }) => {
    const structures = atoms.map((n, s) =>
      chain(Array.from({ length: n }, (_, i) => species[(i + s) % species.length]!)),
    );
    const centres: FeatureRequest['centres'] =
      centreMode === 'all'
        ? { mode: 'all' }
        : centreMode === 'species'
          ? { mode: 'species', species: [species[pick % species.length]!] }
          : { mode: 'indices', indices: structures.map((s) => [pick % s.species.length]) };
    return {
      structures,
      hypers: { nMax, lMax, cutoff: 3, sigma: 0.5, species },
      kinds,
      vectorKinds,
      perAtom,
      centres,
    };
  });

describe('featureColumns and estimateFeatureSize', () => {
  it('predict the columns, rows and result bytes that computeFeatures returns', () => {
    fc.assert(
      fc.property(request, (req) => {
        const result = computeFeatures(req);
        const predicted = featureColumns(req);
        expect(predicted).toEqual({
          invariant: result.invariantLabels.length,
          vector: result.vectorLabels.length,
        });
        const estimate = estimateFeatureSize(req);
        expect(estimate.rows).toBe(result.rows);
        expect(estimate.outputBytes).toBe(result.invariants.byteLength + result.vectors.byteLength);
        expect(estimate.columns).toBe(predicted.invariant + predicted.vector);
      }),
      { seed: 1, numRuns: 60 },
    );
  });

  it('predict the coefficient memory of the structure with the most centres', () => {
    fc.assert(
      fc.property(request, (req) => {
        const estimate = estimateFeatureSize(req);
        const plan = planFeatures(req);
        const s = estimate.workingStructure;
        const fields = new Set<Field>(
          [...req.kinds, ...(req.vectorKinds ?? [])].flatMap((k) => FIELDS_OF[k]),
        );
        const all = radialTables(plan.hypers);
        const tables = new Map<Field, RadialTable>([...fields].map((f) => [f, all[f]]));
        const coefficients = expandStructure({
          structure: req.structures[s]!,
          channels: plan.channels[s]!,
          centres: plan.centres[s]!,
          hypers: plan.hypers,
          tables,
        });
        const bytes = [...coefficients.values()].reduce((sum, c) => sum + c.byteLength, 0);
        expect(estimate.workingBytes).toBe(bytes);
        // no structure of the request has more centres
        for (const centres of plan.centres)
          expect(centres.length).toBeLessThanOrEqual(plan.centres[s]!.length);
      }),
      { seed: 1, numRuns: 30 },
    );
  });

  it("gives the tester's counts for one atom of each element H–Kr", () => {
    const species = ELEMENTS.map((e) => e.symbol);
    expect(species).toHaveLength(36);
    const structures = [chain(species)];
    const at = (nMax: number, lMax: number) =>
      estimateFeatureSize({ structures, hypers: { nMax, lMax, species }, kinds: ['rho-V'] });
    expect(at(4, 2).columns).toBe(2_239_488);
    // 36 blocks × 5 l × (36·8)² channel pairs; one row of float64
    expect(at(8, 4).columns).toBe(36 * 5 * 288 * 288);
    expect(at(8, 4).outputBytes).toBe(36 * 5 * 288 * 288 * 8);
    expect(resourceExcess(at(8, 4))).toEqual({
      limit: 'maxColumns',
      actual: 14_929_920,
      max: RESOURCE_LIMITS.maxColumns,
    });
    expect(resourceExcess(at(2, 1))).toBeUndefined();
  });

  it('names the first limit exceeded: frames, then atoms, columns, output bytes, working memory', () => {
    const hypers = { nMax: 2, lMax: 1, species: ['H'] };
    const structures = [chain(['H', 'H', 'H'])];
    const estimate = estimateFeatureSize({ structures, hypers, kinds: ['rho-rho'], perAtom: true });
    expect(estimate).toMatchObject({ frames: 1, rows: 3, columns: 6, largest: { structure: 0, atoms: 3 } });
    const limits = { ...RESOURCE_LIMITS };
    expect(resourceExcess(estimate, { ...limits, maxFrames: 0 })?.limit).toBe('maxFrames');
    expect(resourceExcess(estimate, { ...limits, maxAtomsPerStructure: 2 })?.limit).toBe(
      'maxAtomsPerStructure',
    );
    expect(resourceExcess(estimate, { ...limits, maxColumns: 5 })?.limit).toBe('maxColumns');
    expect(resourceExcess(estimate, { ...limits, maxOutputBytes: 3 * 6 * 8 - 1 })).toEqual({
      limit: 'maxOutputBytes',
      actual: 144,
      max: 143,
    });
    // 3 centres × (1 species · 2 n · 4 lm) coefficients × 1 field (density) × 8 bytes
    expect(estimate.workingBytes).toBe(3 * 8 * 8);
    expect(resourceExcess(estimate, { ...limits, maxWorkingBytes: 191 })?.limit).toBe('maxWorkingBytes');
  });

  it('formats counts and sizes for messages', () => {
    expect(formatCount(14_929_920)).toBe('14,929,920');
    expect(formatBytes(119_439_360)).toBe('119 MB');
    expect(formatBytes(2e9)).toBe('2.0 GB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
