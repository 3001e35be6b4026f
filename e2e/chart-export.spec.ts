import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';

test.setTimeout(300_000);

/** Clicks one of a figure's export buttons and reads the file it downloads. */
async function exported(page: Page, figure: Locator, button: 'CSV' | 'SVG' | 'PNG') {
  const download = page.waitForEvent('download');
  await figure.getByRole('button', { name: button }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Draws an image (a data URL) on a canvas in the page, with no style sheet of the app: its size and colours. */
async function drawn(page: Page, url: string) {
  return page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) >>> 0);
    return { width: canvas.width, height: canvas.height, colours: colours.size };
  }, url);
}

test('a chart exports the whole figure: SVG and PNG with title, axes, legend and parameters; CSV with units', async ({
  page,
}) => {
  await page.goto('/#v=2&lesson=h2o-co2&engine=cpu');
  await expect(page.locator('[data-testid=charts][data-status=ready]')).toBeVisible({ timeout: 180_000 });
  const figure = page.getByTestId('chart-rmse-by-lmax');
  const title = 'Extrapolation error (R beyond the training window) against l_max';

  // SVG: one standalone document of the figure, not the first small surface in it (a legend icon).
  const svg = await exported(page, figure, 'SVG');
  expect(svg.name).toBe('rmse-by-lmax.svg');
  const text = svg.bytes.toString('utf8');
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      texts,
      paths: doc.querySelectorAll('path').length,
      curves: [...doc.querySelectorAll('path.recharts-line-curve')].map((p) => ({
        points: (p.getAttribute('d') ?? '').split(/[ML]/).length - 1,
        style: p.getAttribute('style') ?? '',
      })),
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.width).toBeGreaterThanOrEqual(300);
  expect(parsed.height).toBeGreaterThanOrEqual(300);
  const words = parsed.texts.join('\n');
  expect(words).toContain('l_max'); // the x axis title
  expect(words).toContain('test RMSE (meV, log)'); // the y axis title
  expect(parsed.texts).toContain('O of H2O'); // the legend
  expect(words).toContain(title.split(' ').slice(0, 3).join(' ')); // the title (wrapped to the width)
  expect(words).toContain('Radial functions n_max 6');
  expect(words).toContain('engine CPU, f64');
  expect(parsed.paths).toBeGreaterThanOrEqual(2);
  expect(parsed.curves.length).toBeGreaterThanOrEqual(1);
  expect(parsed.curves[0].points).toBeGreaterThanOrEqual(7); // l = 0..6
  expect(parsed.curves[0].style).toMatch(/stroke:\s*rgb\(255, 107, 107\)/); // inlined, drawn without the page's CSS
  const asImage = await drawn(page, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`);
  expect(asImage.width).toBe(parsed.width);
  expect(asImage.colours).toBeGreaterThan(10);

  // PNG: the same figure rasterised at twice the resolution at least.
  const png = await exported(page, figure, 'PNG');
  expect(png.name).toBe('rmse-by-lmax.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  const pngWidth = png.bytes.readUInt32BE(16);
  const pngHeight = png.bytes.readUInt32BE(20);
  expect(pngWidth).toBeGreaterThanOrEqual(600);
  expect(pngHeight).toBeGreaterThanOrEqual(600);
  expect(pngWidth).toBe(2 * parsed.width);
  expect(pngHeight).toBe(2 * parsed.height);
  const raster = await drawn(page, `data:image/png;base64,${png.bytes.toString('base64')}`);
  expect(raster.colours).toBeGreaterThan(10);

  // CSV: the caption and the parameters as comments, then a header with units.
  const csv = await exported(page, figure, 'CSV');
  expect(csv.name).toBe('rmse-by-lmax.csv');
  const lines = csv.bytes.toString('utf8').split('\n');
  expect(lines[0]).toBe(`# ${title}`);
  expect(lines[1]).toMatch(/^# H2O–CO2 · .*Radial functions n_max 6.* · engine CPU, f64$/);
  expect(lines[2]).toMatch(/^l,water-O \(meV\)/);
  expect(lines.slice(3, 10).map((l) => l.split(',')[0])).toEqual(['0', '1', '2', '3', '4', '5', '6']);
});
