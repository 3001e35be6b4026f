import { expect, test } from '@playwright/test';
import { Matrix } from 'ml-matrix';
import { gramOfRows } from '../src/learn/blas.ts';
import { matrix64 } from '../src/learn/matrix.ts';
import { relativeDifference, toMl } from '../src/learn/testing/synthetic.ts';
import { seededRandom } from '../src/util/random.ts';
import { DEV_URL } from './servers.ts';

const LESSON = '/#v=2&lesson=h2o-co2';

test('served cross-origin isolated, the page splits its fits over the cores', async ({ page }) => {
  await page.goto(LESSON);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // The engine worker and max(1, cores − 2) helpers: the page's own thread stays free.
  const threads = Math.max(2, cores - 1);
  await expect(page.getByTestId('fit-threads')).toHaveText(
    cores < 2 ? 'Fits: one thread' : `Fits: ${threads} threads`,
    { timeout: 60_000 },
  );
});

test('served without the isolation headers, the fits use one thread and the page says why', async ({
  page,
}) => {
  // The document's response loses its COOP/COEP headers, as on a static host that does not send them.
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    },
  );
  await page.goto(LESSON);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('fit-threads')).toContainText(
    'Fits: one thread (this page is not cross-origin isolated',
    {
      timeout: 60_000,
    },
  );
});

test('a Gram sum split over Web Workers equals the same sum made in Node', async ({ page }) => {
  await page.goto(`${DEV_URL}/e2e/pages/fit-team.html`);
  await page.waitForFunction(() => 'splitGram' in window);
  const [rows, cols, seed] = [1500, 203, 5];
  const result = await page.evaluate((request) => window.splitGram(request), {
    rows,
    cols,
    seed,
    shifts: [],
    withGram: true,
  });
  expect(result.threads).toBeGreaterThan(1);
  expect(result.split).toBe(true);
  const x = toMl(matrix64(rows, cols, Float64Array.from({ length: rows * cols }, seededRandom(seed))));
  expect(relativeDifference(result.gram, x.transpose().mmul(x).to1DArray())).toBeLessThan(1e-13);
});

test('factorisations for several shifts handed out to Web Workers solve the shifted systems', async ({
  page,
}) => {
  await page.goto(`${DEV_URL}/e2e/pages/fit-team.html`);
  await page.waitForFunction(() => 'splitGram' in window);
  const [rows, cols, seed] = [1200, 520, 6];
  const shifts = [1, 10, 100, 1000];
  const result = await page.evaluate((request) => window.splitGram(request), {
    rows,
    cols,
    seed,
    shifts,
    withGram: false,
  });
  expect(result.threads).toBeGreaterThan(1);
  expect(result.factored).toBe(true);
  // Each solution against (XᵀX + s·I)·x = 1 with XᵀX made in Node by ml-matrix.
  const x = toMl(matrix64(rows, cols, Float64Array.from({ length: rows * cols }, seededRandom(seed))));
  const gram = x.transpose().mmul(x);
  const ones = new Array<number>(cols).fill(1);
  shifts.forEach((shift, k) => {
    const solution = Matrix.columnVector(result.solutions[k]);
    const product = gram.mmul(solution).add(solution.clone().mul(shift)).to1DArray();
    expect(relativeDifference(product, ones)).toBeLessThan(1e-9);
  });
});

test('a single large factorisation split across Web Workers solves the shifted system', async ({ page }) => {
  await page.goto(`${DEV_URL}/e2e/pages/fit-team.html`);
  await page.waitForFunction(() => 'splitGram' in window);
  const [rows, cols, seed, shift] = [1700, 1600, 7, 10];
  const result = await page.evaluate((request) => window.splitGram(request), {
    rows,
    cols,
    seed,
    shifts: [shift],
    withGram: false,
  });
  expect(result.threads).toBeGreaterThan(1);
  expect(result.splitFactor).toBe(true);
  // The solution against (XᵀX + s·I)·x = 1, XᵀX made here on one thread (checked against ml-matrix elsewhere).
  const x = Float64Array.from({ length: rows * cols }, seededRandom(seed));
  const gram = gramOfRows(cols, rows, (r, z) => z.set(x.subarray(r * cols, (r + 1) * cols)));
  const solution = result.solutions[0];
  const product = Array.from({ length: cols }, (_, i) => {
    let s = shift * solution[i];
    for (let j = 0; j < cols; j++) s += gram[i * cols + j] * solution[j];
    return s;
  });
  expect(relativeDifference(product, new Array<number>(cols).fill(1))).toBeLessThan(1e-9);
});
