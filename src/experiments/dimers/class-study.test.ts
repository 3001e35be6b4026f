/**
 * The expectations of paper §4.1 on D1 (GFN2-xTB), with the per-class protocol on the CPU engine: ρ⊗V learns every
 * class better than the local ρ⊗ρ, charged pairs by far; the committee's bands are calibrated on new dimers; more
 * training curves help. Smaller hypers than the lesson's (see HYPERS) keep the six classes within CI's budget.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadD1 } from '../../data/d1.ts';
import { cpuEngine } from '../../lode/features.ts';
import { runClassStudy, type ClassStudy, type StudyOptions } from './class-study.ts';
import { medianErrorCurve } from './curve-predictions.ts';
import type { ClassName } from './split.ts';
import { formatTable, tableRow } from './table.ts';

const dataset = loadD1(
  JSON.parse(readFileSync(new URL('../../../public/data/d1-ssi.json', import.meta.url), 'utf8')),
);
const CLASSES: readonly ClassName[] = ['CC', 'CP', 'CA', 'PP', 'PA', 'AA'];
const HYPERS = { cutoff: 3, sigma: 0.3, nMax: 3, lMax: 2 };

const study = (cls: ClassName, options: Partial<StudyOptions> = {}) =>
  runClassStudy(
    cls,
    dataset.curves.filter((c) => c.class === cls),
    dataset.level,
    cpuEngine,
    { hypers: HYPERS, seed: 0, kinds: ['rho-rho', 'rho-V'], learningKinds: ['rho-V'], ...options },
  );

describe('Table 1 on D1: one linear model per class of dimers', () => {
  const studies = new Map<ClassName, ClassStudy>();
  beforeAll(async () => {
    for (const cls of CLASSES) studies.set(cls, await study(cls));
    console.info(formatTable(CLASSES.map((cls) => tableRow(studies.get(cls)!))));
  }, 900_000);

  const rmsePercent = (cls: ClassName, kind: 'rho-rho' | 'rho-V') =>
    studies.get(cls)!.fits[kind]!.testRmsePercent;

  it.each(CLASSES)('%s: ρ⊗V beats ρ⊗ρ on the test curves and stays below 60 % of their STD', (cls) => {
    expect(rmsePercent(cls, 'rho-V')).toBeLessThan(rmsePercent(cls, 'rho-rho'));
    expect(rmsePercent(cls, 'rho-V')).toBeLessThan(60);
  });

  it('CC: ρ⊗V below 15 % of the test STD and at least 5× better than ρ⊗ρ', () => {
    expect(rmsePercent('CC', 'rho-V')).toBeLessThan(15);
    expect(rmsePercent('CC', 'rho-V') * 5).toBeLessThanOrEqual(rmsePercent('CC', 'rho-rho'));
  });

  it('trains on whole curves: no test curve in training, the paper’s training sizes', () => {
    const paper = { CC: 100, CP: 200, CA: 150, PP: 100, PA: 350, AA: 950 };
    for (const cls of CLASSES) {
      const s = studies.get(cls)!;
      expect(s.train.length).toBe(paper[cls]);
      expect(s.train.length + s.test.length).toBe(s.curveIds.length);
      expect(Array.from(s.test).some((c) => s.train.includes(c))).toBe(false);
      expect(s.test.includes(medianErrorCurve(s))).toBe(true);
    }
  });

  it('ρ⊗V committee: over all test points of all classes, 60–80 % inside ±1σ and ≥ 90 % inside ±2σ', () => {
    let one = 0;
    let two = 0;
    let points = 0;
    for (const s of studies.values()) {
      const { mean, sigma } = s.fits['rho-V']!.committee!;
      for (const c of s.test) {
        for (let k = 0; k < s.points; k++) {
          const r = c * s.points + k;
          const z = Math.abs(s.energies[r] - mean[r]) / sigma[r];
          one += z <= 1 ? 1 : 0;
          two += z <= 2 ? 1 : 0;
          points++;
        }
      }
    }
    console.info(
      `ρ⊗V committee: ${((100 * one) / points).toFixed(1)} % inside ±1σ, ${((100 * two) / points).toFixed(1)} % inside ±2σ`,
    );
    expect(one / points).toBeGreaterThanOrEqual(0.6);
    expect(one / points).toBeLessThanOrEqual(0.8);
    expect(two / points).toBeGreaterThanOrEqual(0.9);
  });

  it.each(CLASSES)(
    '%s: the ρ⊗V learning curve falls with the number of training curves, within its spread',
    (cls) => {
      const curve = studies.get(cls)!.fits['rho-V']!.learning!;
      expect(curve.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < curve.length; i++) {
        const [before, after] = [curve[i - 1].rmsePercent, curve[i].rmsePercent];
        expect(after.mean).toBeLessThanOrEqual(before.mean + before.std + after.std);
      }
      expect(curve.at(-1)!.rmsePercent.mean).toBeLessThan(curve[0].rmsePercent.mean);
    },
  );

  it('PA: the ρ⊗V test RMSE is stable within ±20 % across three seeds (split, folds, committee)', async () => {
    const errors = [studies.get('PA')!.fits['rho-V']!.testRmse];
    for (const seed of [1, 2]) {
      const s = await study('PA', { seed, kinds: ['rho-V'], committeeKinds: [], learningKinds: [] });
      errors.push(s.fits['rho-V']!.testRmse);
    }
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    console.info(`PA ρ⊗V test RMSE over seeds 0, 1, 2: ${errors.map((e) => e.toFixed(4)).join(', ')} eV`);
    for (const e of errors) expect(Math.abs(e - mean)).toBeLessThanOrEqual(0.2 * mean);
  }, 300_000);
});
