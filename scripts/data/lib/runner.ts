/**
 * Runs many single points: `jobs` program processes at a time, each result cached on disk under its input's
 * hash, so an interrupted or extended run redoes nothing. A failed point is reported, never fatal.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import type { Calculator, SinglePoint } from './calculator.ts';

export interface PointRequest {
  readonly id: string;
  readonly molecule: MoleculeJson;
}

export type Outcome =
  | ({ readonly ok: true; readonly cached: boolean } & SinglePoint)
  | { readonly ok: false; readonly reason: string };

export interface RunOptions {
  /** Root of the gitignored cache, e.g. `data-work`. */
  readonly workDir: string;
  readonly jobs: number;
  readonly label: string;
  readonly log?: (line: string) => void;
}

function cachePath(workDir: string, calculator: Calculator, molecule: MoleculeJson): string {
  const hash = createHash('sha256').update(calculator.input(molecule)).digest('hex').slice(0, 32);
  const level = calculator.level.replace(/[^A-Za-z0-9.-]+/g, '_');
  return join(workDir, level, `${hash}.json`);
}

function readCache(path: string): SinglePoint | undefined {
  if (!existsSync(path)) return undefined;
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const point = value as SinglePoint;
  return Number.isFinite(point.energyHartree) ? point : undefined;
}

/** Progress lines on stderr: every 5 % or 20 s, whichever comes first, with failures and an ETA. */
function progressReporter(label: string, total: number, log: (line: string) => void) {
  const start = performance.now();
  let lastStep = -1;
  let lastTime = start;
  return (done: number, failed: number, cached: number) => {
    const now = performance.now();
    const step = Math.floor((20 * done) / Math.max(total, 1));
    if (step === lastStep && now - lastTime < 20_000 && done < total) return;
    lastStep = step;
    lastTime = now;
    const rate = (now - start) / 1000 / Math.max(done - cached, 1);
    const eta = Math.round(rate * (total - done));
    log(`${label}: ${done}/${total} points, ${cached} cached, ${failed} failed, ~${eta} s left`);
  };
}

export async function runPoints(
  calculator: Calculator,
  points: readonly PointRequest[],
  options: RunOptions,
): Promise<Map<string, Outcome>> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outcomes = new Map<string, Outcome>();
  const report = progressReporter(options.label, points.length, log);
  let next = 0;
  let failed = 0;
  let cached = 0;

  async function worker(): Promise<void> {
    while (next < points.length) {
      const { id, molecule } = points[next++]!;
      const path = cachePath(options.workDir, calculator, molecule);
      const hit = readCache(path);
      if (hit) {
        cached++;
        outcomes.set(id, { ok: true, cached: true, ...hit });
      } else {
        try {
          const point = await calculator.compute(molecule);
          mkdirSync(join(path, '..'), { recursive: true });
          writeFileSync(path, JSON.stringify({ id, ...point }));
          outcomes.set(id, { ok: true, cached: false, ...point });
        } catch (error) {
          failed++;
          const reason = error instanceof Error ? error.message : String(error);
          outcomes.set(id, { ok: false, reason });
          log(`${options.label}: ${id} failed: ${reason}`);
        }
      }
      report(outcomes.size, failed, cached);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  return outcomes;
}
