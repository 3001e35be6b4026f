/**
 * The dimer lesson in headless Chromium (production build, CPU engine): time from opening the lesson to the first
 * CC binding curve with its band (a fresh page each time: the dataset, the CC study), from picking CC in a lesson
 * opened on CA (and done with it) to CC's first curve with band, from a displacement change to the new readout, from
 * picking the AA class to its first curve with band, and from the Table 1 button to the complete table (all six
 * classes, three kinds). Medians where repeated.
 * Prints a table and writes bench-results/ui-dimers.json.
 */
import os from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, requireChromium } from '../lib/chromium.ts';
import { median, type BenchArgs } from '../lib/bench-cli.ts';
import {
  chartsReady,
  firstChart,
  formatTimes,
  medianTimes,
  runUiBench,
  timeClick,
  timeInteraction,
  withPreview,
  writeResults,
  type InteractionTime,
} from '../lib/ui-bench.ts';

const USAGE = `Usage: npm run bench:ui:dimers -- [--runs N] [--quick]

  --runs N   displacement changes timed, median reported (default 20); first CC curve and CC pick:
             max(3, N / 5) page loads each
  --quick    leave out the AA class and the full Table 1 (minutes each on a CPU engine)
`;

const curveWithBand = `${chartsReady} && !!document.querySelector('[data-testid=chart-dimer-curve] .recharts-area')`;
const rowDone = (cls: string) =>
  `document.querySelector('[data-testid=table-1] tr[data-class=${cls}] td')?.textContent !== 'not computed yet'`;

const lessonUrl = (base: string, cls: string) => `${base}#v=2&lesson=dimers&cls=${cls}&engine=cpu`;

/** Both models of the shown class are done (the worker has nothing left to do for it). */
const rhoRhoShown = `(() => {
  const readout = document.querySelector('[data-testid=dimer-readout]')?.textContent;
  return ${chartsReady} && !!readout && !readout.includes('still computing');
})()`;

/** Milliseconds from picking CC, in a fresh page opened on CA and done with it, to CC's first curve with band. */
async function ccPick(browser: Browser, base: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(lessonUrl(base, 'CA'));
    await page.waitForFunction(rhoRhoShown, undefined, { timeout: 300_000, polling: 100 });
    return (await timeClick(page, 'input[type=radio][value=CC]', `${curveWithBand} && ${rowDone('CC')}`)).dom;
  } finally {
    await page.close();
  }
}

async function measure(base: string, runs: number, quick: boolean) {
  const url = lessonUrl(base, 'CC');
  const browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
  try {
    const first: number[] = [];
    const pick: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(runs / 5)); i++) {
      const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      first.push(await firstChart(fresh, url));
      await fresh.close();
      pick.push(await ccPick(browser, base));
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('[data-testid=charts][data-status=ready]', { timeout: 300_000 });
    const drag: InteractionTime[] = [];
    for (let i = 0; i < runs; i++) {
      const shift = (0.25 * (1 + (i % 12))).toFixed(2);
      drag.push(
        await timeInteraction(
          page,
          'Displacement',
          Number(shift),
          `document.querySelector('[data-testid=dimer-readout]')?.textContent?.startsWith('At ${shift} Å')`,
        ),
      );
    }
    // Each long measurement is reported as it ends (the whole run takes tens of minutes on a small machine).
    const note = (what: string, ms: number) => process.stderr.write(`${what}: ${(ms / 1000).toFixed(1)} s\n`);
    note(`first CC curves (median of ${first.length})`, median(first));
    note(`CC pick → curve (median of ${pick.length})`, median(pick));
    const aa = quick
      ? null
      : (await timeClick(page, 'input[type=radio][value=AA]', `${curveWithBand} && ${rowDone('AA')}`)).dom;
    if (aa !== null) note('AA pick → curve', aa);
    const table = quick
      ? null
      : (
          await timeClick(
            page,
            '.table-actions button',
            `document.querySelector('.table-actions button')?.textContent === 'Table 1 complete'`,
          )
        ).dom;
    if (table !== null) note('full Table 1', table);
    return {
      firstCcCurveMs: median(first),
      ccPickToCurveMs: median(pick),
      displacementToReadoutMs: medianTimes(drag),
      aaPickToCurveMs: aa,
      fullTableMs: table,
      raw: { first, pick, drag },
    };
  } finally {
    await browser.close();
  }
}

const seconds = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));

async function run(args: BenchArgs): Promise<void> {
  await withPreview(async (base) => {
    const r = await measure(base, args.runs, args.quick);
    process.stdout.write(
      [
        `| lesson  | first CC curve (s) | CC pick → curve (s) | displacement → readout (ms) / frame | AA pick → curve (s) | full Table 1 (s) |`,
        `| ------- | -----------------: | ------------------: | ----------------------------------: | ------------------: | ---------------: |`,
        `| dimers  | ${seconds(r.firstCcCurveMs).padStart(18)} | ${seconds(r.ccPickToCurveMs).padStart(19)} | ${formatTimes(r.displacementToReadoutMs).padStart(35)} | ${seconds(r.aaPickToCurveMs).padStart(19)} | ${seconds(r.fullTableMs).padStart(16)} |`,
        `CPU engine; medians over ${r.raw.first.length} page loads and ${args.runs} displacement changes` +
          (args.quick ? '' : ', AA and the table once each (the table after AA: its ρ⊗ρ and ρ⊗V reused)') +
          `; ${os.cpus()[0]?.model ?? ''}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
      ].join('\n') + '\n',
    );
    writeResults('ui-dimers', args.runs, r);
  });
}

runUiBench(USAGE, run);
