import { expect, test } from '@playwright/test';
import { referenceRow, rmseRow } from './lesson-reference.ts';

test.setTimeout(420_000);

test('through the UI: which l_max each centring needs (paper Fig. 3), on WebGPU', async ({ page }) => {
  await page.goto('/#v=1&centring=water-O&lMax=1&engine=webgpu');
  const water = await rmseRow(page, 'water-O');
  expect(water[1]).toBeLessThan(0.5 * water[0]);
  // The f32 GPU features give the f64 CPU engine's errors (4 decimals in meV shown) to within 1 %.
  (await referenceRow('water-O')).forEach((expected, l) =>
    expect(Math.abs(water[l] - expected)).toBeLessThan(0.01 * expected + 2e-4),
  );

  await page.getByRole('radio', { name: 'C of CO2' }).check();
  const co2 = await rmseRow(page, 'co2-C');
  expect(co2[1]).toBeGreaterThan(0.8 * co2[0]);
  expect(co2[2]).toBeLessThan(0.5 * co2[1]);

  await page.getByRole('radio', { name: 'all atoms' }).check();
  const all = await rmseRow(page, 'all');
  expect(all[0]).toBeLessThan(0.5 * water[0]);

  await expect(page.getByTestId('engine-status')).toContainText('WebGPU');

  // Exports: the plotted numbers as CSV, one column per centring computed on this page (Fig. 3's overlay).
  await expect(page.getByTestId('chart-asymptotic-error')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('chart-rmse-by-lmax').getByRole('button', { name: 'CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rmse-by-lmax.csv');
  const { readFileSync } = await import('node:fs');
  expect(
    readFileSync(await file.path(), 'utf8')
      .split('\n')
      .find((l) => !l.startsWith('# ')),
  ).toBe('l,water-O (meV),co2-C (meV),all (meV)');
});

test('a copied link reproduces the same RMSE values in a new page', async ({ page, context }) => {
  await page.goto('/#v=1&centring=co2-C&lMax=2&orientation=3');
  const first = await rmseRow(page, 'co2-C');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => window.location.href);
  const other = await context.newPage();
  await other.goto(link);
  expect(await rmseRow(other, 'co2-C')).toEqual(first);
});
