/**
 * GPU engine benchmark: the workloads of gpu-suite.ts in Node (Dawn through the `webgpu` package) and in headless
 * Chromium (a Vite-served page), each with the CPU engine timed in the same process. Prints tables and writes
 * bench-results/gpu.json. See `npm run bench:gpu -- --help`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumArgs, requireChromium } from '../lib/chromium.ts';
import { nodeGpu } from '../../src/gpu/testing/node-gpu.ts';
import { runGpuSuite, suiteTable, type SuiteData, type SuiteOptions, type SuiteResult } from './gpu-suite.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const D3_DATA = fileURLToPath(new URL('../../public/data/d3-li-water.json', import.meta.url));

const USAGE = `Usage: npm run bench:gpu -- [--runs N] [--quick] [--where node|browser|both]

  --runs N      timed runs per workload, medians reported (default 3)
  --quick       3000 instead of 30000 structures in the streamed batch
  --where W     run in Node, in headless Chromium, or both (default both)
`;

type Settings = Omit<SuiteOptions, 'log' | 'heapBytes'>;

function settings(argv: string[]): { settings: Settings; where: string } | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      quick: { type: 'boolean', default: false },
      where: { type: 'string', default: 'both' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: expected a positive integer, got ${values.runs}`);
  if (!['node', 'browser', 'both'].includes(values.where)) throw new Error(`--where: node, browser or both`);
  const batchSize = values.quick ? 3000 : 30_000;
  return { settings: { runs, batchSize, cpuSubset: values.quick ? 300 : 1000 }, where: values.where };
}

async function inNode(data: SuiteData, s: Settings): Promise<SuiteResult> {
  return runGpuSuite(await nodeGpu(), data, {
    ...s,
    log: (line) => process.stderr.write(`bench:gpu [node] ${line}\n`),
    heapBytes: () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers,
  });
}

async function inChromium(data: SuiteData, s: Settings): Promise<{ result: SuiteResult; browser: string }> {
  const server = await createServer({ root: ROOT, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    args: [...chromiumArgs, '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => process.stderr.write(`bench:gpu [chromium] ${m.text()}\n`));
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('the Vite server has no local URL');
    await page.goto(`${url}bench/gpu.html`);
    await page.waitForFunction(() => 'runBench' in window);
    const result = await page.evaluate(([d, o]) => window.runBench(d, o), [data, s] as const);
    return { result, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const parsed = settings(process.argv.slice(2));
  if (!parsed) {
    process.stdout.write(USAGE);
    return;
  }
  const data = { chargeCharge: readFileSync(DATA, 'utf8'), d3: readFileSync(D3_DATA, 'utf8') };
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    settings: parsed.settings,
  };
  if (parsed.where !== 'browser') {
    const result = await inNode(data, parsed.settings);
    process.stdout.write(`\nNode (webgpu/Dawn), adapter ${result.adapter}\n${suiteTable(result)}\n`);
    report.node = result;
  }
  if (parsed.where !== 'node') {
    const { result, browser } = await inChromium(data, parsed.settings);
    process.stdout.write(`\n${browser} (headless), adapter ${result.adapter}\n${suiteTable(result)}\n`);
    report.chromium = { browser, ...result };
  }
  const dir = `${ROOT}bench-results`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/gpu.json`, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`bench:gpu: wrote ${dir}/gpu.json\n`);
  process.exit(0);
}

await main();
