/** Stage-aware progress of the CPU engine: radial tables while they are built, and within large structures. */
import { describe, expect, it } from 'vitest';
import { bcc100Slab, LI_BCC_A } from '../chem/builders.ts';
import { makeStructure } from '../chem/structure.ts';
import { computeFeatures, cpuEngine, type FeatureProgress } from './features.ts';
import { clearRadialTableCache } from './radial-tables.ts';

const water = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]);

/** A Li(100) slab, 3×3 × 4 layers, periodic in its plane: its Ewald far field is most of its cost. */
function lithiumSlab() {
  const size = 3;
  const slab = bcc100Slab('Li', { a: LI_BCC_A, size, layers: 4 });
  const side = size * LI_BCC_A;
  return makeStructure(slab.species, slab.positions, {
    cell: [side, 0, 0, 0, side, 0, 0, 0, 30],
    pbc: [true, true, false],
  });
}
const slabHypers = { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 2, species: ['Li'] };

/** Reports of one stage never go back, stay within [0, total] and end at total. */
function expectMonotone(reports: readonly FeatureProgress[]): void {
  for (let i = 0; i < reports.length; i++) {
    expect(reports[i]!.done).toBeGreaterThanOrEqual(0);
    expect(reports[i]!.done).toBeLessThanOrEqual(reports[i]!.total);
    if (i > 0) expect(reports[i]!.done).toBeGreaterThanOrEqual(reports[i - 1]!.done);
  }
  const last = reports.at(-1)!;
  expect(last.done).toBe(last.total);
}

describe('FeatureRequest.onStageProgress', () => {
  it('reports radial-table progress while a tiny-σ table is built, before any structure', () => {
    clearRadialTableCache();
    const reports: FeatureProgress[] = [];
    const hypers = { cutoff: 0.5, sigma: 0.01, nMax: 1, lMax: 0, species: ['H', 'O'] };
    computeFeatures({
      structures: [water],
      hypers,
      kinds: ['rho-V'],
      onStageProgress: (p) => reports.push(p),
    });
    const stages = reports.map((r) => r.stage);
    const tables = reports.filter((r) => r.stage === 'tables');
    expect(tables.filter((r) => r.done < r.total).length).toBeGreaterThanOrEqual(2);
    expectMonotone(tables);
    expect(stages.indexOf('structures')).toBe(tables.length); // every table report comes first
    expectMonotone(reports.filter((r) => r.stage === 'structures'));

    // Built once: a second request with the same tables reports structures only.
    const again: FeatureProgress[] = [];
    computeFeatures({ structures: [water], hypers, kinds: ['rho-V'], onStageProgress: (p) => again.push(p) });
    expect(again.map((r) => r.stage)).toEqual(again.map(() => 'structures'));
    expect(again.at(-1)).toEqual({ stage: 'structures', done: 1, total: 1 });
  });

  it('reports fractions of a large structure before it is done; onProgress still counts whole structures', () => {
    const n = 300;
    const positions = Array.from({ length: n }, (_, i) => [
      1.2 * (i % 10),
      1.3 * Math.floor(i / 10),
      0.7 * (i % 7),
    ]);
    const big = makeStructure(
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'O' : 'H')),
      positions.flat(),
    );
    const reports: FeatureProgress[] = [];
    const whole: [number, number][] = [];
    const hypers = { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 1, species: ['H', 'O'] };
    computeFeatures({
      structures: [big, water],
      hypers,
      kinds: ['rho-V'],
      onStageProgress: (p) => reports.push(p),
      onProgress: (done, total) => whole.push([done, total]),
    });
    const structures = reports.filter((r) => r.stage === 'structures');
    expectMonotone(structures);
    expect(structures.every((r) => r.total === 2)).toBe(true);
    const within = structures.filter((r) => r.done > 0 && r.done < 1);
    expect(within.length).toBeGreaterThanOrEqual(2);
    expect(structures.some((r) => r.done === 1)).toBe(true);
    expect(whole).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('reports through the cooperative engine too', async () => {
    const reports: FeatureProgress[] = [];
    const hypers = { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 1, species: ['H', 'O'] };
    await cpuEngine.compute({
      structures: [water, water],
      hypers,
      kinds: ['rho-V'],
      onStageProgress: (p) => reports.push(p),
    });
    expect(reports.filter((r) => r.stage === 'structures').at(-1)).toEqual({
      stage: 'structures',
      done: 2,
      total: 2,
    });
  });

  it('reports within the far field of a periodic structure, not only within its expansion', () => {
    const slab = lithiumSlab();
    const reports: FeatureProgress[] = [];
    computeFeatures({
      structures: [slab],
      hypers: slabHypers,
      kinds: ['rho-V'],
      onStageProgress: (p) => {
        if (p.stage === 'structures') reports.push(p);
      },
    });
    expectMonotone(reports);
    // The expansion alone reports at most 64 fractions of a structure (every 1/64 of its centres).
    const within = reports.filter((r) => r.done > 0 && r.done < 1);
    expect(within.length).toBeGreaterThan(64);
  });

  it('stops within a periodic structure when the request is aborted there', async () => {
    const controller = new AbortController();
    const reports: FeatureProgress[] = [];
    const run = cpuEngine.compute({
      structures: [lithiumSlab()],
      hypers: slabHypers,
      kinds: ['rho-V'],
      signal: controller.signal,
      onStageProgress: (p) => {
        if (p.stage !== 'structures') return;
        reports.push(p);
        if (p.done > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(reports.length).toBeGreaterThan(0);
    expect(Math.max(...reports.map((r) => r.done))).toBeLessThan(1);
  });
});
