import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadD1 } from '../../data/d1.ts';
import { cpuEngine } from '../../lode/features.ts';
import { predictAtDisplacements } from './curve-predictions.ts';
import { DENSITY_REACH, DimersSession, LESSON_KINDS, type ClassSummary } from './session.ts';
import { CLASS_SIZES, CLASSES, DISPLACEMENTS, MEDIAN_DIMER } from './spec.ts';

const raw = JSON.parse(
  readFileSync(new URL('../../../public/data/d1-ssi.json', import.meta.url), 'utf8'),
) as { displacements: number[]; dimers: { id: string; class: string; energies: number[] }[] };
const dataset = loadD1(raw);

describe('dimer lesson spec', () => {
  it('names each class with its size and the displacements of the dataset', () => {
    for (const cls of CLASSES)
      expect(CLASS_SIZES[cls], cls).toBe(raw.dimers.filter((d) => d.class === cls).length);
    expect(DISPLACEMENTS).toEqual(raw.displacements);
  });
});

describe('dimer lesson session', () => {
  const session = new DimersSession(dataset, cpuEngine);

  it('draws the median-error CC test dimer with ρ⊗V and its band first, then with ρ⊗ρ too', async () => {
    const fractions: number[] = [];
    const quick = await session.seriesFor('CC', MEDIAN_DIMER, {
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(fractions.at(-1)).toBe(1);
    expect(quick.curve.map((p) => p.rhoRho)).toEqual(quick.curve.map(() => null));
    expect(quick.classes[0]!.row.rmse['rho-rho']).toBeUndefined();
    const series = await session.seriesFor('CC', MEDIAN_DIMER, { complete: true });
    // The same dimer, ρ⊗V and band as the first answer: ρ⊗ρ is added, nothing else refitted.
    expect(series.id).toBe(quick.id);
    const rhoV = (s: typeof quick) => s.curve.map((p) => [p.rhoV, p.mean, p.sigma]);
    expect(rhoV(series)).toEqual(rhoV(quick));
    expect(series.curve.every((p) => Number.isFinite(p.rhoRho))).toBe(true);
    expect(series.heldOut).toBe(true);
    const source = raw.dimers.find((d) => d.id === series.id)!;
    expect(source.class).toBe('CC');
    // The reference is the dataset's, point by point.
    expect(series.curve.map((p) => p.reference)).toEqual(source.energies);
    expect(series.curve.map((p) => p.displacement)).toEqual(raw.displacements);
    for (const p of series.curve) {
      expect(p.sigma).toBeGreaterThan(0);
      // The committee mean and the single ρ⊗V model are fits of the same data: the band holds both.
      expect(Math.abs(p.rhoV - p.mean)).toBeLessThanOrEqual(p.sigma);
    }
    // Monomer B moves 3 Å away from A: the closest atoms end up at most 3 Å further apart.
    const [first, last] = [series.curve[0]!.gap, series.curve[12]!.gap];
    expect(last).toBeGreaterThan(first);
    expect(last - first).toBeLessThanOrEqual(3 + 1e-9);
    expect(series.test).toContain(series.index);
    expect(series.test.length + 100).toBe(CLASS_SIZES.CC);
    // The one class computed so far: its row (the lesson's two kinds) and learning curves up to all 100 curves.
    expect(series.classes.map((c) => c.cls)).toEqual(['CC']);
    const [{ row, paper, learning }] = series.classes as [ClassSummary];
    expect(row.nTrain).toBe(100);
    expect(row.rmse['rho-V']!).toBeLessThan(row.rmse['rho-rho']!);
    expect(row.rmse['V-V']).toBeUndefined();
    expect(paper.nTrain).toBe(100);
    expect(learning['rho-V']!.at(-1)!.curves).toBe(100);
    expect(learning['rho-V']!.at(-1)!.rmsePercent.mean).toBeCloseTo(row.rmsePercent['rho-V']!, 6);
    expect(series.coverage1).toBeGreaterThan(0.3);
    expect(series.coverage2).toBeGreaterThanOrEqual(series.coverage1);
    expect(series.coverage2).toBeLessThanOrEqual(1);
  }, 600_000);

  it('predicts at a displacement what it draws there, and names a dimer the class lacks', async () => {
    const series = await session.seriesFor('CC', 5);
    expect(series.index).toBe(5);
    const study = session.studies.done({ cls: 'CC', kinds: LESSON_KINDS })!;
    const curve = dataset.curves.filter((c) => c.class === 'CC')[5]!;
    const k = 8;
    const again = await predictAtDisplacements(study, curve, [DISPLACEMENTS[k]!], cpuEngine);
    expect(again.predicted['rho-V']![0]).toBeCloseTo(series.curve[k]!.rhoV, 6);
    expect(again.predicted['rho-rho']![0]).toBeCloseTo(series.curve[k]!.rhoRho!, 6);
    expect(again.band!.sigma[0]).toBeCloseTo(series.curve[k]!.sigma, 6);
    await expect(session.seriesFor('CC', CLASS_SIZES.CC)).rejects.toThrow(/191 dimers/);
  });

  it('completes a class’s Table 1 row with V⊗V, reusing the lesson’s two kinds', async () => {
    const before = (await session.seriesFor('CC', 0)).classes[0]!;
    const fractions: number[] = [];
    const full = await session.tableRowOf('CC', { onProgress: (p) => fractions.push(p.fraction) });
    // Only V⊗V was computed: progress starts at two thirds of the three kinds.
    expect(fractions[0]).toBeGreaterThanOrEqual(2 / 3);
    expect(fractions.at(-1)).toBe(1);
    expect(full.row.rmse['rho-V']).toBe(before.row.rmse['rho-V']);
    expect(full.row.rmse['rho-rho']).toBe(before.row.rmse['rho-rho']);
    // V⊗V's RMSE against the dataset's energies of the test dimers, recomputed here from its predictions.
    const study = session.studies.done({ cls: 'CC' })!;
    const fit = study.fits['V-V']!;
    let sum = 0;
    let n = 0;
    for (const c of study.test)
      for (let k = 0; k < study.points; k++, n++)
        sum += (fit.predicted[c * study.points + k]! - study.energies[c * study.points + k]!) ** 2;
    expect(full.row.rmse['V-V']).toBeCloseTo(Math.sqrt(sum / n), 12);
    expect((await session.seriesFor('CC', 0)).classes[0]!.row.rmse['V-V']).toBe(full.row.rmse['V-V']);
  }, 600_000);

  it('has ρ⊗ρ predict exactly the dissociated limit, 0, wherever the partner is out of its reach', async () => {
    const blind: number[] = [];
    for (let dimer = 0; dimer < 40; dimer++) {
      for (const p of (await session.seriesFor('CC', dimer)).curve)
        if (p.gap > DENSITY_REACH) blind.push(p.rhoRho!);
    }
    expect(blind.length).toBeGreaterThan(10);
    expect(blind.every(Number.isFinite)).toBe(true);
    for (const e of blind) expect(Math.abs(e)).toBeLessThan(1e-9);
  });
});
