import { expect, test } from '@playwright/test';
import { invariantDeviations, vectorDeviations } from '../src/gpu/testing/deviations.ts';
import { PERIODIC_CASE_NAMES, periodicCase } from '../src/gpu/testing/periodic-cases.ts';
import { computeFeatures } from '../src/lode/features.ts';
import { DEV_URL } from './servers.ts';

// The Node tests (src/gpu/gpu-periodic.test.ts) run Dawn directly; this is the same parity in Chromium's WebGPU.
for (const name of PERIODIC_CASE_NAMES) {
  test(`periodic features (${name}) on WebGPU in Chromium match the f64 CPU engine`, async ({ page }) => {
    await page.goto(`${DEV_URL}/e2e/pages/gpu-periodic.html`);
    await page.waitForFunction(() => 'periodicFeatures' in window);
    const gpu = await page.evaluate((n) => window.periodicFeatures(n), name);
    expect(gpu.adapter).toMatch(/\w/);
    const cpu = computeFeatures(periodicCase(name));
    const invariants = invariantDeviations(cpu.invariants, gpu.invariants);
    const vectors = vectorDeviations(cpu.vectors, gpu.vectors);
    expect(invariants.strict).toBeLessThan(1e-4);
    expect(invariants.floor).toBeLessThan(1e-2);
    expect(vectors.strict).toBeLessThan(1e-4);
    expect(vectors.floor).toBeLessThan(1e-2);
  });
}
