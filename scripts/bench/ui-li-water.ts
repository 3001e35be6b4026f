/**
 * The water-on-lithium lesson in headless Chromium (production build, CPU engine or WebGPU): time from opening the lesson to
 * its first full chart set (a fresh page each time: features of all 2511 structures, both studies), and from a
 * height change to the new prediction on screen (features of that one structure, both models) once the background
 * learning curves are done, each a median.
 * Prints a table and writes bench-results/ui-li-water.json.
 */
import os from 'node:os';
import { chromium } from '@playwright/test';
import { chromiumArgs, requireChromium } from '../lib/chromium.ts';
import { median, type BenchArgs, type BenchEngine } from '../lib/bench-cli.ts';
import {
  firstChart,
  formatTimes,
  medianTimes,
  runUiBench,
  timeInteraction,
  withPreview,
  writeResults,
  type InteractionTime,
} from '../lib/ui-bench.ts';

const USAGE = `Usage: npm run bench:ui:li-water -- [--runs N] [--engine cpu|webgpu]

  --runs N     height changes timed, median reported (default 20); first charts: max(3, N / 5) page loads
  --engine E   the feature engine the page is asked for (default cpu; webgpu runs on SwiftShader without a GPU)
`;

async function measure(base: string, runs: number, engine: BenchEngine) {
  const url = `${base}#v=2&lesson=li-water&engine=${engine}`;
  const browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
  try {
    const first: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) {
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      first.push(await firstChart(fresh, url));
      await fresh.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await page.waitForSelector('[data-testid=charts][data-status=ready]', { timeout: 300_000 });
    const engineStatus = (await page.getByTestId('engine-status').textContent()) ?? '';
    // The learning curves follow in the background; drags are timed once the worker is idle.
    await page.waitForSelector('[data-testid=chart-li-water-learning]', { timeout: 300_000 });
    // Heights between the dataset's points: every one needs its own structure's features.
    const drag: InteractionTime[] = [];
    for (let i = 0; i < runs; i++) {
      const height = (4.6 + 0.05 * (i + 1)).toFixed(2);
      drag.push(
        await timeInteraction(
          page,
          'Height',
          Number(height),
          `document.querySelector('[data-testid=li-water-readout]')?.textContent?.startsWith('At ${height} Å')`,
        ),
      );
    }
    return {
      engine: engineStatus,
      firstChartsMs: median(first),
      heightToPredictionMs: medianTimes(drag),
      raw: { first, drag },
    };
  } finally {
    await browser.close();
  }
}

async function run(args: BenchArgs): Promise<void> {
  await withPreview(async (base) => {
    const result = await measure(base, args.runs, args.engine);
    process.stdout.write(
      [
        `| lesson            | first charts (s) | height → prediction (ms) / frame |`,
        `| ----------------- | ---------------: | -------------------------------: |`,
        `| water on Li(100)  | ${(result.firstChartsMs / 1000).toFixed(1).padStart(16)} | ${formatTimes(result.heightToPredictionMs).padStart(32)} |`,
        `${result.engine}; medians over ${result.raw.first.length} page loads and ${args.runs} height changes; ms until ` +
          `the page shows the prediction / until the next frame (3D view included, software-rendered without a GPU); ` +
          `${os.cpus()[0]?.model ?? ''}, ${os.cpus().length} cores`,
      ].join('\n') + '\n',
    );
    writeResults(args.engine === 'cpu' ? 'ui-li-water' : `ui-li-water-${args.engine}`, args.runs, result);
  });
}

runUiBench(USAGE, run, true);
