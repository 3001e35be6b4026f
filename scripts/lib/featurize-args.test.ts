import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { DEFAULTS, parseFeaturizeArgs, USAGE, UsageError, type FeaturizeOptions } from './featurize-args.ts';

function options(argv: string[]): FeaturizeOptions {
  const parsed = parseFeaturizeArgs(argv);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

function usageError(argv: string[]): string {
  try {
    parseFeaturizeArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseFeaturizeArgs', () => {
  it('fills in the defaults', () => {
    expect(options(['in.xyz', '--out', 'o.npy'])).toEqual({
      input: 'in.xyz',
      out: 'o.npy',
      format: 'npy',
      kinds: [DEFAULTS.features],
      vectorKinds: [],
      nMax: 8,
      lMax: 4,
      cutoff: 3,
      sigma: 0.3,
      species: undefined,
      centres: undefined,
      includeCenter: true,
      radialBasis: 'gto',
      perAtom: false,
      noPbc: false,
      threads: Math.max(1, availableParallelism() - 1),
    });
  });

  it('reads every option', () => {
    const argv = ['--features', 'rho-V, rho-rho,rho-V', '--vectors', 'V-V', '--nmax', '6', '--lmax', '3'];
    argv.push('--rc', '4.5', '--sigma', '0.5', '--species', 'H,O', '--centres', 'O', '--no-center');
    argv.push(
      '--basis',
      'legendre',
      '--per-atom',
      '--no-pbc',
      '--threads',
      '3',
      'water.xyz',
      '--out',
      'w.JSON',
    );
    expect(options(argv)).toEqual({
      input: 'water.xyz',
      out: 'w.JSON',
      format: 'json',
      kinds: ['rho-V', 'rho-rho'],
      vectorKinds: ['V-V'],
      nMax: 6,
      lMax: 3,
      cutoff: 4.5,
      sigma: 0.5,
      species: ['H', 'O'],
      centres: ['O'],
      includeCenter: false,
      radialBasis: 'legendre',
      perAtom: true,
      noPbc: true,
      threads: 3,
    });
  });

  it('allows empty --features when vectors are asked for', () => {
    const parsed = options(['a.xyz', '--out', 'a.npy', '--features', '', '--vectors', 'rho-V']);
    expect(parsed.kinds).toEqual([]);
    expect(parsed.vectorKinds).toEqual(['rho-V']);
  });

  it('states the resource limits in the help', () => {
    const text = USAGE.replace(/\s+/g, ' ');
    const limits = [
      'an input file of 10.0 GB',
      'lines of 10,000,000 characters',
      '1,000,000 frames',
      '10,000 atoms per structure',
      '1,000,000 columns',
    ];
    for (const limit of limits) expect(text).toContain(limit);
    expect(text).toContain('100 GB of output, 250 MB of JSON text');
    expect(text).toContain('2.0 GB of expansion coefficients per structure');
    expect(text).toContain('memory does not grow with the input');
  });

  it('says in the help how many threads compute by default', () => {
    expect(USAGE.replace(/\s+/g, ' ')).toContain(
      `(default: cores − 1, ${Math.max(1, availableParallelism() - 1)} here)`,
    );
  });

  it('recognises --help anywhere', () => {
    expect(parseFeaturizeArgs(['--nmax', '3', '-h'])).toEqual({ help: true });
  });

  it('passes negative numbers after an option on to validation, as --rc=-3 does', () => {
    const argv = ['in.xyz', '--rc', '-3', '--sigma', '-.5', '--nmax', '-2', '--lmax=-1', '--out', 'o.npy'];
    expect(options(argv)).toMatchObject({ cutoff: -3, sigma: -0.5, nMax: -2, lMax: -1 });
    expect(options(['in.xyz', '--rc', '-1e-3', '--out', 'o.npy']).cutoff).toBe(-0.001);
    expect(usageError(['in.xyz', '--out', 'o.npy', '--rc', '-Infinity'])).toMatch(/--rc: expected a number/);
    // an option name after a value option is still an option, and '--' still ends them
    expect(usageError(['in.xyz', '--out', 'o.npy', '--rc', '-h'])).toMatch(/ambiguous/);
    expect(options(['--out', 'o.npy', '--', '-3']).input).toBe('-3');
  });

  it.each([
    [['in.xyz', '--out', 'o.npy', '--bogus'], /unknown option '--bogus'$/],
    [['in.xyz', '--out', 'o.npy', '--nmax'], /--nmax <value>' argument missing/],
    [['--out', 'o.npy'], /missing input file/],
    [['a.xyz', 'b.xyz', '--out', 'o.npy'], /expected one input file, got 2/],
    [['in.xyz'], /--out is required/],
    [['in.xyz', '--out', 'o.csv'], /must end in \.npy or \.json/],
    [['in.xyz', '--out', 'o.npy', '--nmax', '2.5'], /--nmax: expected an integer, got '2.5'/],
    [['in.xyz', '--out', 'o.npy', '--lmax', ''], /--lmax: expected an integer, got ''/],
    [['in.xyz', '--out', 'o.npy', '--rc', 'three'], /--rc: expected a number, got 'three'/],
    [['in.xyz', '--out', 'o.npy', '--sigma', 'Infinity'], /--sigma: expected a number/],
    [['in.xyz', '--out', 'o.npy', '--features', 'rho-X'], /--features: unknown kind 'rho-X'/],
    [['in.xyz', '--out', 'o.npy', '--features', ','], /nothing to compute/],
    [['in.xyz', '--out', 'o.npy', '--species', 'H,Xx'], /--species: unknown element symbol 'Xx'/],
    [['in.xyz', '--out', 'o.npy', '--species', 'H,H'], /--species: an element is listed twice/],
    [['in.xyz', '--out', 'o.npy', '--centres', ''], /--centres: needs at least one element symbol/],
    [['in.xyz', '--out', 'o.npy', '--basis', 'bessel'], /--basis: expected gto or legendre, got 'bessel'/],
    [['in.xyz', '--out', 'o.npy', '--per-atom=yes'], /--per-atom' does not take an argument/],
    [['in.xyz', '--out', 'o.npy', '--no-pbc=T'], /--no-pbc' does not take an argument/],
    [['in.xyz', '--out', 'o.npy', '--threads', '0'], /--threads: expected at least 1, got 0/],
    [['in.xyz', '--out', 'o.npy', '--threads', '1.5'], /--threads: expected an integer, got '1.5'/],
    [['in.xyz', '--out', 'o.npy', '--threads'], /--threads <value>' argument missing/],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});
