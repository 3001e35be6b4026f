/** What every benchmark script shares: its flags (--runs, --quick, --help), medians, and one-line usage errors. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const BENCH_ENGINES = ['cpu', 'webgpu'] as const;
export type BenchEngine = (typeof BENCH_ENGINES)[number];

export interface BenchArgs {
  readonly runs: number;
  readonly quick: boolean;
  readonly help: boolean;
  /** The feature engine a lesson benchmark asks the page for (--engine; only where `engineFlag` is set). */
  readonly engine: BenchEngine;
}

export function parseBenchArgs(argv: readonly string[], defaultRuns: number, engineFlag = false): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: String(defaultRuns) },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...(engineFlag ? { engine: { type: 'string', default: 'cpu' } } : {}),
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new UsageError(`--runs: expected a positive integer, got '${values.runs}'`);
  }
  const engine = values.engine ?? 'cpu';
  if (typeof engine !== 'string' || !BENCH_ENGINES.includes(engine as BenchEngine)) {
    throw new UsageError(`--engine: expected one of ${BENCH_ENGINES.join(', ')}, got '${String(engine)}'`);
  }
  return { runs, quick: values.quick, help: values.help, engine: engine as BenchEngine };
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a benchmark's main; bad flags end in one `error:` line and exit code 2. */
export async function runBench(main: (argv: readonly string[]) => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    const isParseError =
      error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof UsageError) && !isParseError) throw error;
    process.stderr.write(`error: ${error.message.split(/\.\s/)[0]} (see --help)\n`);
    process.exitCode = 2;
  }
}
