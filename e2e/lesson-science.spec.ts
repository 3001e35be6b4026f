import { expect, test, type Page } from '@playwright/test';

test.setTimeout(420_000);

/** Test RMSE (meV) by l_max for one centring, read from the chart's table once the charts are up to date. */
async function rmseRow(page: Page, centring: string): Promise<number[]> {
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  const cells = page.locator(`[data-testid=rmse-table] td[data-centring="${centring}"]`);
  await expect(cells).toHaveCount(7);
  return (await cells.allTextContents()).map(Number);
}

test('through the UI: which l_max each centring needs (paper Fig. 3), on WebGPU', async ({ page }) => {
  await page.goto('/#v=1&centring=water-O&lMax=1');
  const water = await rmseRow(page, 'water-O');
  expect(water[1]).toBeLessThan(0.5 * water[0]);

  await page.getByRole('radio', { name: 'C of CO2' }).check();
  const co2 = await rmseRow(page, 'co2-C');
  expect(co2[1]).toBeGreaterThan(0.8 * co2[0]);
  expect(co2[2]).toBeLessThan(0.5 * co2[1]);

  await page.getByRole('radio', { name: 'all atoms' }).check();
  const all = await rmseRow(page, 'all');
  expect(all[0]).toBeLessThan(0.5 * water[0]);

  await expect(page.getByTestId('engine-status')).toContainText('WebGPU');

  // Exports: the plotted numbers as CSV.
  await expect(page.getByTestId('chart-asymptotic-error')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('chart-rmse-by-lmax').getByRole('button', { name: 'CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rmse-by-lmax.csv');
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('l,all');
});
