/**
 * UI responsiveness in headless Chromium (production build): time from opening the lesson to its first charts (a
 * fresh page each time, so nothing is cached), from an l_max change to the charts showing the new fit, and from a
 * separation change to the new prediction on screen, each a median. Runs with the engine the page picks by default
 * (auto: the CPU engine when the only WebGPU adapter is a software one), with WebGPU forced, and without WebGPU.
 * Prints a table and writes bench-results/ui.json.
 */
import os from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumArgs, requireChromium, WEBGPU_FLAG } from '../lib/chromium.ts';
import { median, type BenchArgs } from '../lib/bench-cli.ts';
import {
  chartsReady,
  firstChart,
  formatTimes,
  medianTimes,
  runUiBench,
  timeInteraction,
  type InteractionTime,
  withPreview,
  writeResults,
} from '../lib/ui-bench.ts';

const USAGE = `Usage: npm run bench:ui -- [--runs N]

  --runs N   interactions of each kind, medians reported (default 20); first charts: max(3, N / 5) page loads
`;

/** The lesson as a class opens it (first charts), and the all-atom view the interactions are timed on. */
interface Urls {
  readonly opening: string;
  readonly interactions: string;
}

async function measure(urls: Urls, webgpu: boolean, runs: number) {
  const args = webgpu ? chromiumArgs : chromiumArgs.filter((a) => a !== WEBGPU_FLAG);
  const browser = await chromium.launch({ executablePath: requireChromium(), args });
  try {
    const first: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) {
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      first.push(await firstChart(fresh, urls.opening));
      await fresh.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(urls.interactions);
    await page.waitForSelector('[data-testid=charts][data-status=ready]', { timeout: 300_000 });
    const engine = (await page.getByTestId('engine-status').textContent()) ?? '';
    // Warm both l_max fits, then time alternating changes (fits cached in the worker).
    const lmax: InteractionTime[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const ms = await timeInteraction(
        page,
        'Angular cutoff',
        i % 2 === 0 ? 2 : 1,
        `${chartsReady} && document.location.hash.includes('lMax=${i % 2 === 0 ? 2 : 1}')`,
      );
      if (i >= 2) lmax.push(ms);
    }
    const separation: InteractionTime[] = [];
    for (let i = 0; i < runs; i++) {
      const r = (7 + 0.05 * (i + 1)).toFixed(2);
      separation.push(
        await timeInteraction(
          page,
          'Separation',
          Number(r),
          `document.querySelector('[data-testid=prediction-at-r]')?.textContent?.includes('R = ${r} Å')`,
        ),
      );
    }
    return {
      engine,
      firstChartMs: median(first),
      lmaxToChartMs: medianTimes(lmax),
      separationToPredictionMs: medianTimes(separation),
      raw: { first, lmax, separation },
    };
  } finally {
    await browser.close();
  }
}

async function run(args: BenchArgs): Promise<void> {
  await withPreview(async (base) => {
    const url = (engine: string): Urls => ({
      opening: `${base}#v=2&lesson=h2o-co2&engine=${engine}`,
      interactions: `${base}#v=2&lesson=h2o-co2&centring=all&lMax=1&engine=${engine}`,
    });
    const results = {
      auto: await measure(url('auto'), true, args.runs),
      webgpu: await measure(url('webgpu'), true, args.runs),
      noWebgpu: await measure(url('auto'), false, args.runs),
    };
    const line = (name: string, r: typeof results.webgpu) =>
      `| ${name.padEnd(13)} | ${(r.firstChartMs / 1000).toFixed(1).padStart(15)} | ${formatTimes(r.lmaxToChartMs).padStart(25)} | ${formatTimes(r.separationToPredictionMs).padStart(35)} | ${r.engine}`;
    process.stdout.write(
      [
        `| run           | first chart (s) | l_max → chart (ms) / frame | separation → prediction (ms) / frame | status`,
        `| ------------- | --------------: | -------------------------: | -----------------------------------: | ------`,
        line('auto', results.auto),
        line('WebGPU forced', results.webgpu),
        line('no WebGPU', results.noWebgpu),
        `medians over ${args.runs} interactions each, features cached; ms until the page shows the result / until the ` +
          `next frame (3D view included); ${os.cpus()[0]?.model ?? ''}, ${os.cpus().length} cores`,
      ].join('\n') + '\n',
    );
    writeResults('ui', args.runs, results);
  });
}

runUiBench(USAGE, run);
