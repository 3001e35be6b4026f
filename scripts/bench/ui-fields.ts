/**
 * The fields lesson in headless Chromium (production build, CPU engine), on the 100-atom cluster of bench:cpu's
 * fields row (packed into the link) with V on the 256×256 slice: time from opening the lesson to the first slice on
 * screen (a fresh page each time), and from an l_max or n_max change to the new series reaching the page (request,
 * worker and transfer) and to the slice for the new value drawn, each a median. "Drawn" is the frame that first
 * shows the new texels: the slice marks its canvas with the truncation it shows (data-slice) in that frame. Changes
 * are timed once the background has built the radial tables of every n_max, each once the page has been quiet for a
 * second (no slice redrawn: the lesson's background requests, which refresh the charts after every change, are done).
 * Prints a table and writes bench-results/ui-fields.json.
 */
import os from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { encodeStructure } from '../../src/experiments/fields/structure-link.ts';
import { median, type BenchArgs } from '../lib/bench-cli.ts';
import { chromiumArgs, requireChromium } from '../lib/chromium.ts';
import { SERIES_MARK } from '../../src/ui/series-mark.ts';
import { CHANGE_MARK, runUiBench, timeInteraction, withPreview, writeResults } from '../lib/ui-bench.ts';
import { FIELDS_NMAX } from '../../src/experiments/fields/spec.ts';
import { benchCluster, N_CYCLE } from './field-slices.ts';

const USAGE = `Usage: npm run bench:ui:fields -- [--runs N]

  --runs N   l_max and n_max changes timed, medians reported (default 20); first slices: max(3, N / 5) page loads
`;

const START = { nMax: 8, lMax: 8 };
const L_CYCLE = [3, 5];
const QUIET_MS = 1000;

const drawn = (nMax: number, lMax: number) =>
  `document.querySelector('[data-testid=viewer] canvas')?.dataset.slice === 'n_max ${nMax}, l_max ${lMax}'`;

/**
 * In the page: resolves once the slice has not been redrawn for `ms` (a string, not a function: the script runner's
 * transpiler would otherwise inject helpers the page does not have).
 */
const QUIET = `(ms) => new Promise((resolve) => {
  const canvas = document.querySelector('[data-testid=viewer] canvas');
  let timer;
  const observer = new MutationObserver(() => restart());
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { observer.disconnect(); resolve(); }, ms);
  };
  observer.observe(canvas, { attributes: true, attributeFilter: ['data-slice'] });
  restart();
})`;

const quiet = (page: Page) => page.evaluate(`(${QUIET})(${QUIET_MS})`);

/** Milliseconds from the last change to the first series that reached the page after it (the engine's share). */
const toSeries = (page: Page) =>
  page.evaluate(`(() => {
    const [change] = performance.getEntriesByName(${JSON.stringify(CHANGE_MARK)}).slice(-1);
    const series = performance.getEntriesByName(${JSON.stringify(SERIES_MARK)}).find((m) => m.startTime >= change.startTime);
    return series.startTime - change.startTime;
  })()`) as Promise<number>;

/** A change timed to the new slice drawn, and to its series in the page. */
async function timeChange(page: Page, label: string, value: number, done: string) {
  await quiet(page);
  await page.evaluate('performance.clearMarks()');
  // The canvas's data-slice changes in the frame that draws the new slice: `dom` is the time to the slice drawn.
  const { dom: drawnMs } = await timeInteraction(page, label, value, done);
  return { drawnMs, seriesMs: await toSeries(page) };
}

/** Milliseconds from navigation to the first slice drawn, in a fresh page. */
async function firstSlice(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const at = await page.waitForFunction(
    `(${drawn(START.nMax, START.lMax)}) && performance.now()`,
    undefined,
    {
      polling: 'raf',
      timeout: 300_000,
    },
  );
  return (await at.jsonValue()) as number;
}

async function measure(base: string, runs: number) {
  const cluster = benchCluster();
  const query = new URLSearchParams({
    v: '2',
    lesson: 'fields',
    engine: 'cpu',
    structure: 'pasted',
    pasted: await encodeStructure(cluster),
    field: 'potential',
    nMax: String(START.nMax),
    lMax: String(START.lMax),
  });
  const url = `${base}#${query.toString()}`;
  const browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
  try {
    const first: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) {
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      first.push(await firstSlice(fresh, url));
      await fresh.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await firstSlice(page, url);
    // The background builds the radial tables of every other n_max (seconds): changes are timed after it.
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid=error-by-nmax-table] tbody tr').length === ${FIELDS_NMAX}`,
      undefined,
      { timeout: 600_000 },
    );
    let { nMax, lMax } = START;
    const lmax: { drawnMs: number; seriesMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      lMax = L_CYCLE[i % L_CYCLE.length]!;
      lmax.push(await timeChange(page, 'Angular cutoff l_max', lMax, drawn(nMax, lMax)));
    }
    const nmax: { drawnMs: number; seriesMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      nMax = N_CYCLE[i % N_CYCLE.length]!;
      nmax.push(await timeChange(page, 'Radial functions n_max', nMax, drawn(nMax, lMax)));
    }
    return {
      atoms: cluster.species.length,
      firstSliceMs: median(first),
      lmax: { drawnMs: median(lmax.map((t) => t.drawnMs)), seriesMs: median(lmax.map((t) => t.seriesMs)) },
      nmax: { drawnMs: median(nmax.map((t) => t.drawnMs)), seriesMs: median(nmax.map((t) => t.seriesMs)) },
      raw: { first, lmax, nmax },
    };
  } finally {
    await browser.close();
  }
}

async function run(args: BenchArgs): Promise<void> {
  await withPreview(async (base) => {
    const result = await measure(base, args.runs);
    const cell = (ms: number, width: number) => ms.toFixed(1).padStart(width);
    process.stdout.write(
      [
        `| structure                 | first slice (s) | change | to series in page (ms) | to slice drawn (ms) |`,
        `| ------------------------- | --------------: | ------ | ---------------------: | ------------------: |`,
        ...(['lmax', 'nmax'] as const).map(
          (kind) =>
            `| ${(kind === 'lmax' ? `${result.atoms}-atom cluster, V` : '').padEnd(25)} | ` +
            `${kind === 'lmax' ? cell(result.firstSliceMs / 1000, 15) : ''.padStart(15)} | ` +
            `${kind === 'lmax' ? 'l_max ' : 'n_max '} | ${cell(result[kind].seriesMs, 22)} | ` +
            `${cell(result[kind].drawnMs, 19)} |`,
        ),
        `CPU engine, 256×256 slice; medians over ${result.raw.first.length} page loads and ${args.runs} changes ` +
          `of each; ${os.cpus()[0]?.model ?? ''}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
      ].join('\n') + '\n',
    );
    writeResults('ui-fields', args.runs, result);
  });
}

runUiBench(USAGE, run);
