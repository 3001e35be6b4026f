import { expect, test } from '@playwright/test';
import { computeFeatures } from '../src/lode/features.ts';
import { poolRequest } from './pages/pool-request.ts';
import { DEV_URL } from './servers.ts';

/** Entries that are not the same number (Object.is: bit for bit but NaN payloads), or a length mismatch. */
function differingEntries(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) return Math.max(actual.length, expected.length);
  return actual.filter((value, i) => !Object.is(value, expected[i])).length;
}

/** The largest difference relative to the largest entry (Infinity on a length mismatch). */
function scaledDifference(actual: readonly number[], expected: Float64Array): number {
  if (actual.length !== expected.length || actual.length === 0) return Infinity;
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return actual.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i])), 0) / scale;
}

// Node's tests cover the pool on worker threads; this is the app's pool of Web Workers in Chromium.
test("a pool of two Web Workers gives one engine's features bit for bit, and stops when cancelled", async ({
  page,
}) => {
  await page.goto(`${DEV_URL}/e2e/pages/engine-pool.html`);
  await page.waitForFunction(() => 'poolFeatures' in window);
  const pool = await page.evaluate(() => window.poolFeatures());
  expect(pool.workers).toBe(2);
  expect(pool.cancelled).toBe('AbortError');
  expect(pool.busyAfterCancel).toBe(0);
  expect(differingEntries(pool.pool.invariants, pool.single.invariants)).toBe(0);
  expect(differingEntries(pool.pool.vectors, pool.single.vectors)).toBe(0);
  // Chromium's and Node's JavaScript engines differ in the last bit of some Math functions: ≈ 4e−16 here.
  const expected = computeFeatures(poolRequest());
  expect(scaledDifference(pool.single.invariants, expected.invariants)).toBeLessThan(1e-14);
  expect(scaledDifference(pool.single.vectors, expected.vectors)).toBeLessThan(1e-14);
});
