import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExtXyz, writeExtXyz } from '../../src/chem/extxyz.ts';
import { ELEMENTS } from '../../src/chem/elements.ts';
import { makeStructure, type Structure } from '../../src/chem/structure.ts';
import { computeFeatures, labelName, type FeatureRequest } from '../../src/lode/features.ts';
import {
  estimateFeatureSize,
  jsonOutputBytes,
  labelsJsonBytes,
  RESOURCE_LIMITS,
  type ResourceLimits,
} from '../../src/lode/limits.ts';
import { runFeaturize, speciesInFrames, USER_ERROR_EXIT, type CliIo } from './featurize-main.ts';
import { readNpy } from './testing/read-npy.ts';

const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));
const HYPERS = ['--nmax', '2', '--lmax', '1', '--rc', '3', '--sigma', '0.3'];
/** The file declares pbc="T T T" with a 30 Å box that only contains each dimer: most tests take its frames as clusters. */
const NO_PBC = '--no-pbc';

let dir: string;
let input: string;
let frames: Structure[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'featurize-test-'));
  // The CLI reads whole files; three real frames keep the test fast.
  frames = parseExtXyz(readFileSync(DATA, 'utf8')).slice(0, 3);
  input = join(dir, 'three.xyz');
  writeFileSync(input, writeExtXyz(frames));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(
  argv: string[],
  isTTY = false,
  limits: Partial<ResourceLimits> = {},
  quietMs = 1000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY },
  };
  const code = await runFeaturize(argv, io, { limits: { ...RESOURCE_LIMITS, ...limits }, quietMs });
  return { code, stdout, stderr };
}

function expected(request: Omit<FeatureRequest, 'structures' | 'hypers'>, includeCenter = true) {
  const hypers = { nMax: 2, lMax: 1, cutoff: 3, sigma: 0.3, species: speciesInFrames(frames), includeCenter };
  return computeFeatures({ structures: frames, hypers, periodic: 'as-clusters', ...request });
}

