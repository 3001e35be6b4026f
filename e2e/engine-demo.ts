/** The start page's engine check, read from the page and recomputed here with the CPU engine. */
import { expect, type Page } from '@playwright/test';
import { computeFeatures } from '../src/lode/features.ts';
import { demoRequest, featureNorm } from '../src/ui/demo.ts';

export const expectedNorm = featureNorm(computeFeatures(demoRequest).invariants);

export async function shownNorm(page: Page): Promise<number> {
  await expect(page.getByTestId('engine-demo')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  return Number(await page.getByTestId('feature-norm').textContent());
}
