/** What the UI benchmarks share: a production build served locally, page timings taken inside the page. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build, preview } from 'vite';
import { median, parseBenchArgs, runBench, type BenchArgs } from './bench-cli.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The performance mark timeInteraction sets in the page when it makes its change. */
export const CHANGE_MARK = 'ui-bench:change';

/**
 * In the page: runs `act` (the text of a function body that makes a change, after marking CHANGE_MARK on the
 * performance timeline), then resolves with the milliseconds until `done` holds in the document (checked on every DOM
 * change and every animation frame) and until the next animation frame after that, which includes drawing the 3D
 * view (software-rendered without a GPU). Strings, not functions: the script runner's transpiler would otherwise
 * inject helpers the page does not have.
 */
const IN_PAGE_TIMER = `([act, done]) => new Promise((resolve, reject) => {
  const check = new Function('return (' + done + ')');
  let dom = null;
  const seen = () => {
    if (dom !== null || !check()) return;
    dom = performance.now() - start;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ dom, frame: performance.now() - start }));
  };
  const observer = new MutationObserver(seen);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  performance.mark(${JSON.stringify(CHANGE_MARK)});
  const start = performance.now();
  try {
    new Function(act)();
  } catch (e) {
    observer.disconnect();
    return reject(e);
  }
  const poll = () => { seen(); if (dom === null) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})`;

/** Milliseconds from a change to `done` in the document, and to the next frame after it. */
export interface InteractionTime {
  readonly dom: number;
  readonly frame: number;
}

const timeChange = (page: Page, act: string, done: string) =>
  page.evaluate(`(${IN_PAGE_TIMER})(${JSON.stringify([act, done])})`) as Promise<InteractionTime>;

/** Sets the range input labelled `label…` to `value` through React's value setter and times it until `done`. */
export function timeInteraction(
  page: Page,
  label: string,
  value: number,
  done: string,
): Promise<InteractionTime> {
  const act = `
    const input = [...document.querySelectorAll('input[type=range]')].find((i) =>
      document.getElementById(i.getAttribute('aria-labelledby') ?? '')?.textContent?.startsWith(${JSON.stringify(label)}));
    if (!input) throw new Error('no slider ' + ${JSON.stringify(label)});
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(String(value))});
    input.dispatchEvent(new Event('input', { bubbles: true }));`;
  return timeChange(page, act, done);
}

/** Clicks the element `selector` finds and times it until `done`. */
export function timeClick(page: Page, selector: string, done: string): Promise<InteractionTime> {
  const act = `
    const element = document.querySelector(${JSON.stringify(selector)});
    if (!element) throw new Error('nothing matches ' + ${JSON.stringify(selector)});
    element.click();`;
  return timeChange(page, act, done);
}

/** Medians of a series of interaction times. */
export const medianTimes = (times: readonly InteractionTime[]): InteractionTime => ({
  dom: median(times.map((t) => t.dom)),
  frame: median(times.map((t) => t.frame)),
});

/** "dom / frame" in ms, one decimal. */
export const formatTimes = (t: InteractionTime): string => `${t.dom.toFixed(1)} / ${t.frame.toFixed(1)}`;

export const chartsReady = `document.querySelector('[data-testid=charts]')?.dataset.status === 'ready'`;

/** Milliseconds from navigation to the lesson's first charts, in a fresh page. */
export async function firstChart(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('[data-testid=charts][data-status=ready]', { timeout: 300_000 });
  return page.evaluate(() => performance.now());
}

/** Builds the app, serves the build on a free local port while `measure` runs with its base URL, then stops it. */
export async function withPreview(measure: (base: string) => Promise<void>): Promise<void> {
  await build({ root: ROOT, logLevel: 'warn' });
  const server = await preview({ root: ROOT, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } });
  try {
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('the preview server has no local URL');
    await measure(base);
  } finally {
    server.httpServer.close();
  }
}

/** Writes bench-results/<name>.json: the date, the number of runs and the results. */
export function writeResults(name: string, runs: number, results: object): void {
  mkdirSync(`${ROOT}bench-results`, { recursive: true });
  writeFileSync(
    `${ROOT}bench-results/${name}.json`,
    `${JSON.stringify({ date: new Date().toISOString(), runs, ...results }, null, 2)}\n`,
  );
}

/**
 * The command line of a UI benchmark: --help prints `usage`; otherwise `run` with --runs (default 20) and, with
 * `engineFlag`, --engine cpu|webgpu (default cpu).
 */
export function runUiBench(usage: string, run: (args: BenchArgs) => Promise<void>, engineFlag = false): void {
  void runBench((argv) => {
    const args = parseBenchArgs(argv, 20, engineFlag);
    if (args.help) {
      process.stdout.write(usage);
      return 0;
    }
    void run(args).then(() => process.exit(0));
    return 0;
  });
}
