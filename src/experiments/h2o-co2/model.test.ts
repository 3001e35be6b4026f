import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadD2 } from '../../data/d2.ts';
import { cpuEngine } from '../../lode/features.ts';
import { matrix64 } from '../../learn/index.ts';
import {
  asymptoticErrors,
  fitLesson,
  lessonFeatures,
  lessonLevel,
  predictCurve,
  rmseByLmax,
} from './model.ts';
import type { Centring } from './spec.ts';

const dataset = loadD2(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../public/data/d2-h2o-co2.json', import.meta.url)), 'utf8'),
  ),
);
const window = dataset.trainingWindow;
const hypers = { cutoff: 3, sigma: 0.3, nMax: 6 };

async function sweep(centring: Centring): Promise<number[]> {
  const features = await lessonFeatures(dataset, { centring, kind: 'rho-V', hypers }, cpuEngine);
  const r = rmseByLmax(features, window);
  console.info(`${centring} test RMSE (meV) by l_max: ${r.map((x) => (1000 * x).toFixed(3)).join(', ')}`);
  return r;
}

describe('the H2O–CO2 multipole lesson on dataset D2 (paper Fig. 3)', () => {
  it('water-O centred ρ⊗V: the error drops at l_max = 1 (water dipole)', async () => {
    const r = await sweep('water-O');
    console.info(`water-O test RMSE (meV) by l_max: ${r.map((x) => (1000 * x).toFixed(2)).join(', ')}`);
    expect(r[1]).toBeLessThan(0.5 * r[0]);
  });

  it('CO2-C centred ρ⊗V: the error drops at l_max = 2 (CO2 quadrupole)', async () => {
    const r = await sweep('co2-C');
    console.info(`co2-C test RMSE (meV) by l_max: ${r.map((x) => (1000 * x).toFixed(2)).join(', ')}`);
    expect(r[2]).toBeLessThan(0.5 * r[1]);
    // The dipole channel alone does not help: CO2 has no dipole.
    expect(r[1]).toBeGreaterThan(0.8 * r[0]);
  });

  it('all-atom centres are good already at l_max = 0', async () => {
    const all = await sweep('all');
    const water = await sweep('water-O');
    console.info(`all-atom test RMSE (meV) by l_max: ${all.map((x) => (1000 * x).toFixed(2)).join(', ')}`);
    expect(all[0]).toBeLessThan(0.5 * water[0]);
  });

  it('asymptotic errors: l_max = 1 beats l_max = 0, series for the point-charge baseline', async () => {
    const features = await lessonFeatures(dataset, { centring: 'all', kind: 'rho-V', hypers }, cpuEngine);
    const { separations, series } = asymptoticErrors(dataset, features, window);
    expect(separations[0]).toBeGreaterThan(window[1]);
    expect(Object.keys(series)).toEqual(['l_max = 0', 'l_max = 1', 'point charges']);
    for (const values of Object.values(series)) expect(values.every(Number.isFinite)).toBe(true);
  });

  it('ρ⊗ρ with the window beyond the cutoff has no signal: it predicts the dissociated limit, 0, and says how far off that is', async () => {
    const features = await lessonFeatures(
      dataset,
      { centring: 'water-O', kind: 'rho-rho', hypers },
      cpuEngine,
    );
    expect(features.x.cols).toBe(0);
    const fit = fitLesson(features, 1, window);
    expect(fit.model).toBeNull();
    // Independently: the RMS of the test binding energies, read from the dataset.
    const level = lessonLevel(dataset);
    const test = dataset.curves.flatMap((c) =>
      c.points.filter((p) => p.coordinate > window[1] + 1e-9).map((p) => p.energies[level]!),
    );
    const rms = Math.sqrt(test.reduce((sum, e) => sum + e * e, 0) / test.length);
    expect(fit.testRmse).toBeCloseTo(rms, 12);
    expect(predictCurve(fit, matrix64(3, 0, new Float64Array(0)))).toEqual(new Float64Array(3));
  });
});
