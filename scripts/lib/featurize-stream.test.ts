/**
 * The featurize CLI's streaming, in-process: batches give the numbers of one computeFeatures call on every frame,
 * the first pass finds what it can before anything is computed, and a run that fails or is interrupted after it has
 * started writing leaves nothing behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExtXyz, writeExtXyz } from '../../src/chem/extxyz.ts';
import { makeStructure, type Structure } from '../../src/chem/structure.ts';
import { computeFeatures, labelName, type FeatureRequest } from '../../src/lode/features.ts';
import { RESOURCE_LIMITS } from '../../src/lode/limits.ts';
import type { BatchSize } from './featurize-input.ts';
import { runFeaturize, speciesInFrames, USER_ERROR_EXIT, type CliSettings } from './featurize-main.ts';
import { readNpy } from './testing/read-npy.ts';

const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const HYPERS = ['--nmax', '3', '--lmax', '2', '--rc', '3', '--sigma', '0.3'];

let dir: string;
let dimers: Structure[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'featurize-stream-'));
  dimers = parseExtXyz(readFileSync(DATA, 'utf8'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stderr: string;
}

/** Runs the CLI in-process; `onStderr` sees each piece of stderr as it is written (progress lines included). */
async function run(
  argv: string[],
  settings: Partial<CliSettings> = {},
  onStderr: (text: string) => void = () => undefined,
): Promise<Run> {
  let stderr = '';
  const io = {
    stdout: { write: () => true },
    stderr: {
      isTTY: false,
      write: (text: string) => {
        stderr += text;
        onStderr(text);
        return true;
      },
    },
  };
  const code = await runFeaturize(argv, io, { limits: RESOURCE_LIMITS, quietMs: 1000, ...settings });
  return { code, stderr };
}

