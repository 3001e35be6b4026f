import { expect, test } from '@playwright/test';
import { computeFeatures } from '../src/lode/features.ts';
import { demoRequest, featureNorm } from '../src/ui/demo.ts';

test('the app shell loads and the worker runs the CPU engine', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'LODE Explorer' })).toBeVisible();
  const demo = page.getByTestId('engine-demo');
  await expect(demo).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const shown = Number(await page.getByTestId('feature-norm').textContent());
  const expected = featureNorm(computeFeatures(demoRequest).invariants);
  expect(Math.abs(shown / expected - 1)).toBeLessThan(1e-13);
  expect(errors).toEqual([]);
});
