/**
 * Thread scaling of the CPU engine for bench:cpu: each workload computed by one engine in this thread and by pools
 * of worker threads (node-engine-pool.ts), runs interleaved so that a change in the machine's load hits every
 * thread count alike; medians, and speed-ups against one thread measured in the same process.
 */
import type { EnginePool } from '../../src/lode/engine-pool.ts';
import { computeFeatures, type FeatureRequest } from '../../src/lode/features.ts';
import { median } from './bench-cli.ts';
import { createNodeEnginePool } from './node-engine-pool.ts';

export interface ScalingWorkload {
  readonly name: string;
  readonly request: FeatureRequest;
}

export interface ScalingRow {
  readonly workload: string;
  readonly threads: number;
  readonly medianMs: number;
  /** Median of one thread ÷ this median. */
  readonly speedup: number;
  /**
   * Median CPU time of the process (every thread, user + system): on a machine shared with other work, wall times
   * show little scaling, but CPU time beyond one thread's is the pool's own cost.
   */
  readonly medianCpuMs: number;
  readonly raw: number[];
  readonly rawCpu: number[];
}

interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

async function timeOnce(request: FeatureRequest, pool: EnginePool | null): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (pool) await pool.compute(request);
  else computeFeatures(request);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { ms, cpuMs: (user + system) / 1000 };
}

/**
 * `runs` timed runs of every workload on 1 thread (this one, no pool) and on pools of each of `threadCounts`
 * (greater than 1). Radial tables are warm: one untimed run on every engine first (which also starts the workers).
 */
export async function measureScaling(
  workloads: readonly ScalingWorkload[],
  threadCounts: readonly number[],
  runs: number,
): Promise<ScalingRow[]> {
  const pools = threadCounts.map((threads) => createNodeEnginePool(threads));
  const engines: (EnginePool | null)[] = [null, ...pools];
  const rows: ScalingRow[] = [];
  try {
    for (const { name, request } of workloads) {
      for (const engine of engines) await timeOnce(request, engine);
      const raw = engines.map((): Timing[] => []);
      for (let run = 0; run < runs; run++) {
        for (const [e, engine] of engines.entries()) {
          const timing = await timeOnce(request, engine);
          raw[e].push(timing);
          const threads = engine?.size ?? 1;
          process.stderr.write(
            `bench: ${name}, ${threads} thread(s), run ${run + 1}/${runs}: ${timing.ms.toFixed(0)} ms ` +
              `(CPU ${timing.cpuMs.toFixed(0)} ms)\n`,
          );
        }
      }
      const single = median(raw[0].map((t) => t.ms));
      engines.forEach((engine, e) => {
        const medianMs = median(raw[e].map((t) => t.ms));
        rows.push({
          workload: name,
          threads: engine?.size ?? 1,
          medianMs,
          speedup: single / medianMs,
          medianCpuMs: median(raw[e].map((t) => t.cpuMs)),
          raw: raw[e].map((t) => t.ms),
          rawCpu: raw[e].map((t) => t.cpuMs),
        });
      });
    }
  } finally {
    for (const pool of pools) pool.close();
  }
  return rows;
}

export function scalingTable(rows: readonly ScalingRow[]): string {
  const header = ['workload', 'threads', 'median ms', 'speed-up', 'CPU ms'];
  const cells = rows.map((r) => [
    r.workload,
    String(r.threads),
    r.medianMs.toFixed(1),
    `${r.speedup.toFixed(2)}×`,
    r.medianCpuMs.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
