import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadD2 } from '../../data/d2.ts';
import { cpuEngine } from '../../lode/features.ts';
import { defaultValues, sessionValues } from '../params.ts';
import { fitLesson, lessonFeatures } from './model.ts';
import { H2oCo2Session } from './session.ts';
import { params } from './spec.ts';

const dataset = loadD2(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../public/data/d2-h2o-co2.json', import.meta.url)), 'utf8'),
  ),
);
const values = sessionValues(params, defaultValues(params));
const superseded = () => new DOMException('superseded', 'AbortError');

describe('H2O–CO2 session', () => {
  it('a request that supersedes one still featurising gets its charts (the cancellation is not cached)', async () => {
    const session = new H2oCo2Session(dataset, cpuEngine);
    const first = new AbortController();
    const progress: number[] = [];
    const a = session.series(values, { signal: first.signal, onProgress: (p) => progress.push(p.fraction) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.abort(superseded());
    const b = session.series({ ...values, lMax: 2 }, { signal: new AbortController().signal });
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    const series = await b;
    // The same numbers as an independent, uncached fit of the same features.
    const features = await lessonFeatures(
      dataset,
      { centring: 'water-O', kind: 'rho-V', hypers: { cutoff: 3, sigma: 0.3, nMax: 6 } },
      cpuEngine,
    );
    expect(series.testRmse).toBeCloseTo(fitLesson(features, 2, [6.5, 9]).testRmse, 12);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('a request cancelled with nobody taking over leaves nothing behind: the next one computes afresh', async () => {
    const session = new H2oCo2Session(dataset, cpuEngine);
    const only = new AbortController();
    const a = session.series({ ...values, centring: 'co2-C' }, { signal: only.signal });
    only.abort(superseded());
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const series = await session.series({ ...values, centring: 'co2-C' });
    expect(series.rmseByLmax['co2-C']).toHaveLength(params.lMax.max + 1);
  });

  it('overlays every centring computed so far, and the distance chart follows l_max', async () => {
    const session = new H2oCo2Session(dataset, cpuEngine);
    const first = await session.series({ ...values, lMax: 2 });
    expect(Object.keys(first.rmseByLmax)).toEqual(['water-O']);
    expect(Object.keys(first.asymptotic[0]!).sort()).toEqual([
      'l_max = 0',
      'l_max = 2',
      'point charges',
      'separation',
    ]);
    const co2 = await session.series({ ...values, centring: 'co2-C' });
    const again = await session.series({ ...values, lMax: 2 });
    expect(Object.keys(again.rmseByLmax).sort()).toEqual(['co2-C', 'water-O']);
    expect(again.rmseByLmax['co2-C']).toEqual(co2.rmseByLmax['co2-C']);
    expect(again.rmseByLmax['water-O']).toEqual(first.rmseByLmax['water-O']);
    expect(again.modelColumns).toBe(first.modelColumns);
    expect(first.modelColumns).toBeGreaterThan(0);
  });
});
