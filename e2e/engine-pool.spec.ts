import { expect, test } from '@playwright/test';
import { computeFeatures } from '../src/lode/features.ts';
import { maxRelativeDifference } from '../src/lode/testing/relative-difference.ts';
import { poolRequest } from './pages/pool-request.ts';
import { DEV_URL } from './servers.ts';

/** Entries that are not the same number (Object.is: bit for bit but NaN payloads), or a length mismatch. */
function differingEntries(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) return Math.max(actual.length, expected.length);
  return actual.filter((value, i) => !Object.is(value, expected[i])).length;
}

// Node's tests cover the pool on worker threads; this is the app's pool of Web Workers in Chromium, on a page
// served cross-origin isolated as the app is: the workers write their rows into the result's shared memory.
test("a pool of two Web Workers gives one engine's features bit for bit, and stops when cancelled", async ({
  page,
}) => {
  await page.goto(`${DEV_URL}/e2e/pages/engine-pool.html`);
  await page.waitForFunction(() => 'poolFeatures' in window);
  const pool = await page.evaluate(() => window.poolFeatures());
  expect(pool.crossOriginIsolated).toBe(true);
  expect(pool.poolShared).toBe(true);
  expect(pool.workers).toBe(2);
  expect(pool.cancelled).toBe('AbortError');
  expect(pool.busyAfterCancel).toBe(0);
  expect(differingEntries(pool.pool.invariants, pool.single.invariants)).toBe(0);
  expect(differingEntries(pool.pool.vectors, pool.single.vectors)).toBe(0);
  // A shared result goes from a worker to the page as the engine worker sends it: shared, not transferred (which
  // would throw) nor copied.
  expect(pool.sent.sharedThere).toBe(true);
  expect(pool.sent.sharedHere).toBe(true);
  expect(differingEntries(pool.sent.invariants, pool.single.invariants)).toBe(0);
  expect(differingEntries(pool.sent.vectors, pool.single.vectors)).toBe(0);
  // Chromium's and Node's JavaScript engines differ in the last bit of some Math functions: ≈ 4e−16 here.
  const expected = computeFeatures(poolRequest());
  expect(maxRelativeDifference(expected.invariants, pool.single.invariants)).toBeLessThan(1e-14);
  expect(maxRelativeDifference(expected.vectors, pool.single.vectors)).toBeLessThan(1e-14);
});