describe('featurize CLI', () => {
  it('orders the default species by atomic number', async () => {
    expect(speciesInFrames(frames)).toEqual(['H', 'C', 'N', 'O']);
  });

  it('writes .npy + labels that match computeFeatures', async () => {
    const out = join(dir, 'structures.npy');
    const { code, stderr } = await run([
      input,
      NO_PBC,
      '--features',
      'rho-V,rho-rho',
      ...HYPERS,
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const reference = expected({ kinds: ['rho-V', 'rho-rho'] });
    const npy = readNpy(readFileSync(out));
    expect(npy.shape).toEqual([3, reference.invariantLabels.length]);
    expect(Array.from(npy.data)).toEqual(Array.from(reference.invariants));

    const labels = JSON.parse(readFileSync(join(dir, 'structures.labels.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(labels.rows).toBe(3);
    expect(labels.columns).toBe(reference.invariantLabels.length);
    expect(labels.labels).toEqual(reference.invariantLabels.map(labelName));
    expect(labels.rowInfo).toEqual([0, 1, 2].map((structure) => ({ structure, atom: -1 })));
    expect(labels.hypers).toMatchObject({ nMax: 2, lMax: 1, cutoff: 3, sigma: 0.3, includeCenter: true });
    expect(labels.periodic).toBe('as-clusters');
    expect(stderr).toMatch(
      /featurize: 3 frames \(\d+ atoms\) → 3 rows × \d+ columns in .*tables .*expansion .*products/,
    );
  });

  it('writes per-centre vectors to a sibling .vectors.npy', async () => {
    const out = join(dir, 'atoms.npy');
    const argv = [input, NO_PBC, '--vectors', 'rho-V', '--per-atom', '--centres', 'O,N', ...HYPERS];
    argv.push('--out', out);
    expect((await run(argv)).code).toBe(0);
    const reference = expected({
      kinds: ['rho-V'],
      vectorKinds: ['rho-V'],
      perAtom: true,
      centres: { mode: 'species', species: ['O', 'N'] },
    });
    const vectors = readNpy(readFileSync(join(dir, 'atoms.vectors.npy')));
    expect(vectors.shape).toEqual([reference.rows, reference.vectorLabels.length, 3]);
    expect(Array.from(vectors.data)).toEqual(Array.from(reference.vectors));
    expect(readNpy(readFileSync(out)).shape).toEqual([reference.rows, reference.invariantLabels.length]);
    const labels = JSON.parse(readFileSync(join(dir, 'atoms.labels.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(labels.vectorLabels).toEqual(reference.vectorLabels.map(labelName));
  });

  it('writes a single .json with nested values', async () => {
    const out = join(dir, 'all.json');
    expect(
      (await run([input, NO_PBC, '--no-center', '--vectors', 'V-V', ...HYPERS, '--out', out])).code,
    ).toBe(0);
    const reference = expected({ kinds: ['rho-V'], vectorKinds: ['V-V'] }, false);
    const document = JSON.parse(readFileSync(out, 'utf8')) as { values: number[][]; vectors: number[][][] };
    const row = (values: Float64Array, r: number, width: number) =>
      Array.from(values.subarray(r * width, (r + 1) * width));
    const width = reference.invariantLabels.length;
    expect(document.values).toEqual([0, 1, 2].map((r) => row(reference.invariants, r, width)));
    const vectorWidth = reference.vectorLabels.length;
    expect(document.vectors[1].flat()).toEqual(row(reference.vectors, 1, 3 * vectorWidth));
    // --no-center must reach the engine: with the centre included the numbers differ.
    const withCentre = expected({ kinds: ['rho-V'] });
    expect(document.values[0]).not.toEqual(row(withCentre.invariants, 0, width));
  });

  it('draws a progress bar on a terminal and plain lines otherwise', async () => {
    const tty = (await run([input, NO_PBC, ...HYPERS, '--out', join(dir, 'p.npy')], true)).stderr;
    expect(tty).toContain('\rfeaturize [');
    expect(tty).toContain('100% (3/3 frames, 69/69 atoms)');
    const log = (await run([input, NO_PBC, ...HYPERS, '--out', join(dir, 'p.npy')], false)).stderr;
    expect(log).not.toContain('\r');
    expect(log).toContain('featurize: 100% (3/3 frames, 69/69 atoms)\n');
  });

  it('shows progress within a large structure and, when they take a while, while the radial tables are built', async () => {
    const big = join(dir, 'large.xyz');
    const atoms = Array.from(
      { length: 300 },
      (_, i) => `${i % 3 ? 'H' : 'O'} ${1.2 * (i % 10)} ${1.3 * Math.floor(i / 10)} ${0.7 * (i % 7)}`,
    );
    writeFileSync(big, `300\none large structure\n${atoms.join('\n')}\n`);
    const log = (await run([big, ...HYPERS, '--out', join(dir, 'large.npy')])).stderr;
    expect(log).toMatch(
      /^featurize: [2-4]\d% \(0\/1 frames, 0\/300 atoms\)\nfeaturize: [5-7]\d% \(0\/1 frames, 0\/300 atoms\)\nfeaturize: [7-9]\d% \(0\/1 frames, 0\/300 atoms\)\nfeaturize: 100% \(1\/1 frames, 300\/300 atoms\)\n/,
    );
    expect(log).not.toContain('radial tables'); // quick: within the quiet period

    const water = join(dir, 'water.xyz');
    writeFileSync(water, '3\nwater\nO 0 0 0\nH 0.96 0 0\nH -0.24 0.93 0\n');
    const tiny = ['--rc', '0.5', '--sigma', '0.01', '--nmax', '1', '--lmax', '0'];
    const slow = (await run([water, ...tiny, '--out', join(dir, 'water.npy')], false, {}, 0)).stderr;
    const lines = slow.split('\n');
    const tables = lines.filter((l) => l.startsWith('featurize: radial tables: '));
    const steps = [/^featurize: radial tables: [2-4]\d%$/, /: [5-7]\d%$/, /: [7-9]\d%$/, /: 100%$/];
    expect(tables).toHaveLength(4);
    tables.forEach((line, i) => expect(line).toMatch(steps[i]!));
    expect(lines.indexOf(tables.at(-1)!)).toBeLessThan(
      lines.indexOf('featurize: 100% (1/1 frames, 3/3 atoms)'),
    );
    // The first pass reports the bytes it has read (a 10 GB input takes a while), before the tables.
    const reading = `featurize: reading input: 100% (${statSync(water).size} B of ${statSync(water).size} B)`;
    expect(lines.indexOf(reading)).toBeGreaterThan(-1);
    expect(lines.indexOf(reading)).toBeLessThan(lines.indexOf(tables[0]!));

    const other = ['--rc', '0.5', '--sigma', '0.011', '--nmax', '1', '--lmax', '0']; // tables not cached yet
    const tty = (await run([water, ...other, '--out', join(dir, 'water.npy')], true, {}, 0)).stderr;
    expect(tty).toMatch(
      /^\rfeaturize: reading input \[#{30}\] 100% \(\d+ B of \d+ B\)\n\rfeaturize: radial tables \[#* *\] +\d+%/,
    );
    expect(tty).toContain('\rfeaturize: radial tables [##############################] 100%\n\rfeaturize [');
  });

  it.each([
    [['--bogus'], /^error: unknown option '--bogus' \(see --help\)\n$/],
    [
      ['missing.xyz', '--out', 'x.npy'],
      /^error: cannot read input file 'missing.xyz': no such file or directory\n$/,
    ],
    [['INPUT', '--nmax', '40', '--out', 'OUT'], /^error: --nmax: must lie in \[1, 16\], got 40\n$/],
    [['INPUT', '--rc', '-3', '--out', 'OUT'], /^error: --rc: must lie in \[0\.1, 20\], got -3\n$/],
    [['INPUT', '--sigma', '-0.3', '--out', 'OUT'], /^error: --sigma: must lie in \[0\.01, 5\], got -0\.3\n$/],
    [
      ['INPUT', NO_PBC, '--species', 'H,C', '--out', 'OUT'],
      /^error: .*three\.xyz: structure 0: atom \d+ is [NO], which is not/,
    ],
    [
      ['INPUT', '--centres', 'Li', '--out', 'OUT'],
      /^error: --centres: Li not among the species \[H, C, N, O\]/,
    ],
    [['INPUT', '--out', '/no/such/dir/x.npy'], /^error: cannot write '\/no\/such\/dir\/x.npy': directory/],
    [
      ['FLAG_ONLY', ...HYPERS, '--out', 'OUT'],
      /^error: .*flag-only\.xyz: structure 1: periodic \(a pbc flag is T\) but has no cell \(Lattice=\)\n$/,
    ],
  ])('reports %j as one error line with exit code 2', async (argv, message) => {
    const flagOnly = join(dir, 'flag-only.xyz');
    writeFileSync(flagOnly, writeExtXyz(frames.map((f) => makeStructure(f.species, f.positions))));
    // The second frame says pbc="T T T" but has no Lattice=.
    const text = readFileSync(flagOnly, 'utf8').split('\n');
    const second = frames[0].species.length + 3;
    text[second] = `${text[second]} pbc="T T T"`;
    writeFileSync(flagOnly, text.join('\n'));
    const files: Record<string, string> = { INPUT: input, FLAG_ONLY: flagOnly, OUT: join(dir, 'e.npy') };
    const args = argv.map((a) => files[a] ?? a);
    const { code, stderr } = await run(args);
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('honours Lattice/pbc: periodic frames are periodic systems; with --no-pbc they are the same atoms as clusters', async () => {
    const periodicOut = join(dir, 'periodic.npy');
    expect((await run([input, ...HYPERS, '--out', periodicOut])).code).toBe(0);
    const periodic = readNpy(readFileSync(periodicOut)).data;
    const reference = expected({ kinds: ['rho-V'], periodic: 'periodic' });
    expect(Array.from(periodic)).toEqual(Array.from(reference.invariants));
    const periodicLabels = JSON.parse(readFileSync(join(dir, 'periodic.labels.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(periodicLabels.periodic).toBe('periodic');

    const asClusters = join(dir, 'as-clusters.npy');
    expect((await run([input, NO_PBC, ...HYPERS, '--out', asClusters])).code).toBe(0);
    const clusters = readNpy(readFileSync(asClusters)).data;
    expect(Array.from(clusters)).not.toEqual(Array.from(periodic));
    // The same atoms without a cell, and with a cell whose pbc flags are all F: clusters, no flag needed.
    const bare = join(dir, 'bare.xyz');
    writeFileSync(bare, writeExtXyz(frames.map((f) => makeStructure(f.species, f.positions))));
    const open = join(dir, 'open.xyz');
    const openFrames = frames.map((f) =>
      makeStructure(f.species, f.positions, { cell: f.cell, pbc: [false, false, false] }),
    );
    writeFileSync(open, writeExtXyz(openFrames));
    for (const file of [bare, open]) {
      const out = join(dir, 'cluster.npy');
      expect((await run([file, ...HYPERS, '--out', out])).code).toBe(0);
      expect(Array.from(readNpy(readFileSync(out)).data)).toEqual(Array.from(clusters));
    }
  });

  it('says that the input has no atoms when every frame is empty and no --species is given', async () => {
    const empty = join(dir, 'empty-frames.xyz');
    writeFileSync(empty, '0\nfirst\n0\nsecond\n');
    const { code, stderr } = await run([empty, '--out', join(dir, 'empty.npy')]);
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr).toBe(
      `error: ${empty}: the input has no atoms (2 frames, all empty); nothing to featurize\n`,
    );
  });

  it('reports parse errors with file, frame and line', async () => {
    const bad = join(dir, 'bad.xyz');
    writeFileSync(bad, '2\n\nH 0 0 0\nH 0 0 zero\n');
    const { code, stderr } = await run([bad, '--out', join(dir, 'bad.npy')]);
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr).toBe(`error: ${bad}: frame 0, line 4: non-numeric value 'zero' in column 'pos'\n`);
  });

  it('escapes control characters of the input and of arguments in error messages', async () => {
    const evil = join(dir, 'evil.xyz');
    writeFileSync(evil, '\u001b]0;PWNED\u0007\u001b[31mRED\nc\n');
    const parsed = await run([evil, '--out', join(dir, 'evil.npy')]);
    expect(parsed.code).toBe(USER_ERROR_EXIT);
    expect(parsed.stderr).toBe(
      `error: ${evil}: frame 0, line 1: bad atom count line '\\x1b]0;PWNED\\x07\\x1b[31mRED', ` +
        'expected a non-negative integer\n',
    );
    const argument = await run([
      input,
      '--features',
      'rho-V,\u001b[2J\u009b',
      '--out',
      join(dir, 'evil.npy'),
    ]);
    expect(argument.code).toBe(USER_ERROR_EXIT);
    expect(argument.stderr).toContain("unknown kind '\\x1b[2J\\x9b'");
    const path = await run([join(dir, 'no\nsuch\u001b.xyz'), '--out', join(dir, 'evil.npy')]);
    expect(path.stderr).toContain('no\\nsuch\\x1b.xyz');
    for (const { stderr } of [parsed, argument, path]) {
      // eslint-disable-next-line no-control-regex
      expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.each([
    ['labels', 'stem.labels.json', []],
    ['vectors', 'stem.vectors.npy', ['--vectors', 'rho-V']],
  ])('names the %s file that cannot be written and leaves no file behind', async (_, blocked, extra) => {
    const where = mkdtempSync(join(dir, 'blocked-'));
    mkdirSync(join(where, blocked));
    const { code, stderr } = await run([
      input,
      NO_PBC,
      ...HYPERS,
      ...extra,
      '--out',
      join(where, 'stem.npy'),
    ]);
    expect(code).toBe(USER_ERROR_EXIT);
    expect(stderr).toBe(`error: cannot write '${join(where, blocked)}': is a directory\n`);
    expect(readdirSync(where)).toEqual([blocked]);
  });

  describe('resource limits', () => {
    /** One atom of each element H–Kr, 1.5 Å apart on a line: 36 species from a file of a few hundred bytes. */
    const elementsFile = () => {
      const path = join(dir, 'elements.xyz');
      const atoms = ELEMENTS.map((e, i) => `${e.symbol} ${1.5 * i} 0 0`);
      writeFileSync(path, `${atoms.length}\nall elements\n${atoms.join('\n')}\n`);
      return path;
    };
    const outputs = (stem: string) =>
      [`${stem}.npy`, `${stem}.labels.json`, `${stem}.vectors.npy`, `${stem}.json`].filter((f) => {
        try {
          readFileSync(join(dir, f));
          return true;
        } catch {
          return false;
        }
      });

    async function refused(
      argv: string[],
      message: RegExp,
      limits: Partial<ResourceLimits> = {},
    ): Promise<void> {
      const { code, stderr } = await run(argv, false, limits);
      expect(stderr).toMatch(message);
      expect(code).toBe(USER_ERROR_EXIT);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }

    it('refuses 36 species at the default hypers before computing: 14.9 million columns', async () => {
      const file = elementsFile();
      expect(readFileSync(file).length).toBeLessThan(600);
      const start = performance.now();
      await refused(
        [file, '--out', join(dir, 'wide.npy')],
        new RegExp(
          '^error: the output would have 14,929,920 columns \\(1 row × 14,929,920 columns, 119 MB\\), more ' +
            'than the limit of 1,000,000 columns; choose fewer species with --species \\(36 now\\), fewer ' +
            'centre species with --centres \\(36 now\\), a smaller --nmax \\(8\\) or --lmax \\(4\\)',
        ),
      );
      expect(performance.now() - start).toBeLessThan(2000);
      await refused(
        [file, '--nmax', '4', '--lmax', '2', '--out', join(dir, 'wide.npy')],
        /2,239,488 columns/,
      );
      expect(outputs('wide')).toEqual([]);
      // what the message suggests fits
      const fits = await run([
        file,
        '--centres',
        'H',
        '--nmax',
        '2',
        '--lmax',
        '1',
        '--out',
        join(dir, 'wide.npy'),
      ]);
      expect(fits.code).toBe(0);
    });

    it('states the output size and the ways to shrink it when rows × columns exceed the byte limit', async () => {
      const out = join(dir, 'big.npy');
      await refused(
        [input, NO_PBC, '--per-atom', ...HYPERS, '--out', out],
        /^error: the output would be 70\.7 kB \(69 rows × 128 columns of float64\), more than the limit of 999 B; .*--species \(4 now\).*--nmax \(2\).*--lmax \(1\).*drop --per-atom, or pick centres with --centres; or split the input\n$/,
        { maxOutputBytes: 999 },
      );
      expect(outputs('big')).toEqual([]);
    });

    it('refuses JSON output that would not fit in a string, pointing to .npy', async () => {
      await refused(
        [input, NO_PBC, ...HYPERS, '--out', join(dir, 'big.json')],
        /^error: the \.json output would be up to .* for JSON text; write \.npy instead/,
        { maxJsonBytes: 100 },
      );
      expect(outputs('big')).toEqual([]);
    });

    it('refuses labels too large for one JSON text: one description per row', async () => {
      await refused(
        [input, NO_PBC, '--per-atom', ...HYPERS, '--out', join(dir, 'rows.npy')],
        /^error: the labels file would be up to .* \(69 row descriptions, 128 column labels\), more than the limit of 20\.0 kB for JSON text; split the input into smaller files or drop --per-atom\n$/,
        { maxJsonBytes: 20_000 },
      );
      expect(outputs('rows')).toEqual([]);
    });

    it('bounds the JSON it writes by the estimates the limits are checked against', async () => {
      const argv = [
        input,
        NO_PBC,
        '--per-atom',
        '--vectors',
        'V-V',
        '--features',
        'rho-rho,rho-V',
        ...HYPERS,
      ];
      expect((await run([...argv, '--out', join(dir, 'bound.npy')])).code).toBe(0);
      expect((await run([...argv, '--out', join(dir, 'bound.json')])).code).toBe(0);
      const estimate = estimateFeatureSize({
        structures: frames,
        hypers: { nMax: 2, lMax: 1, species: ['H', 'C', 'N', 'O'] },
        kinds: ['rho-rho', 'rho-V'],
        vectorKinds: ['V-V'],
        perAtom: true,
      });
      const labels = readFileSync(join(dir, 'bound.labels.json')).length;
      const json = readFileSync(join(dir, 'bound.json')).length;
      expect(labels).toBeLessThanOrEqual(labelsJsonBytes(estimate));
      expect(json).toBeLessThanOrEqual(jsonOutputBytes(estimate));
      // not wildly above either: the bounds are for refusing, they should not refuse what fits easily
      expect(labelsJsonBytes(estimate)).toBeLessThan(4 * labels);
      expect(jsonOutputBytes(estimate)).toBeLessThan(4 * json);
    });

    it('refuses too many frames, too many atoms, too large a file and too much working memory', async () => {
      const out = join(dir, 'limits.npy');
      await refused(
        [input, NO_PBC, ...HYPERS, '--out', out],
        /^error: .*three\.xyz: frame 2, line \d+: more than 2 frames/,
        {
          maxFrames: 2,
        },
      );
      await refused(
        [input, NO_PBC, ...HYPERS, '--out', out],
        /^error: .*three\.xyz: frame 0, line 1: \d+ atoms, more than the limit of 3 per frame\n$/,
        {
          maxAtomsPerStructure: 3,
        },
      );
      await refused(
        [input, NO_PBC, ...HYPERS, '--out', out],
        /^error: '.*three\.xyz' is .*, more than the limit of 100 B for an input file; split it/,
        {
          maxInputBytes: 100,
        },
      );
      await refused(
        [input, NO_PBC, ...HYPERS, '--out', out],
        /^error: structure \d+ would need .* of expansion coefficients, more than the limit of 10 B; .*--species.*--centres\n$/,
        { maxWorkingBytes: 10 },
      );
      expect(outputs('limits')).toEqual([]);
    });
  });

  it('prints usage on --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run featurize/);
  });
});
