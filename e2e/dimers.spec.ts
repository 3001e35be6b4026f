import { expect, test, type Page } from '@playwright/test';

/** Opens the dimer lesson on the CPU engine and waits for its class to be computed; returns the seconds it took. */
async function openDimers(page: Page, hash = ''): Promise<number> {
  const started = Date.now();
  await page.goto(`/#v=2&lesson=dimers&engine=cpu${hash}`);
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  return (Date.now() - started) / 1000;
}

test('the lesson opens on charged pairs, computes the class with progress and shows the curve and the class row', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#v=2&lesson=dimers&engine=cpu');
  await expect(page.getByRole('radio', { name: /^CC: charged–charged \(191 dimers\)/ })).toBeChecked();
  await expect(page.getByRole('progressbar', { name: 'Computing features and fits' })).toBeVisible();
  const seconds = await openDimers(page);
  console.log(`CC: first curve after ${seconds.toFixed(1)} s (CPU engine)`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByTestId('chart-dimer-curve')).toContainText('test dimer: the models never saw it');
  await expect(page.locator('[data-testid=chart-dimer-curve] .recharts-area')).toHaveCount(1);
  const row = page.getByTestId('class-row');
  await expect(row).toContainText('paper: PBE0-TS reference; ours: GFN2-xTB');
  await expect(row.getByRole('row', { name: /^ours 100 / })).toBeVisible();
  await expect(row.getByRole('row', { name: /^paper 100 1\.860 0\.720 .* 0\.049 / })).toBeVisible();
  await expect(page.getByTestId('coverage')).toContainText(/\d+ % of the CC test points lie inside/);
  await expect(page.getByTestId('dimer-readout')).toContainText('At 0.00 Å: reference');
  await expect(page.getByText(/median-error test dimer \(\S+\)/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a copied link reproduces the class, the dimer, the displacement and the numbers', async ({
  page,
  context,
}) => {
  test.setTimeout(400_000);
  await openDimers(page, '&cls=CC&dimer=4');
  const dimer = page.getByRole('slider', { name: 'Dimer' });
  await dimer.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dimer).toHaveValue('5');
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  const displacement = page.getByRole('slider', { name: 'Displacement' });
  await displacement.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(displacement).toHaveValue('1.5');
  await expect(page.getByTestId('dimer-readout')).toContainText('At 1.50 Å');
  const hash = await page.evaluate(() => window.location.hash);
  expect(hash).toContain('dimer=5');
  expect(hash).toContain('displacement=1.5');
  const readout = await page.getByTestId('dimer-readout').textContent();
  const caption = await page.locator('[data-testid=chart-dimer-curve] figcaption').textContent();

  const other = await context.newPage();
  await other.goto(await page.evaluate(() => window.location.href));
  await expect(other.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(other.getByRole('radio', { name: /^CC:/ })).toBeChecked();
  await expect(other.getByRole('slider', { name: 'Dimer' })).toHaveValue('5');
  await expect(other.getByRole('slider', { name: 'Displacement' })).toHaveValue('1.5');
  await expect(other.getByTestId('dimer-readout')).toHaveText(readout!);
  await expect(other.locator('[data-testid=chart-dimer-curve] figcaption')).toHaveText(caption!);
});
