import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath, WEBGPU_FLAG } from './chromium.ts';
import { expectedNorm, shownNorm } from './engine-demo.ts';

// Headless Chromium offers no WebGPU adapter without this flag: the page must fall back and say so.
test.use({
  launchOptions: { executablePath: chromiumPath, args: chromiumArgs.filter((a) => a !== WEBGPU_FLAG) },
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
