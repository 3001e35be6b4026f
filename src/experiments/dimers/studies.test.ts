import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadD1 } from '../../data/d1.ts';
import { cpuEngine } from '../../lode/features.ts';
import { curvePrediction, medianErrorCurve, predictAtDisplacements } from './curve-predictions.ts';
import { runClassStudy } from './class-study.ts';
import { DimerStudies } from './studies.ts';

const full = loadD1(
  JSON.parse(readFileSync(new URL('../../../public/data/d1-ssi.json', import.meta.url), 'utf8')),
);
// 30 CC curves: the paper's share of them (16) for training.
const dataset = { ...full, curves: full.curves.filter((c) => c.class === 'CC').slice(0, 30) };
const request = { cls: 'CC', hypers: { cutoff: 3, sigma: 0.3, nMax: 2, lMax: 1 } } as const;

describe('dimer studies of a session', () => {
  const studies = new DimerStudies(dataset, cpuEngine);

  it('computes a class with progress, then serves it from the cache', async () => {
    const fractions: number[] = [];
    const study = await studies.study(request, { onProgress: (p) => fractions.push(p.fraction) });
    expect(study.train.length).toBe(16);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(studies.done(request)).toBe(study);
    expect(await studies.study(request)).toBe(study);
    expect(studies.done({ ...request, seed: 1 })).toBeUndefined();
  });

  it('makes a study of several kinds from one-kind studies, the same as computing them together', async () => {
    const rhoV = await studies.study({ ...request, kinds: ['rho-V'] });
    const both = await studies.study({ ...request, kinds: ['rho-V', 'V-V'] });
    // The ρ⊗V fit is reused, not recomputed; the union is what runClassStudy gives for both kinds at once.
    expect(both.fits['rho-V']).toBe(rhoV.fits['rho-V']);
    expect(both.fits['rho-rho']).toBeUndefined();
    const together = await runClassStudy('CC', dataset.curves, dataset.level, cpuEngine, {
      hypers: request.hypers,
      seed: 0,
      kinds: ['rho-V', 'V-V'],
    });
    for (const kind of ['rho-V', 'V-V'] as const) {
      expect(both.fits[kind]!.testRmse).toBe(together.fits[kind]!.testRmse);
      expect(both.fits[kind]!.alpha).toBe(together.fits[kind]!.alpha);
    }
    expect(Array.from(both.test)).toEqual(Array.from(together.test));
  });

  it('answers an early request once the fits are done, and finishes the learning curves behind it', async () => {
    const early = { ...request, seed: 5, kinds: ['rho-V'] } as const;
    const fractions: number[] = [];
    const first = await studies.study(early, { early: true, onProgress: (p) => fractions.push(p.fraction) });
    expect(fractions.at(-1)).toBe(1);
    const fitted = first.fits['rho-V']!;
    expect(fitted.learning).toBeUndefined();
    expect(fitted.committee).toBeDefined();
    expect(studies.done(early, true)?.fits['rho-V']).toBeDefined();
    // The whole study: the same split, model, predictions and band, with the learning curves added.
    const whole = await studies.study(early);
    const fit = whole.fits['rho-V']!;
    expect(fit.learning!.length).toBeGreaterThan(1);
    expect(fit.learning!.at(-1)!.curves).toBe(whole.train.length);
    expect(Array.from(whole.test)).toEqual(Array.from(first.test));
    expect(fit.alpha).toBe(fitted.alpha);
    expect(fit.predicted).toEqual(fitted.predicted);
    expect(fit.committee!.sigma).toEqual(fitted.committee!.sigma);
    expect(studies.done(early)).toBe(whole);
    // Once whole, an early request gets the whole study.
    expect((await studies.study(early, { early: true })).fits['rho-V']).toBe(fit);
  });

  it('tells a request that joins a running class its progress, from where the class stands', async () => {
    const joining = { ...request, seed: 3, kinds: ['rho-V'] } as const;
    let joined: Promise<unknown> | undefined;
    const fractions: number[] = [];
    const first = studies.study(joining, {
      onProgress: (p) => {
        // The second request comes once the first has made some progress (the view after the page's prefetch).
        if (p.fraction > 0.2 && !joined)
          joined = studies.study(joining, { onProgress: (q) => fractions.push(q.fraction) });
      },
    });
    const study = await first;
    expect(await joined).toBe(study);
    expect(fractions[0]).toBeGreaterThan(0.2);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
  });

  it('stops a class when its only request is cancelled', async () => {
    const controller = new AbortController();
    const pending = studies.study({ ...request, seed: 2 }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('draws a curve from the stored predictions, and predicts the same at its displacements on demand', async () => {
    const study = (await studies.study(request))!;
    const c = medianErrorCurve(study);
    const drawn = curvePrediction(study, c);
    expect(drawn.heldOut).toBe(true);
    expect(drawn.id).toBe(dataset.curves[c].id);
    expect(Array.from(drawn.reference)).toEqual(
      dataset.curves[c].points.map((p) => p.energies[dataset.level]),
    );
    const again = await predictAtDisplacements(study, dataset.curves[c], drawn.displacements, cpuEngine);
    for (const kind of ['rho-rho', 'rho-V', 'V-V'] as const) {
      drawn.predicted[kind]!.forEach((v, k) => expect(again.predicted[kind]![k]).toBeCloseTo(v, 3));
    }
    drawn.band!.sigma.forEach((v, k) => expect(again.band!.sigma[k]).toBeCloseTo(v, 3));
    // One displacement alone (the slider) gives the same as within the whole curve.
    const one = await predictAtDisplacements(study, dataset.curves[c], [drawn.displacements[12]], cpuEngine);
    expect(one.predicted['rho-V']![0]).toBeCloseTo(drawn.predicted['rho-V']![12], 3);
  });
});
