import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, pixelSpread } from './canvas.ts';

const AMMONIA = `4
Properties=species:S:1:pos:R:3 name=ammonia
N 0.000 0.000 0.000
H 0.940 0.000 -0.380
H -0.470 0.814 -0.380
H -0.470 -0.814 -0.380
`;

async function openFields(page: Page, hash = ''): Promise<void> {
  await page.goto(`/#v=2&lesson=fields${hash}`);
  await expect(page.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

test('the lesson opens with the slice drawn: the canvas changes when the slice shows another field', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openFields(page);
  await expect(page.getByTestId('slice-readout')).toContainText('atom 0 (O)');
  await expect(page.getByTestId('slice-error')).toHaveText(/\d %$/);
  await page.waitForTimeout(500);
  const expansion = await canvasPixels(page);
  expect(pixelSpread(expansion)).toBeGreaterThan(5);
  await page.getByRole('radio', { name: 'potential V_i' }).check();
  await expect(page.getByTestId('colour-bar')).toContainText('V expansion');
  await expect(page.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.waitForTimeout(500);
  const potential = await canvasPixels(page);
  const changed = potential.filter((p, i) => Math.abs(p - expansion[i]!) > 30).length;
  expect(changed / potential.length).toBeGreaterThan(0.02);
  await expect(page.getByTestId('chart-power-per-l')).toBeVisible();
  // Contour lines are light: more of the slice's pixels are bright with them than without.
  const bright = (pixels: number[]) => pixels.filter((p) => p > 200).length;
  await page.getByRole('radiogroup', { name: 'Contours' }).getByRole('radio', { name: 'on' }).check();
  await page.waitForTimeout(500);
  expect(bright(await canvasPixels(page))).toBeGreaterThan(bright(potential) + 100);
  // The feature heat map names the cell under the pointer as the CLI names columns.
  await page
    .getByTestId('feature-heat-map')
    .locator('canvas')
    .first()
    .hover({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('heat-cell')).toHaveText(/^rho-V\|l=0\|O0\|O0 = \d/);
  expect(errors).toEqual([]);
});

test('a pasted structure appears with its slice; a malformed one gives a message and keeps the view', async ({
  page,
}) => {
  await openFields(page);
  const text = page.getByLabel(/Extended XYZ/);
  await text.fill(AMMONIA);
  await page.getByRole('button', { name: 'Show this structure' }).click();
  await expect(page.getByTestId('paste-status')).toContainText('shown (4 atoms)');
  await expect(page.getByTestId('viewer')).toHaveAttribute(
    'aria-label',
    '4 atoms; slice through atom 0 (N)',
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('slice-readout')).toContainText('atom 0 (N)');
  await expect(page.getByLabel('Central atom').locator('option')).toHaveCount(4);
  await expect(page.getByLabel('Species channel').locator('option')).toHaveText([
    'all (every atom)',
    'N',
    'H',
  ]);

  await text.fill('2\n\nN 0 0 0\nH 0 one 0\n');
  await page.getByRole('button', { name: 'Show this structure' }).click();
  await expect(page.getByRole('alert')).toContainText('frame 1, line 4');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('viewer')).toHaveAttribute('aria-label', '4 atoms; slice through atom 0 (N)');
  await expect(page.getByTestId('slice-readout')).toContainText('atom 0 (N)');
  await expect(page.getByLabel('Central atom').locator('option')).toHaveCount(4);
});

test('a link carries a pasted structure', async ({ page, context }) => {
  await openFields(page);
  await page.getByLabel(/Extended XYZ/).fill(AMMONIA);
  await page.getByRole('button', { name: 'Show this structure' }).click();
  await expect(page.getByTestId('paste-status')).toContainText('links carry it');
  await page.getByLabel('Central atom').selectOption('2');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/pasted=[\w-]{20,}.*centre=2/);
  const link = await page.evaluate(() => window.location.href);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(other.getByTestId('viewer')).toHaveAttribute(
    'aria-label',
    '4 atoms; slice through atom 2 (H)',
  );
  await expect(other.getByLabel('Species channel').locator('option')).toHaveText([
    'all (every atom)',
    'N',
    'H',
  ]);
});

test('a link reproduces the structure, centre, slice and l_max', async ({ page, context }) => {
  await openFields(page);
  await page.getByLabel('Structure', { exact: true }).selectOption('h2o-co2');
  await expect(page.getByLabel('Central atom').locator('option')).toHaveCount(6, { timeout: 60_000 });
  await page.getByLabel('Central atom').selectOption('3');
  await page.getByRole('radio', { name: 'xy' }).check();
  const slider = page.getByRole('slider', { name: 'Angular cutoff l_max' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('6');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lMax=6');
  const link = await page.evaluate(() => window.location.href);
  expect(link).toMatch(/structure=h2o-co2/);
  expect(link).toMatch(/centre=3/);
  expect(link).toMatch(/plane=xy/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(other.getByLabel('Structure', { exact: true })).toHaveValue('h2o-co2');
  await expect(other.getByLabel('Central atom')).toHaveValue('3');
  await expect(other.getByRole('radio', { name: 'xy' })).toBeChecked();
  await expect(other.getByRole('slider', { name: 'Angular cutoff l_max' })).toHaveValue('6');
  await expect(other.getByTestId('slice-readout')).toContainText('atom 3 (C)');
  await expect(other.getByTestId('slice-readout')).toContainText('plane xy');
  await expect(other.getByTestId('viewer')).toHaveAttribute(
    'aria-label',
    '6 atoms; slice through atom 3 (C)',
  );
});
