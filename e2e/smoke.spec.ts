import { expect, test } from '@playwright/test';

test('the app shell loads', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'LODE Explorer' })).toBeVisible();
  expect(errors).toEqual([]);
});
