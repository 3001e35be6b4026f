import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/**
 * Opens the dimer lesson on the CPU engine and waits for its first curve; returns the seconds it took. Then waits
 * for ρ⊗ρ, which follows the first curve.
 */
async function openDimers(page: Page, hash = ''): Promise<number> {
  const started = Date.now();
  await page.goto(`/#v=2&lesson=dimers&engine=cpu${hash}`);
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  const seconds = (Date.now() - started) / 1000;
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await rhoRhoShown(page);
  return seconds;
}

async function rhoRhoShown(page: Page): Promise<void> {
  await expect(page.getByTestId('dimer-readout')).not.toContainText('still computing', { timeout: 180_000 });
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
  const table = page.getByTestId('table-1');
  await expect(table).toContainText('Paper: PBE0-TS reference');
  await expect(table).toContainText('ours: GFN2-xTB');
  // The lesson's class has ρ⊗ρ and ρ⊗V (V⊗V on request); the other classes wait for the button.
  await expect(
    table.getByRole('row', { name: /^CC ours 100 \S+ \S+ \(\S+ %\) \S+ \(\S+ %\) —$/ }),
  ).toBeVisible();
  await expect(
    table.getByRole('row', { name: /^CC paper 100 1\.860 0\.720 \(38\.7 %\) 0\.049 \(2\.6 %\) / }),
  ).toBeVisible();
  await expect(table.getByRole('row', { name: 'AA ours not computed yet' })).toBeVisible();
  // Fig. 6: the class's learning curves, the other classes offered for computing in the legend.
  const learning = page.getByTestId('chart-dimer-learning');
  await expect(learning.locator('.recharts-line')).toHaveCount(2);
  await expect(learning.getByRole('button', { name: 'CC', pressed: true })).toBeVisible();
  await expect(learning.getByRole('button', { name: 'AA: compute' })).toBeEnabled();
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
  await rhoRhoShown(other);
  await expect(other.getByRole('radio', { name: /^CC:/ })).toBeChecked();
  await expect(other.getByRole('slider', { name: 'Dimer' })).toHaveValue('5');
  await expect(other.getByRole('slider', { name: 'Displacement' })).toHaveValue('1.5');
  await expect(other.getByTestId('dimer-readout')).toHaveText(readout!);
  await expect(other.locator('[data-testid=chart-dimer-curve] figcaption')).toHaveText(caption!);
});

test('a dimer is found by name, and Table 1 gets V⊗V on request with progress and cancel', async ({
  page,
}) => {
  test.setTimeout(400_000);
  await openDimers(page);
  const dimer = page.getByRole('slider', { name: 'Dimer' });
  // The slider spans the class's own dimers.
  await expect(dimer).toHaveAttribute('max', '190');
  const ccIds = (
    JSON.parse(readFileSync(new URL('../public/data/d1-ssi.json', import.meta.url), 'utf8')) as {
      dimers: { id: string; class: string }[];
    }
  ).dimers
    .filter((d) => d.class === 'CC')
    .map((d) => d.id);
  const wanted = ccIds.find((id) => id.includes('ARG-') && id.endsWith('-2'))!;
  const search = page.getByRole('combobox', { name: 'Find a dimer' });
  await search.fill(wanted.toLowerCase());
  await search.press('Enter');
  await expect(dimer).toHaveValue(String(ccIds.indexOf(wanted)));
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.locator('[data-testid=chart-dimer-curve] figcaption')).toContainText(wanted);
  await search.fill('no such dimer');
  await search.press('Enter');
  await expect(page.getByText('No dimer matches “no such dimer”.')).toBeVisible();

  // The learning curves' legend toggles a class from the keyboard.
  const learning = page.getByTestId('chart-dimer-learning');
  const cc = learning.getByRole('button', { name: 'CC', pressed: true });
  await cc.focus();
  await page.keyboard.press('Enter');
  await expect(learning.getByRole('button', { name: 'CC', pressed: false })).toBeVisible();
  await expect(learning.locator('.recharts-line')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(learning.locator('.recharts-line')).toHaveCount(2);

  const table = page.getByTestId('table-1');
  await page.getByRole('button', { name: /^Compute the full Table 1 \(CC, CP, CA, PP, PA, AA:/ }).click();
  await expect(page.getByRole('progressbar', { name: 'Computing Table 1' })).toBeVisible();
  // CC needs V⊗V only (its ρ⊗ρ and ρ⊗V are the lesson's); then the next class starts.
  await expect(table.getByRole('row', { name: /^CC ours 100 \S+( \S+ \(\S+ %\)){3}$/ })).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByRole('status').filter({ hasText: 'Table 1, class CP (2 of 6)' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Cancelled: the rows already computed stay.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Computing Table 1' })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /^CC ours 100 .* \(\S+ %\)$/ })).toBeVisible();
  await expect(table.getByRole('row', { name: 'CP ours not computed yet' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: /^Compute the full Table 1 \(CP, CA, PP, PA, AA:/ }),
  ).toBeEnabled();
});
