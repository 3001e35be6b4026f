import { expect, test } from '@playwright/test';
import { expectedNorm, shownNorm } from './engine-demo.ts';

test('the worker featurises on WebGPU and matches the CPU engine', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#v=2&engine=webgpu');
  await expect(page.getByRole('heading', { name: 'LODE Explorer' })).toBeVisible();
  const norm = await shownNorm(page);
  await expect(page.getByTestId('engine-demo')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('engine-status')).toContainText('WebGPU');
  expect(Math.abs(norm / expectedNorm - 1)).toBeLessThan(1e-5);
  expect(errors).toEqual([]);
});

test('by default a software adapter gives way to the CPU engine, and the header says so', async ({
  page,
}) => {
  await page.goto('/#v=2');
  const norm = await shownNorm(page);
  await expect(page.getByTestId('engine-demo')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('engine-status')).toContainText('CPU: software GPU adapter only');
  expect(Math.abs(norm / expectedNorm - 1)).toBeLessThan(1e-13);
});
