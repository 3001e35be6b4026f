import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MoleculeJson } from '../../../src/data/formats.ts';
import type { Calculator } from './calculator.ts';
import { runPoints } from './runner.ts';

const mol = (x: number): MoleculeJson => ({ species: ['He'], positions: [x, 0, 0], charge: 0 });

function fakeCalculator(calls: number[]): Calculator {
  return {
    level: 'fake',
    input: (m) => JSON.stringify(m),
    compute: async (m) => {
      calls.push(m.positions[0]!);
      if (m.positions[0] === 3) throw new Error('no convergence');
      return { energyHartree: -m.positions[0]!, wallSeconds: 0.5 };
    },
  };
}

describe('runPoints', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('computes each point once, records failures, and reuses the cache on the next run', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'runner-'));
    dirs.push(workDir);
    const points = [1, 2, 3, 4].map((x) => ({ id: `p${x}`, molecule: mol(x) }));
    const calls: number[] = [];
    const lines: string[] = [];
    const options = { workDir, jobs: 2, label: 'test', log: (l: string) => lines.push(l) };
    const first = await runPoints(fakeCalculator(calls), points, options);
    expect(first.get('p2')).toEqual({ ok: true, cached: false, energyHartree: -2, wallSeconds: 0.5 });
    expect(first.get('p3')).toEqual({ ok: false, reason: 'no convergence' });
    expect(lines.some((l) => l.includes('p3 failed'))).toBe(true);
    expect(lines.at(-1)).toMatch(/4\/4 points, 0 cached, 1 failed/);
    const second = await runPoints(fakeCalculator(calls), points, options);
    expect(second.get('p4')).toMatchObject({ ok: true, cached: true, energyHartree: -4 });
    expect(calls.sort()).toEqual([1, 2, 3, 3, 4]); // only the failure is retried
  });
});
