import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, pixelSpread } from './canvas.ts';

const AMMONIA = `4
Properties=species:S:1:pos:R:3 name=ammonia
N 0.000 0.000 0.000
H 0.940 0.000 -0.380
H -0.470 0.814 -0.380
H -0.470 -0.814 -0.380
`;

/** Three atoms in a triclinic cell, periodic in all three directions. */
const TRICLINIC = `3
Lattice="4.1 0 0 1 4.3 0 0.5 0.8 4.6" pbc="T T T"
O 0.2 0.3 0.1
H 1.1 0.5 0.4
H 0 1.2 0.6
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
  await expect(page.getByTestId('boundary')).toHaveText('a cluster');
  await expect(page.getByRole('checkbox', { name: 'Treat as a cluster' })).toBeDisabled();
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

test('a pasted periodic structure keeps its cell, in the view and in links; it can be treated as a cluster', async ({
  page,
  context,
}) => {
  await openFields(page);
  await page.getByLabel(/Extended XYZ/).fill(TRICLINIC);
  await page.getByRole('button', { name: 'Show this structure' }).click();
  await expect(page.getByTestId('paste-status')).toContainText(
    'shown (3 atoms, periodic along a, b, c (bulk)); links carry it',
  );
  const viewer = '3 atoms in their cell, periodic along a, b, c (bulk); slice through atom 0 (O)';
  await expect(page.getByTestId('viewer')).toHaveAttribute('aria-label', viewer, { timeout: 60_000 });
  await expect(page.getByTestId('boundary')).toHaveText('periodic along a, b, c (bulk)');
  // The downloaded features are the periodic system's (the heat map follows the slice in a deferred render).
  const saved = async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download features (JSON, with labels)' }).click();
    return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  };
  await expect.poll(async () => (await saved()).boundary, { timeout: 30_000 }).toBe('bulk');
  const { labels, values } = await saved();
  expect(labels).toHaveLength(values.length);
  // The same row as the CLI writes it: .npy (read here byte by byte) and its column names.
  const files = new Map<string, Buffer>();
  page.on('download', async (d) => files.set(d.suggestedFilename(), readFileSync((await d.path())!)));
  await page.getByRole('button', { name: 'Download features (.npy + labels)' }).click();
  await expect.poll(() => files.size).toBe(2);
  const npy = files.get('rho-V-features.npy')!;
  expect(npy.subarray(0, 6).equals(Buffer.from([0x93, ...Buffer.from('NUMPY')]))).toBe(true);
  const headerEnd = 10 + npy.readUInt16LE(8);
  expect(npy.toString('latin1', 10, headerEnd)).toContain(`'shape': (1, ${values.length})`);
  const row = Array.from({ length: values.length }, (_, i) => npy.readDoubleLE(headerEnd + 8 * i));
  expect(row).toEqual(values);
  expect(JSON.parse(files.get('rho-V-features.labels.json')!.toString('utf8')).columns).toEqual(labels);

  const other = await context.newPage();
  await other.goto(await page.evaluate(() => window.location.href));
  await expect(other.getByTestId('viewer')).toHaveAttribute('aria-label', viewer, { timeout: 90_000 });
  await expect(other.getByTestId('boundary')).toHaveText('periodic along a, b, c (bulk)');
  const cluster = other.getByRole('checkbox', { name: 'Treat as a cluster' });
  await cluster.check();
  await expect(other.getByTestId('boundary')).toHaveText('a cluster (its cell ignored)', { timeout: 60_000 });
  await expect(other.getByTestId('viewer')).toHaveAttribute(
    'aria-label',
    '3 atoms; slice through atom 0 (O)',
  );
  await expect.poll(() => other.evaluate(() => window.location.hash)).toContain('pbc=cluster');
});

test('the Li slab with water opens with its periodic potential on the slice', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openFields(page, '&structure=li-slab-water&field=potential&show=exact');
  await expect(page.getByTestId('viewer')).toHaveAttribute(
    'aria-label',
    '328 atoms in their cell, periodic along a, b (slab); slice through atom 0 (O)',
  );
  await expect(page.getByTestId('viewer').locator('canvas')).toHaveAttribute(
    'data-slice',
    'n_max 8, l_max 4',
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('slice-error')).toHaveText(/\d %$/);
  await expect(page.getByLabel('Species channel').locator('option')).toHaveText([
    'all (every atom)',
    'O',
    'H',
    'Li',
  ]);
  await page.waitForTimeout(500);
  expect(pixelSpread(await canvasPixels(page))).toBeGreaterThan(5);
  expect(errors).toEqual([]);
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
  // The frame that draws the new slice marks the canvas with its truncation (bench:ui:fields waits on it).
  await expect(page.getByTestId('viewer').locator('canvas')).toHaveAttribute(
    'data-slice',
    'n_max 8, l_max 6',
    {
      timeout: 60_000,
    },
  );
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

/** The slice normal the link carries (three numbers), or null. */
async function linkedNormal(page: Page): Promise<number[] | null> {
  const hash = await page.evaluate(() => window.location.hash);
  return new URLSearchParams(hash.slice(1)).get('normal')?.split(',').map(Number) ?? null;
}

/**
 * The xz slice's normal −y, facing the home camera, turned by `theta` about the screen's up axis. The home camera
 * looks along (0, 1, −1/4) with three's +y up: the screen's up is (0, s, c), s = 1/4 / |(1, 1/4)| (Rodrigues).
 */
function turnedFromFacing(theta: number): number[] {
  const s = 0.25 / Math.hypot(1, 0.25);
  const c = Math.sqrt(1 - s * s);
  const [sin, cos] = [Math.sin(theta), Math.cos(theta)];
  return [c * sin, -cos - s * s * (1 - cos), -s * c * (1 - cos)];
}

test('dragging the handle turns the slice, the arrow keys tilt it, and the link carries it', async ({
  page,
  context,
}) => {
  await openFields(page);
  await page.waitForTimeout(300);
  const before = await canvasPixels(page);
  const handle = page.getByRole('button', { name: /Turn the slice/ });
  const box = (await handle.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 100, y, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByRole('radio', { name: 'normal below' })).toBeChecked();
  await expect(page.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  // A drag of 100 px to the right turns the normal about the screen's up axis by 100 / height × 180°.
  const height = await page
    .getByTestId('viewer')
    .locator('canvas')
    .evaluate((c) => c.clientHeight);
  const theta = (100 / height) * Math.PI;
  const dragged = (await linkedNormal(page))!;
  turnedFromFacing(theta).forEach((x, i) => expect(dragged[i]).toBeCloseTo(x, 2));
  await expect(page.getByTestId('slice-readout')).toContainText(`⟂ (${dragged.join(', ')})`);
  await page.waitForTimeout(300);
  const turned = await canvasPixels(page);
  expect(turned.filter((p, i) => Math.abs(p - before[i]!) > 30).length / turned.length).toBeGreaterThan(0.02);

  // Three presses of ArrowLeft turn it back by 3 × 5° about the same axis.
  await handle.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  const back = turnedFromFacing(theta - (15 * Math.PI) / 180);
  await expect
    .poll(async () => Math.max(...(await linkedNormal(page))!.map((x, i) => Math.abs(x - back[i]!))))
    .toBeLessThan(0.005);
  const tilted = (await linkedNormal(page))!;
  await expect(page.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });

  const other = await context.newPage();
  await other.goto(await page.evaluate(() => window.location.href));
  await expect(other.getByTestId('fields')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(other.getByRole('radio', { name: 'normal below' })).toBeChecked();
  await expect(other.getByTestId('slice-readout')).toContainText(`⟂ (${tilted.join(', ')})`);
});
