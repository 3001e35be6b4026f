import { expect, test, type Page } from '@playwright/test';

const LESSON = '/#v=2&lesson=h2o-co2&engine=cpu';

async function chartsReady(page: Page): Promise<void> {
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
}

const hash = (page: Page) => page.evaluate(() => decodeURIComponent(window.location.hash));

test('training-window boxes apply on Enter, clamp to 3–20 Å with a message, and never produce NaN', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(LESSON);
  await chartsReady(page);
  const from = page.getByRole('spinbutton', { name: 'Training window from (Å)' });
  const to = page.getByRole('spinbutton', { name: 'Training window to (Å)' });
  await to.fill('10');
  await to.press('Enter');
  await expect.poll(() => hash(page)).toContain('trainWindow=6.5,10');
  await to.fill('25');
  await to.press('Enter');
  await expect(page.getByText('Limited to 3–20 Å.')).toBeVisible();
  await expect.poll(() => hash(page)).toContain('trainWindow=6.5,20');
  await from.fill('21');
  await from.blur();
  await expect(page.getByText('"From" must be below "to"')).toBeVisible();
  await expect(from).toHaveValue('6.5');
  await to.fill('9');
  await to.press('Enter');
  await chartsReady(page);
  await expect(page.getByTestId('test-rmse')).not.toContainText('NaN');
  await expect(page.getByTestId('test-rmse')).toContainText(/RMSE: [\d.]+ meV/);
});

test('ρ⊗ρ (local) beyond its cutoff shows its flat prediction and its error instead of failing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(LESSON);
  await chartsReady(page);
  await page.getByRole('combobox', { name: 'Features' }).selectOption('rho-rho');
  await chartsReady(page);
  await expect(page.getByTestId('no-signal')).toBeVisible();
  await expect(page.getByTestId('prediction-at-r')).toContainText('predicts 0 meV');
  await expect(page.getByTestId('test-rmse')).toContainText(/RMSE: [\d.]+ meV/);
  await expect(page.getByTestId('chart-binding-curve')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a separation the model does not cover is said to be outside, not answered with a clamped value', async ({
  page,
}) => {
  await page.goto(`${LESSON}&separation=3`);
  await chartsReady(page);
  await expect(page.getByTestId('prediction-at-r')).toContainText('R = 3.00 Å is outside');
});

test('the error-against-l_max chart fills in the other centrings in the background', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(LESSON);
  await chartsReady(page);
  for (const centring of ['water-O', 'co2-C', 'all']) {
    await expect(page.locator(`[data-testid=rmse-table] td[data-centring="${centring}"]`)).toHaveCount(7, {
      timeout: 120_000,
    });
  }
});

test('at 390 px nothing overflows sideways; the orientation shows its name', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  await chartsReady(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const orientation = page.getByRole('slider', { name: 'Orientation' });
  await expect(orientation.locator('xpath=following-sibling::output[1]')).toHaveText(/^o\d+/);
});

test('"Link copied" clears; presentation mode shows the link as a QR code and goes into the link', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LESSON);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  await expect(page.getByText('Link copied')).toHaveCount(0, { timeout: 6_000 });
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByTestId('qr-link').locator('svg path')).toHaveCount(1);
  await expect.poll(() => hash(page)).toContain('present=1');
  const link = await page.getByTestId('qr-link').getAttribute('data-link');
  expect(link).toBe(await page.evaluate(() => window.location.href));
  await expect(page.locator('.diagnostics')).toBeHidden();
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByTestId('qr-link')).toHaveCount(0);
});

test('a dead engine worker is noticed, replaced and asked again: the charts recover', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(LESSON);
  await chartsReady(page);
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(worker).toBeDefined();
  // The worker ends without an error event: only the missing answers can tell.
  await worker!.evaluate(() => (self as unknown as { close(): void }).close());
  const slider = page.getByRole('slider', { name: 'Angular cutoff l_max' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('engine-lost')).toContainText('stopped answering', { timeout: 90_000 });
  await chartsReady(page);
  await expect(page.getByTestId('prediction-at-r')).toContainText('meV');
  await expect.poll(() => hash(page)).toContain('lMax=2');
});