/** What computeFeatures gives for all the dimers in one call, at HYPERS. */
function reference(request: Omit<FeatureRequest, 'structures' | 'hypers'>, structures = dimers) {
  const hypers = { nMax: 3, lMax: 2, cutoff: 3, sigma: 0.3, species: speciesInFrames(structures) };
  return computeFeatures({ structures, hypers, periodic: 'as-clusters', ...request });
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

/** A water molecule `shift` Å along x, its last atom of the species given. */
const water = (shift: number, last = 'H') =>
  makeStructure(['O', 'H', last], [shift, 0, 0, shift + 0.96, 0, 0, shift - 0.24, 0.93, 0]);

/** A fresh directory per case, so that "nothing left behind" can be checked by listing it. */
const fresh = () => mkdtempSync(join(dir, 'case-'));

describe('featurize CLI, streamed', () => {
  const batches: [string, BatchSize, number][] = [
    ['all at once', { frames: 1000, bytes: 1e9 }, Infinity],
    ['9 frames a batch', { frames: 9, bytes: 1e9 }, Infinity],
    ['one frame a batch (byte budget)', { frames: 1000, bytes: 1 }, Infinity],
    ['9 frames a batch, read by a worker', { frames: 9, bytes: 1e9 }, 0],
  ];

  it.each(batches)(
    'writes the 130 charged dimers (%s) equal bit for bit to one computeFeatures call on all of them',
    async (_, batch, parseAheadBytes) => {
      const where = fresh();
      const out = join(where, 'cc.npy');
      const argv = [
        DATA,
        '--no-pbc',
        '--features',
        'rho-V,V-V',
        '--vectors',
        'rho-V',
        ...HYPERS,
        '--out',
        out,
      ];
      const { code, stderr } = await run(argv, { batch, parseAheadBytes });
      expect(code).toBe(0);
      expect(stderr).toMatch(/featurize: 130 frames \(\d+ atoms\) → 130 rows × \d+ columns/);
      const expected = reference({ kinds: ['rho-V', 'V-V'], vectorKinds: ['rho-V'] });
      const values = readNpy(readFileSync(out));
      expect(values.shape).toEqual([130, expected.invariantLabels.length]);
      expect(sameBits(values.data, expected.invariants)).toBe(true);
      const vectors = readNpy(readFileSync(join(where, 'cc.vectors.npy')));
      expect(vectors.shape).toEqual([130, expected.vectorLabels.length, 3]);
      expect(sameBits(vectors.data, expected.vectors)).toBe(true);
      const text = readFileSync(join(where, 'cc.labels.json'), 'utf8');
      const labels = JSON.parse(text) as Record<string, unknown>;
      // Streamed, the document is still what JSON.stringify(document, null, 1) writes.
      expect(text).toBe(`${JSON.stringify(labels, null, 1)}\n`);
      expect(labels.rowInfo).toEqual(expected.rowInfo);
      expect(labels.labels).toEqual(expected.invariantLabels.map(labelName));
      expect(labels.vectorLabels).toEqual(expected.vectorLabels.map(labelName));
      expect(readdirSync(where).sort()).toEqual(['cc.labels.json', 'cc.npy', 'cc.vectors.npy']);
    },
  );

  it('streams per-centre rows of chosen centres across batches, to .npy and to .json', async () => {
    const where = fresh();
    const argv = [DATA, '--no-pbc', '--per-atom', '--centres', 'O,N', ...HYPERS];
    const batch = { frames: 7, bytes: 1e9 };
    expect((await run([...argv, '--out', join(where, 'atoms.npy')], { batch })).code).toBe(0);
    expect((await run([...argv, '--out', join(where, 'atoms.json')], { batch })).code).toBe(0);
    const expected = reference({
      kinds: ['rho-V'],
      perAtom: true,
      centres: { mode: 'species', species: ['O', 'N'] },
    });
    const values = readNpy(readFileSync(join(where, 'atoms.npy')));
    expect(values.shape).toEqual([expected.rows, expected.invariantLabels.length]);
    expect(sameBits(values.data, expected.invariants)).toBe(true);
    const rowInfo = expected.rowInfo.map(({ structure, atom }) => ({
      structure,
      atom,
      species: dimers[structure]!.species[atom],
    }));
    const text = readFileSync(join(where, 'atoms.labels.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 1)}\n`);
    expect((JSON.parse(text) as { rowInfo: unknown }).rowInfo).toEqual(rowInfo);
    const json = JSON.parse(readFileSync(join(where, 'atoms.json'), 'utf8')) as {
      rowInfo: unknown;
      values: number[][];
    };
    expect(json.rowInfo).toEqual(rowInfo);
    expect(sameBits(json.values.flat(), expected.invariants)).toBe(true);
  });

  it('writes the same files bit for bit with --threads 1 and 2 (each batch shared out among worker threads)', async () => {
    const where = fresh();
    const argv = [DATA, '--no-pbc', '--per-atom', '--centres', 'N,O', '--vectors', 'rho-V', ...HYPERS];
    const settings = { batch: { frames: 40, bytes: 1e9 }, poolFromAtoms: 0 };
    const one = await run([...argv, '--threads', '1', '--out', join(where, 'one.npy')], settings);
    const two = await run([...argv, '--threads', '2', '--out', join(where, 'two.npy')], settings);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(one.stderr).not.toMatch(/threads/);
    expect(two.stderr).toMatch(/; 2 threads\n/);
    for (const file of ['.npy', '.vectors.npy']) {
      expect(readFileSync(join(where, `two${file}`)).equals(readFileSync(join(where, `one${file}`)))).toBe(
        true,
      );
    }
    // The labels differ only in the names of the files they describe.
    const labels = (name: string) => {
      const text = readFileSync(join(where, `${name}.labels.json`), 'utf8');
      return { ...(JSON.parse(text) as object), files: null };
    };
    expect(labels('two')).toEqual(labels('one'));
    // Below poolFromAtoms (here 2 574 atoms, under the default), one thread computes whatever --threads says.
    const small = await run([
      DATA,
      '--no-pbc',
      ...HYPERS,
      '--threads',
      '2',
      '--out',
      join(where, 'small.npy'),
    ]);
    expect(small.code).toBe(0);
    expect(small.stderr).not.toMatch(/threads/);
  });

  it('writes an empty (0 × columns) array when no atom is a centre', async () => {
    const where = fresh();
    const file = join(where, 'water.xyz');
    writeFileSync(file, '3\nwater\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0\n');
    const out = join(where, 'none.npy');
    const argv = [file, '--per-atom', '--species', 'H,N,O', '--centres', 'N', ...HYPERS, '--out', out];
    expect((await run(argv)).code).toBe(0);
    expect(readNpy(readFileSync(out)).shape).toEqual([0, 3 * 3 * 3 * 3 * 3]);
    const text = readFileSync(join(where, 'none.labels.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 1)}\n`);
    expect((JSON.parse(text) as { rowInfo: unknown }).rowInfo).toEqual([]);
  });

  it('collects the default species over the whole input in the first pass', async () => {
    const where = fresh();
    const frames = [
      makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0]),
      makeStructure(['O', 'H'], [0, 0, 0, 0.97, 0, 0]),
      makeStructure(['N', 'H'], [0, 0, 0, 1.01, 0, 0]), // N only in the last frame, in the last batch
    ];
    const file = join(where, 'late.xyz');
    writeFileSync(file, writeExtXyz(frames));
    const out = join(where, 'late.npy');
    expect((await run([file, ...HYPERS, '--out', out], { batch: { frames: 1, bytes: 1e9 } })).code).toBe(0);
    const labels = JSON.parse(readFileSync(join(where, 'late.labels.json'), 'utf8')) as {
      hypers: { species: string[] };
    };
    expect(labels.hypers.species).toEqual(['H', 'N', 'O']);
    const expected = reference({ kinds: ['rho-V'] }, frames);
    expect(sameBits(readNpy(readFileSync(out)).data, expected.invariants)).toBe(true);
  });

  it('finds species outside --species in any frame before computing anything, numbered in the file', async () => {
    const where = fresh();
    const frames = [0, 1, 2, 3, 4].map((i) => water(i));
    const sulphur = join(where, 'sulphur.xyz');
    writeFileSync(sulphur, writeExtXyz([...frames, water(5, 'S')]));
    const argv = [sulphur, '--species', 'H,O', ...HYPERS, '--out', join(where, 's.npy')];
    const species = await run(argv, { batch: { frames: 2, bytes: 1e9 } });
    expect(species.code).toBe(USER_ERROR_EXIT);
    expect(species.stderr).toBe(
      `error: ${sulphur}: structure 5: atom 2 is S, which is not in the species list [H, O]\n`,
    );
    expect(readdirSync(where)).toEqual(['sulphur.xyz']);
  });

  /** 20 000 frames: 1.3 MB, so the last frame is read in a later chunk, after batches have been written. */
  const PREFIX = 20_000;
  const twin = makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, 0.96, 0, 0]);
  const overlap = [writeExtXyz([twin]), `structure ${PREFIX}: atoms 1 and 2 sit on the same point`] as const;
  const notANumber = [
    writeExtXyz([water(5)]).replace(/ 0\.93 0\n$/, ' zero 0\n'),
    `frame ${PREFIX}, line ${5 * PREFIX + 5}: non-numeric value 'zero' in column 'pos'`,
  ] as const;
  it.each([
    ['two atoms on one point', 'this thread', Infinity, ...overlap],
    ['two atoms on one point', 'a worker', 0, ...overlap],
    ['a value that is not a number', 'this thread', Infinity, ...notANumber],
    ['a value that is not a number', 'a worker', 0, ...notANumber],
  ])(
    'reports %s in the last frame (read in %s), found while computing, numbered in the file, and leaves nothing behind',
    async (_, __, parseAheadBytes, last, message) => {
      const where = fresh();
      const file = join(where, 'late.xyz');
      const prefix = writeExtXyz(Array.from({ length: PREFIX }, (_, i) => water(i % 100)));
      writeFileSync(file, prefix + last);
      let temporaries: string[] = [];
      const { code, stderr } = await run(
        [file, ...HYPERS, '--out', join(where, 'late.npy')],
        { batch: { frames: 500, bytes: 1e9 }, parseAheadBytes },
        (text) => {
          if (text.startsWith('featurize: 25%'))
            temporaries = readdirSync(where).filter((f) => f.endsWith('.tmp'));
        },
      );
      expect(temporaries).toHaveLength(2); // a quarter of the rows had been written
      expect(code).toBe(USER_ERROR_EXIT);
      expect(stderr.trim().split('\n').at(-1)).toBe(`error: ${file}: ${message}`);
      expect(readdirSync(where)).toEqual(['late.xyz']);
    },
  );

  it('refuses a line longer than the limit, with its frame and line, before anything is written', async () => {
    const where = fresh();
    const file = join(where, 'long.xyz');
    writeFileSync(file, `1\nshort\nH 0 0 0\n1\n${'x'.repeat(200)}\nH 0 0 0\n`);
    const limits = { ...RESOURCE_LIMITS, maxLineLength: 100 };
    const { code, stderr } = await run([file, ...HYPERS, '--out', join(where, 'long.npy')], { limits });
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr).toBe(`error: ${file}: frame 1, line 5: line longer than 100 characters, the limit\n`);
    expect(readdirSync(where)).toEqual(['long.xyz']);
  });

  it('refuses, before computing, output that the free space of its directory cannot hold', async () => {
    const where = fresh();
    const out = join(where, 'full.npy');
    let asked = '';
    const freeBytes = (path: string) => {
      asked = path;
      return 10_000;
    };
    const { code, stderr } = await run([DATA, '--no-pbc', ...HYPERS, '--out', out], { freeBytes });
    expect(code).toBe(USER_ERROR_EXIT);
    expect(asked).toBe(where);
    expect(stderr).toMatch(
      new RegExp(
        `^error: cannot write '${out}': the output needs up to [\\d.]+ [kM]B, and the file system of '${where}' has 10\\.0 kB free\\n$`,
      ),
    );
    expect(readdirSync(where)).toEqual([]);
    expect((await run([DATA, '--no-pbc', ...HYPERS, '--out', out], { freeBytes: () => 10e6 })).code).toBe(0);
  });

  it.each([
    ['grows', (text: string) => text + writeExtXyz(dimers.slice(12, 13))],
    [
      'is rewritten, same size',
      (text: string) => text.replace(/(\d)\n/, (_, d: string) => `${(Number(d) + 1) % 10}\n`),
    ],
    ['shrinks', (text: string) => text.slice(0, text.indexOf('\n23\n') + 1)],
  ])('leaves nothing behind when the input %s while it is featurised', async (_, change) => {
    const where = fresh();
    const file = join(where, 'moving.xyz');
    const text = writeExtXyz(dimers.slice(0, 12));
    writeFileSync(file, text);
    let changed = false;
    let temporaries: string[] = [];
    const { code, stderr } = await run(
      [file, '--no-pbc', ...HYPERS, '--out', join(where, 'moving.npy')],
      { batch: { frames: 1, bytes: 1e9 } },
      (line) => {
        if (changed || !line.startsWith('featurize: 25%')) return;
        temporaries = readdirSync(where).filter((f) => f.endsWith('.tmp'));
        writeFileSync(file, change(text));
        changed = true;
      },
    );
    expect(changed).toBe(true);
    expect(temporaries).toHaveLength(2); // values and labels were being written
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      `error: ${file}: the file changed while it was being featurised; run again on a file that stays put`,
    );
    expect(readdirSync(where)).toEqual(['moving.xyz']);
  });

  it('opens no file and leaves SIGINT to the process until the first batch is computed', async () => {
    const where = fresh();
    const baseline = process.listenerCount('SIGINT');
    let during: { listeners: number; files: string[] } | undefined;
    const { code } = await run(
      [DATA, '--no-pbc', ...HYPERS, '--out', join(where, 'one.npy')],
      { batch: { frames: 1000, bytes: 1e9 } }, // one batch: its progress lines come before any row is written
      (text) => {
        if (during || !text.startsWith('featurize: 25%')) return;
        during = { listeners: process.listenerCount('SIGINT'), files: readdirSync(where) };
      },
    );
    expect(code).toBe(0);
    expect(during).toEqual({ listeners: baseline, files: [] });
    expect(process.listenerCount('SIGINT')).toBe(baseline);
  });

  it('on SIGINT while writing, removes the partial files and exits with 130', async () => {
    const where = fresh();
    let temporaries: string[] = [];
    let listeners = -1;
    const { code, stderr } = await run(
      [DATA, '--no-pbc', ...HYPERS, '--vectors', 'rho-V', '--out', join(where, 'stop.npy')],
      { batch: { frames: 5, bytes: 1e9 } },
      (text) => {
        if (listeners >= 0 || !text.startsWith('featurize: 25%')) return;
        temporaries = readdirSync(where).filter((f) => f.endsWith('.tmp'));
        listeners = process.listenerCount('SIGINT');
        process.emit('SIGINT', 'SIGINT');
      },
    );
    expect(temporaries).toHaveLength(3);
    expect(listeners).toBeGreaterThan(0);
    expect(code).toBe(130);
    expect(stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([
      'error: interrupted by SIGINT; no output was written',
    ]);
    expect(stderr).not.toContain('featurize: 100%');
    expect(readdirSync(where)).toEqual([]);
    // The listener is gone after the run: a later SIGINT is the process's own business again.
    expect(process.listenerCount('SIGINT')).toBe(listeners - 1);
  });
});
