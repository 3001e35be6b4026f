import { expect, test } from '@playwright/test';
import { DEV_URL } from './servers.ts';

// `npm run dev` renders under React StrictMode, whose doubled effects start and cancel every first request.
test('under the dev server (StrictMode) the lesson reaches its charts', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${DEV_URL}/#v=2&lesson=h2o-co2&engine=cpu`);
  await expect(page.getByTestId('charts')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.locator('[data-testid=rmse-table] td[data-centring="water-O"]')).toHaveCount(7);
});
