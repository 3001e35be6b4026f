import { expect, test } from '@playwright/test';
import { chromiumArgs, requireChromium, WEBGPU_FLAG } from '../scripts/lib/chromium.ts';
import { expectedNorm, shownNorm } from './engine-demo.ts';
import { referenceRow, rmseRow } from './lesson-reference.ts';

// Headless Chromium offers no WebGPU adapter without this flag: the page must fall back and say so.
test.use({
  launchOptions: { executablePath: requireChromium(), args: chromiumArgs.filter((a) => a !== WEBGPU_FLAG) },
});

test('without WebGPU the page falls back to the CPU engine, visibly, with the same numbers', async ({
  page,
}) => {
  await page.goto('/');
  const norm = await shownNorm(page);
  await expect(page.getByTestId('engine-demo')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('engine-status')).toContainText('CPU fallback:');
  expect(Math.abs(norm / expectedNorm - 1)).toBeLessThan(1e-13);
});

test('without WebGPU the lesson runs on the CPU engine and shows the f64 numbers', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#v=1&centring=water-O');
  const shown = await rmseRow(page, 'water-O');
  const expected = await referenceRow('water-O');
  shown.forEach((value, l) => expect(Math.abs(value - expected[l])).toBeLessThan(1e-4));
  await expect(page.getByTestId('engine-status')).toContainText('CPU fallback:');
});
