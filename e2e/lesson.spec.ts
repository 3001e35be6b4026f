import { expect, test, type Page } from '@playwright/test';

async function openLesson(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

/** Standard deviation of the pixel bytes of a PNG screenshot region: ~0 for a blank canvas. */
async function canvasSpread(page: Page): Promise<number> {
  return page
    .getByTestId('viewer')
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < data.length; i += 4) {
        sum += data[i];
        squares += data[i] * data[i];
      }
      const n = data.length / 4;
      return Math.sqrt(squares / n - (sum / n) ** 2);
    });
}

test('the lesson opens with the 3D view drawn (not blank)', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openLesson(page);
  await page.waitForTimeout(500);
  expect(await canvasSpread(page)).toBeGreaterThan(5);
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

test('a link from a newer version says so and opens the defaults', async ({ page }) => {
  await openLesson(page, '#v=99&lMax=5');
  await expect(page.getByTestId('notices')).toContainText('newer version');
});

test('presentation mode hides the controls a lesson preset hides', async ({ page }) => {
  await openLesson(page, '#lesson=water-centre');
  await expect(page.getByRole('radiogroup')).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('0');
});
