/**
 * Thread scaling for bench:cpu (one CPU engine in this thread against pools of worker threads, node-engine-pool.ts)
 * and bench:learn (fits on one thread against Gram teams): runs interleaved so that a change in the machine's load hits every
 * thread count alike; medians, and speed-ups against one thread measured in the same process.
 */
import { computeFeatures } from '../../src/lode/features.ts';
import { clearRadialTableCache } from '../../src/lode/radial-tables.ts';
import type { PartRequest } from '../../src/lode/request-parts.ts';
import { median } from './bench-cli.ts';
import { createNodeEnginePool, spawnNodePartWorker } from './node-engine-pool.ts';

export interface ScalingWorkload {
  readonly name: string;
  /** Without progress or cancellation: it is also sent to worker threads as it is. */
  readonly request: PartRequest;
  /** Radial tables rebuilt in every run, as after a fresh start (default: cached). */
  readonly cold?: boolean;
}

export interface ScalingRow {
  readonly workload: string;
  /** How the threads run it (ThreadSetup.label). */
  readonly setup: string;
  readonly threads: number;
  readonly medianMs: number;
  /** Median of one thread ÷ this median, times the copies run at once (work done per unit of time). */
  readonly speedup: number;
  /**
   * Median CPU time of the process (every thread, user + system): on a machine shared with other work, wall times
   * show little scaling, but CPU time beyond one thread's is the pool's own cost.
   */
  readonly medianCpuMs: number;
  /**
   * Median minor page faults of the process per run: first writes to memory new to the process. On a VM where one
   * costs ≈ 15 µs, a result landing in fresh memory can take longer than computing it, and whether it does depends
   * on when the garbage collector freed the one before: runs with and without them differ by that much.
   */
  readonly medianPageFaults: number;
  readonly raw: number[];
  readonly rawCpu: number[];
  readonly rawPageFaults: number[];
}

interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
  readonly pageFaults: number;
}

/** One way of running the workloads on some threads (an engine pool, a team of fit threads). */
export interface ThreadSetup<W> {
  readonly threads: number;
  /** What runs the workload: 'this thread', 'pool', 'team', 'independent copies', … */
  readonly label: string;
  /** Copies of the workload each run does (default 1). */
  readonly copies?: number;
  run(workload: W): unknown;
}

async function timeOnce<W>(workload: W, setup: ThreadSetup<W>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const faults = process.resourceUsage().minorPageFault;
  const start = performance.now();
  await setup.run(workload);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuMs: (user + system) / 1000, pageFaults: process.resourceUsage().minorPageFault - faults };
}

/**
 * `runs` timed runs of every workload on each setup, the first being one thread, runs interleaved; one untimed run
 * of each first (warm tables, started workers). Speed-ups are against the first setup.
 */
export async function measureThreads<W extends { readonly name: string }>(
  workloads: readonly W[],
  setups: readonly ThreadSetup<W>[],
  runs: number,
): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const workload of workloads) {
    for (const setup of setups) await timeOnce(workload, setup);
    const raw = setups.map((): Timing[] => []);
    for (let run = 0; run < runs; run++) {
      for (const [e, setup] of setups.entries()) {
        const timing = await timeOnce(workload, setup);
        raw[e].push(timing);
        process.stderr.write(
          `bench: ${workload.name}, ${setup.label}, ${setup.threads} thread(s), run ${run + 1}/${runs}: ${timing.ms.toFixed(0)} ms ` +
            `(CPU ${timing.cpuMs.toFixed(0)} ms, ${timing.pageFaults} page faults)\n`,
        );
      }
    }
    const single = median(raw[0].map((t) => t.ms));
    setups.forEach((setup, e) => {
      const medianMs = median(raw[e].map((t) => t.ms));
      rows.push({
        workload: workload.name,
        setup: setup.label,
        threads: setup.threads,
        medianMs,
        speedup: ((setup.copies ?? 1) * single) / medianMs,
        medianCpuMs: median(raw[e].map((t) => t.cpuMs)),
        medianPageFaults: median(raw[e].map((t) => t.pageFaults)),
        raw: raw[e].map((t) => t.ms),
        rawCpu: raw[e].map((t) => t.cpuMs),
        rawPageFaults: raw[e].map((t) => t.pageFaults),
      });
    });
  }
  return rows;
}

/** An engine worker thread computing whole requests, each into the memory of the result before (no page faults). */
class WholeRequestWorker {
  private readonly worker = spawnNodePartWorker();
  private spares: ArrayBuffer[] = [];

  async compute(request: PartRequest): Promise<void> {
    const output = await this.worker.compute(request, () => {}, { spares: this.spares });
    if ('invariants' in output)
      this.spares = [output.invariants.buffer, output.vectors.buffer] as ArrayBuffer[];
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/**
 * What the machine itself allows: the same warm request computed on one worker thread alone, and as independent
 * copies on `threadCounts` workers at once, runs interleaved (each worker reuses its output's memory). The copies'
 * speed-up, work done per unit of time against one worker, bounds what a pool of as many threads can gain on it:
 * the threads share the cores' caches, the memory bandwidth and, on a VM, whatever else runs on the host.
 */
export async function measureCopies(
  workload: ScalingWorkload,
  threadCounts: readonly number[],
  runs: number,
): Promise<ScalingRow[]> {
  const workers = Array.from({ length: Math.max(...threadCounts) }, () => new WholeRequestWorker());
  const { request } = workload;
  const setups: ThreadSetup<ScalingWorkload>[] = [
    { threads: 1, label: 'one worker', run: () => workers[0].compute(request) },
    ...threadCounts.map((threads) => ({
      threads,
      copies: threads,
      label: 'independent copies',
      run: () => Promise.all(workers.slice(0, threads).map((worker) => worker.compute(request))),
    })),
  ];
  try {
    return await measureThreads([workload], setups, runs);
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** measureThreads for the CPU engine: one engine in this thread, and pools of worker threads (`threadCounts`). */
export async function measureScaling(
  workloads: readonly ScalingWorkload[],
  threadCounts: readonly number[],
  runs: number,
): Promise<ScalingRow[]> {
  const pools = threadCounts.map((threads) => createNodeEnginePool(threads));
  const setups: ThreadSetup<ScalingWorkload>[] = [
    {
      threads: 1,
      label: 'this thread',
      run: ({ request, cold }) => {
        if (cold) clearRadialTableCache();
        return computeFeatures(request);
      },
    },
    ...pools.map((pool) => ({
      threads: pool.size,
      label: 'pool',
      run: ({ request, cold }: ScalingWorkload) => {
        if (cold) pool.forgetTables();
        return pool.compute(request);
      },
    })),
  ];
  try {
    return await measureThreads(workloads, setups, runs);
  } finally {
    for (const pool of pools) pool.close();
  }
}

/** The scaling table's columns of text (left-aligned): workload and setup. */
const TEXT_COLUMNS = 2;

export function scalingTable(rows: readonly ScalingRow[]): string {
  const header = ['workload', 'setup', 'threads', 'median ms', 'speed-up', 'CPU ms', 'page faults'];
  const cells = rows.map((r) => [
    r.workload,
    r.setup,
    String(r.threads),
    r.medianMs.toFixed(1),
    `${r.speedup.toFixed(2)}×`,
    r.medianCpuMs.toFixed(0),
    r.medianPageFaults.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (c < TEXT_COLUMNS ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c < TEXT_COLUMNS ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
