/** The lesson's RMSE-by-l_max rows recomputed in Node with the f64 CPU engine, to compare with what a page shows. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { loadD2 } from '../src/data/d2.ts';
import { lessonFeatures, rmseByLmax } from '../src/experiments/h2o-co2/model.ts';
import type { Centring } from '../src/experiments/h2o-co2/spec.ts';
import { cpuEngine } from '../src/lode/features.ts';

const dataset = loadD2(
  JSON.parse(readFileSync(fileURLToPath(new URL('../public/data/d2-h2o-co2.json', import.meta.url)), 'utf8')),
);

/** Test RMSE (meV) for l_max 0..6 with the default hypers and window. */
export async function referenceRow(centring: Centring): Promise<number[]> {
  const features = await lessonFeatures(
    dataset,
    { centring, kind: 'rho-V', hypers: { cutoff: 3, sigma: 0.3, nMax: 6 } },
    cpuEngine,
  );
  return rmseByLmax(features, dataset.trainingWindow).map((x) => 1000 * x);
}

/** Test RMSE (meV) by l_max for one centring, read from the chart's table once the charts are up to date. */
export async function rmseRow(page: Page, centring: string): Promise<number[]> {
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  const cells = page.locator(`[data-testid=rmse-table] td[data-centring="${centring}"]`);
  await expect(cells).toHaveCount(7);
  // Full precision is in data-value; the text shows the digits both engines agree on.
  return cells.evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
}
