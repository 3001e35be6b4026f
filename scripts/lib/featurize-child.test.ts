/**
 * The featurize CLI as a user runs it, in a child process, on a 20 000-frame file: bounded peak memory, measured
 * from outside (testing/peak-rss.mjs), a truncated last frame, and Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExtXyz } from '../../src/chem/extxyz.ts';
import { computeFeatures } from '../../src/lode/features.ts';
import { writeSmallMolecules } from './testing/small-molecules.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'scripts/featurize.ts');
const PEAK_RSS = join(ROOT, 'scripts/lib/testing/peak-rss.mjs');
const FRAMES = 20_000;
/** 3 species × n_max 6 = 18 channels: ρ⊗V has 5 × 18² columns per central species, 4 860 in all. */
const HYPERS = ['--features', 'rho-V', '--nmax', '6', '--lmax', '4', '--rc', '3', '--sigma', '0.3'];
const MB = 1e6;

let dir: string;
let input: string;
let inputBytes: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'featurize-child-'));
  input = join(dir, 'molecules.xyz');
  const fd = openSync(input, 'w');
  try {
    inputBytes = writeSmallMolecules(fd, FRAMES);
  } finally {
    closeSync(fd);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Node's arguments that run the CLI (TypeScript loader, peak-memory probe) before the CLI's own. */
const RUN_CLI = ['--import', 'tsx', '--import', PEAK_RSS, CLI];

function cliArgs(file: string, out: string): string[] {
  return [...RUN_CLI, file, ...HYPERS, '--out', out];
}

/** Row `row` of a 2-D float64 .npy file, read from disk without loading the file. */
function npyRow(path: string, row: number): { shape: number[]; values: Float64Array } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(256);
    readSync(fd, head, 0, 256, 0);
    const headerLength = head.readUInt16LE(8);
    const header = head.subarray(10, 10 + headerLength).toString('latin1');
    const shape = /'shape': \((\d+), (\d+)\)/.exec(header)!.slice(1).map(Number);
    const bytes = Buffer.alloc(8 * shape[1]!);
    readSync(fd, bytes, 0, bytes.length, 10 + headerLength + row * bytes.length);
    return { shape, values: new Float64Array(bytes.buffer, bytes.byteOffset, shape[1]) };
  } finally {
    closeSync(fd);
  }
}

/** Frame `index` of the input, parsed on its own. */
function frame(text: string, index: number) {
  const lines = text.split('\n');
  const start = index * 8; // 6 atoms + count + comment
  return parseExtXyz(lines.slice(start, start + 8).join('\n'))[0]!;
}

describe('featurize CLI in a child process', () => {
  it(`featurises ${FRAMES} frames with peak memory far below what the results would take in memory`, () => {
    const where = mkdtempSync(join(dir, 'run-'));
    const out = join(where, 'molecules.npy');
    const rssFile = join(where, 'peak-rss');
    const peakOf = (args: string[]) => {
      const child = spawnSync(process.execPath, args, {
        cwd: ROOT,
        env: { ...process.env, LODE_PEAK_RSS_FILE: rssFile },
        encoding: 'utf8',
      });
      const peak = Number(readFileSync(rssFile, 'utf8'));
      rmSync(rssFile);
      return { child, peak };
    };
    const { child, peak } = peakOf(cliArgs(input, out));
    expect(child.stderr).toMatch(/featurize: 20000 frames \(120000 atoms\) → 20000 rows × 4860 columns/);
    expect(child.status).toBe(0);
    // Node, the TypeScript loader and the CLI's modules, loaded and idle: what every run costs on this machine.
    const idle = peakOf([...RUN_CLI, '--help']);
    expect(idle.child.status).toBe(0);

    const text = readFileSync(input, 'utf8');
    expect(text.length).toBe(inputBytes);
    const hypers = { nMax: 6, lMax: 4, cutoff: 3, sigma: 0.3, species: ['H', 'C', 'O'] };
    for (const row of [0, 12_345, FRAMES - 1]) {
      const { shape, values } = npyRow(out, row);
      expect(shape).toEqual([FRAMES, 4860]);
      const expected = computeFeatures({ structures: [frame(text, row)], hypers, kinds: ['rho-V'] });
      expect(Array.from(values)).toEqual(Array.from(expected.invariants));
    }
    // The previous CLI held the results and a copy for the .npy: 2 × 20 000 × 4 860 × 8 B = 1.56 GB. Streaming,
    // the run's own memory (a few batches of rows, the parsing worker, garbage not yet collected) is a fraction.
    const inMemory = 2 * FRAMES * 4860 * 8;
    expect(inMemory).toBeGreaterThan(1500 * MB);
    expect(idle.peak).toBeGreaterThan(20 * MB);
    expect(peak - idle.peak).toBeLessThan(inMemory / 4);
    expect(readdirSync(where).sort()).toEqual(['molecules.labels.json', 'molecules.npy']);
    rmSync(where, { recursive: true, force: true });
  });

  it('refuses a file whose last frame is cut off in one error line, leaving no file and an old output untouched', () => {
    const where = mkdtempSync(join(dir, 'cut-'));
    const cut = join(where, 'cut.xyz');
    const text = readFileSync(input, 'utf8');
    // Halfway through the fourth atom line of the last frame: 3 whole atoms, then part of a line.
    const lastFrame = text.lastIndexOf('\n6\n') + 1;
    const fourthAtom = lastFrame + text.slice(lastFrame).split('\n').slice(0, 5).join('\n').length + 1;
    writeFileSync(cut, text.slice(0, fourthAtom + 10));
    const lines = text.slice(0, fourthAtom).split('\n').length;
    const out = join(where, 'cut.npy');
    writeFileSync(out, 'an earlier result');
    const child = spawnSync(process.execPath, cliArgs(cut, out), { cwd: ROOT, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(
      new RegExp(
        `^error: ${cut}: frame ${FRAMES - 1}, line ${lines}: too few columns: expected 4 \\(species:S:1:pos:R:3\\), got 2\\n$`,
      ),
    );
    expect(readdirSync(where).sort()).toEqual(['cut.npy', 'cut.xyz']);
    expect(readFileSync(out, 'utf8')).toBe('an earlier result');

    // Cut at a line break instead, the frame has too few lines.
    truncateSync(cut, fourthAtom);
    const atLineEnd = spawnSync(process.execPath, cliArgs(cut, out), { cwd: ROOT, encoding: 'utf8' });
    expect(atLineEnd.status).toBe(2);
    expect(atLineEnd.stderr).toBe(
      `error: ${cut}: frame ${FRAMES - 1}, line ${lines}: truncated frame: expected 6 atoms, input ends after 3\n`,
    );
    expect(readdirSync(where).sort()).toEqual(['cut.npy', 'cut.xyz']);
    rmSync(where, { recursive: true, force: true });
  });

  it('on Ctrl-C (SIGINT) while writing, removes the partial files and exits with 130', async () => {
    const where = mkdtempSync(join(dir, 'stop-'));
    const child = spawn(process.execPath, cliArgs(input, join(where, 'stop.npy')), { cwd: ROOT });
    let stderr = '';
    let temporaries: string[] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      if (temporaries.length > 0 || !stderr.includes('featurize: 25%')) return;
      temporaries = readdirSync(where).filter((f) => f.endsWith('.tmp'));
      child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(temporaries).toHaveLength(2);
    expect(code).toBe(130);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('error: interrupted by SIGINT; no output was written');
    expect(readdirSync(where)).toEqual([]);
    rmSync(where, { recursive: true, force: true });
  });
});
