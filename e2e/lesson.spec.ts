import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, pixelSpread } from './canvas.ts';

async function openLesson(page: Page, hash = '#v=2&lesson=h2o-co2'): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

test('the lesson opens with the 3D view drawn (not blank)', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openLesson(page);
  await page.waitForTimeout(500);
  expect(pixelSpread(await canvasPixels(page))).toBeGreaterThan(5);
  await expect(page.getByRole('form', { name: 'Lesson controls' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the keyboard operates the l_max slider and the link follows', async ({ page }) => {
  await openLesson(page);
  const slider = page.getByRole('slider', { name: 'Angular cutoff l_max' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('3');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lMax=3');
});

test('a shared link reproduces the controls in a new page', async ({ page, context }) => {
  await openLesson(page, '#v=1&lesson=h2o-co2&orientation=7&separation=8.5&centring=co2-C&lMax=2&nMax=4');
  await page.getByRole('radio', { name: 'all atoms' }).check();
  const link = await page.evaluate(() => window.location.href);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(other.getByRole('radio', { name: 'all atoms' })).toBeChecked();
  await expect(other.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('2');
  await expect(other.getByRole('slider', { name: 'Separation R' })).toHaveValue('8.5');
  await expect(other.getByRole('slider', { name: /Orientation/ })).toHaveValue('7');
});

test('a corrupted link opens with defaults and a clear notice', async ({ page }) => {
  await openLesson(page, '#v=1&lMax=banana&separation=-4&zoom=9');
  await expect(page.getByTestId('notices')).toContainText('lMax');
  await expect(page.getByTestId('notices')).toContainText('separation');
  await expect(page.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('1');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notices')).toHaveCount(0);
});

test('a link from a newer version says so and opens the lesson list', async ({ page }) => {
  await page.goto('/#v=99&lMax=5');
  await expect(page.getByTestId('notices')).toContainText('newer version');
  await expect(page.getByRole('heading', { name: 'Lessons' })).toBeVisible();
});

test('the start page lists the lessons with what each teaches; a link opens one', async ({ page }) => {
  await page.goto('/');
  const card = page.locator('.lesson-card').first();
  await expect(card).toContainText('l_max');
  await card.getByRole('link', { name: 'Centred on CO2' }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(page.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('0');
  await expect(page.getByRole('button', { name: /Centred on CO2/ })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('step=co2-centre');
});

test('links that name inherited properties open with a notice instead of a blank page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const hash of ['#constructor=1', '#__proto__=1', '#toString=x', '#v=2&lesson=constructor']) {
    await page.goto(`/${hash}`);
    await expect(page.getByTestId('notices')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'LODE Explorer' })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('moving l_max while the first features are computed still ends in charts (no stale cancellation)', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/#v=2&lesson=h2o-co2&engine=cpu');
  const slider = page.getByRole('slider', { name: 'Angular cutoff l_max' });
  // The controls appear at once; the worker needs seconds for the first features.
  await expect(slider).toBeVisible();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft']) {
    await slider.focus();
    await page.keyboard.press(key);
    await page.waitForTimeout(300);
  }
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.locator('[data-testid=rmse-table] td[data-centring="water-O"]')).toHaveCount(7);
});

test('presentation mode hides the controls a lesson preset hides', async ({ page }) => {
  await openLesson(page, '#lesson=water-centre');
  await expect(page.getByRole('radiogroup')).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('0');
});
