import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, pixelSpread } from './canvas.ts';

/** Opens the water-on-lithium lesson on the CPU engine, waits for the charts and the 3D view; returns seconds. */
async function openLesson(page: Page, hash = ''): Promise<number> {
  const started = Date.now();
  await page.goto(`/#v=2&lesson=li-water&engine=cpu${hash}`);
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  return (Date.now() - started) / 1000;
}

test('the lesson opens with a drawn slab, the dipole arrows, both models and the scores', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#v=2&lesson=li-water&engine=cpu');
  await expect(page.getByRole('progressbar', { name: 'Computing features and fits' })).toBeVisible();
  const seconds = await openLesson(page);
  console.log(`water on Li(100): first charts after ${seconds.toFixed(1)} s (CPU engine)`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  // The default height (3 Å) is a dataset point below the models' P^W domain (4.5 Å up): the reference arrow only.
  await expect(page.locator('.viewer-box')).toHaveAttribute('data-arrows', 'reference');
  await expect(page.getByTestId('li-water-readout')).toContainText('P^W is predicted above 4.5 Å only');
  await expect(page.getByTestId('arrow-legend')).toContainText('induced dipole P^W');
  await expect(page.getByText(/median-error test configuration \(w\d\d\)/)).toBeVisible();
  await expect(page.getByTestId('chart-li-water-binding')).toContainText('image-charge model');
  // The cutoff and where ρ⊗ρ goes blind are marked on the binding curve.
  await expect(page.getByTestId('chart-li-water-binding')).toContainText('r_c');
  await expect(page.getByTestId('chart-li-water-binding')).toContainText('ρ⊗ρ blind beyond r_c + 6σ');
  await expect(page.getByTestId('li-water-scores')).toBeVisible();
  // The paper's findings, as the page shows them: ρ⊗V learns the binding curves better, and P^W, which ρ⊗ρ cannot.
  const scores = async (kind: string) =>
    (await page.locator(`[data-testid=li-water-scores] tr[data-kind=${kind}] td`).allTextContents()).map(
      parseFloat,
    );
  const [, energyRhoRho, , dipoleRhoRho] = await scores('rho-rho');
  const [, energyRhoV, , dipoleRhoV] = await scores('rho-V');
  expect(energyRhoV).toBeLessThan(energyRhoRho!);
  expect(dipoleRhoRho).toBeGreaterThan(80);
  expect(dipoleRhoV).toBeLessThan(50);
  // The learning curves follow in the background.
  await expect(page.getByTestId('chart-li-water-learning')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('chart-li-water-dipole')).toBeVisible();
  const withImages = await canvasPixels(page);
  expect(pixelSpread(withImages)).toBeGreaterThan(5);
  // Without the periodic images the picture changes (they fill the surroundings of the cell).
  await page.getByRole('radio', { name: 'off' }).check();
  await expect(page.getByRole('radio', { name: 'off' })).toBeChecked();
  await expect
    .poll(async () => {
      const without = await canvasPixels(page);
      return without.filter((p, i) => p !== withImages[i]).length / without.length;
    })
    .toBeGreaterThan(0.01);
  expect(errors).toEqual([]);
});

test('a copied link reproduces the configuration, the height and the numbers; the presets decode', async ({
  page,
  context,
}) => {
  test.setTimeout(400_000);
  await openLesson(page, '&configuration=12');
  const height = page.getByRole('slider', { name: 'Height' });
  await height.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(height).toHaveValue('3.15');
  await expect(page.getByTestId('li-water-readout')).toContainText('3.15 Å', { timeout: 60_000 });
  // The binding curve marks the chosen height where its x axis puts 3.15 Å, placed against its two other marks:
  // r_c = 4 Å and r_c + 6σ = 5.8 Å.
  const binding = page.getByTestId('chart-li-water-binding');
  const marker = binding.locator('.param-marker');
  await expect(marker).toHaveAttribute('data-value', '3.15');
  const [cutoff, reach] = await binding
    .locator('.recharts-reference-line line')
    .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x1'))));
  const expected = cutoff! + ((3.15 - 4) / (5.8 - 4)) * (reach! - cutoff!);
  expect(Number(await marker.getAttribute('x1'))).toBeCloseTo(expected, 0);
  // Between the dataset's heights there is no reference arrow (and below 4.5 Å no model arrow).
  await expect(page.locator('.viewer-box')).toHaveAttribute('data-arrows', '');
  const hash = await page.evaluate(() => window.location.hash);
  expect(hash).toContain('configuration=12');
  expect(hash).toContain('height=3.15');
  const readout = await page.getByTestId('li-water-readout').textContent();
  const scores = await page.getByTestId('li-water-scores').textContent();

  const other = await context.newPage();
  await other.goto(await page.evaluate(() => window.location.href));
  await expect(other.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(other.getByRole('slider', { name: 'Height' })).toHaveValue('3.15');
  await expect(other.getByRole('slider', { name: 'Water configuration' })).toHaveValue('12');
  await expect(other.getByTestId('li-water-readout')).toHaveText(readout!);
  await expect(other.getByTestId('li-water-scores')).toHaveText(scores!);

  // The polarisation preset: the water 5.5 Å up, the training-curves control hidden.
  await other.goto('/#v=2&lesson=li-water&engine=cpu&step=polarisation');
  await expect(other.getByRole('slider', { name: 'Height' })).toHaveValue('5.5');
  await expect(other.getByRole('slider', { name: 'Training curves' })).toHaveCount(0);
  await expect(other.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(other.getByTestId('li-water-readout')).toContainText('5.50 Å');
  // A dataset height inside the models' P^W domain: the reference and both models' arrows.
  await expect(other.locator('.viewer-box')).toHaveAttribute('data-arrows', 'rho-rho rho-V reference');
});
