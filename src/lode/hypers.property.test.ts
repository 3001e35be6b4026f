/** Property-based test of validateHypers: any input gives a HyperParameterError or hypers that are really valid. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../chem/elements.ts';
import { HyperParameterError, validateHypers, type LodeHypers } from './hypers.ts';

const SYMBOLS = new Set(ELEMENTS.map((e) => e.symbol));

/** Numbers in and around every range, and things that are not numbers at all. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, '', '3', true, [], {}, NaN, Infinity, -Infinity, -0, 0, 2 ** 31, -1e-300),
  fc.constantFrom('\u001b[31m', Object.create(null) as object, Symbol('s'), 10n),
  fc.string({ maxLength: 4 }),
);
const number = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: lo - 1, max: hi + 1, noNaN: true }) },
    { weight: 4, arbitrary: fc.integer({ min: Math.floor(lo) - 2, max: Math.ceil(hi) + 2 }) },
    { weight: 1, arbitrary: anything },
  );
const species = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom('H', 'O', 'C', 'Kr', 'Xx', 'h', ''), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(anything, { maxLength: 3 }) },
  { weight: 1, arbitrary: anything },
);
const randomHypers = fc.record(
  {
    cutoff: number(0.1, 20),
    sigma: number(0.01, 5),
    nMax: number(1, 16),
    lMax: number(0, 10),
    species,
    radialBasis: fc.oneof(fc.constantFrom('gto', 'legendre', 'GTO', 'bessel'), anything),
    includeCenter: fc.oneof(fc.boolean(), anything),
  },
  { requiredKeys: ['cutoff', 'sigma', 'nMax', 'lMax', 'species'] },
);
const validHypers = fc
  .record(
    {
      cutoff: fc.double({ min: 0.1, max: 20, noNaN: true }),
      sigmaFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      nMax: fc.integer({ min: 1, max: 16 }),
      lMax: fc.integer({ min: 0, max: 10 }),
      species: fc.shuffledSubarray([...SYMBOLS], { minLength: 1, maxLength: 5 }),
      radialBasis: fc.constantFrom('gto', 'legendre'),
      includeCenter: fc.boolean(),
    },
    { requiredKeys: ['cutoff', 'sigmaFraction', 'nMax', 'lMax', 'species'] },
  )
  .map(({ sigmaFraction, ...h }) => ({ ...h, sigma: 0.01 + sigmaFraction * (Math.min(5, h.cutoff) - 0.01) }));
/** A valid set with one field replaced by something random. */
const oneFieldOff = fc
  .tuple(
    validHypers,
    randomHypers,
    fc.constantFrom('cutoff', 'sigma', 'nMax', 'lMax', 'species', 'radialBasis', 'includeCenter'),
  )
  .map(([valid, random, key]) => ({ ...valid, [key]: (random as Record<string, unknown>)[key] }));
const hypers = fc.oneof(validHypers, oneFieldOff, randomHypers);

describe('validateHypers on random input', () => {
  it('returns hypers within every limit or throws a one-line HyperParameterError', () => {
    const seen = { valid: 0, rejected: 0 };
    fc.assert(
      fc.property(hypers, (h) => {
        let valid: Required<LodeHypers>;
        try {
          valid = validateHypers(h as unknown as LodeHypers);
        } catch (error) {
          expect(error).toBeInstanceOf(HyperParameterError);
          const message = (error as Error).message;
          // eslint-disable-next-line no-control-regex
          expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(message).toMatch(/^(cutoff|sigma|nMax|lMax|species|radialBasis|includeCenter): /);
          seen.rejected++;
          return;
        }
        expect(valid.cutoff >= 0.1 && valid.cutoff <= 20).toBe(true);
        expect(valid.sigma >= 0.01 && valid.sigma <= 5 && valid.sigma <= valid.cutoff).toBe(true);
        expect(Number.isInteger(valid.nMax) && valid.nMax >= 1 && valid.nMax <= 16).toBe(true);
        expect(Number.isInteger(valid.lMax) && valid.lMax >= 0 && valid.lMax <= 10).toBe(true);
        expect(valid.species.length).toBeGreaterThan(0);
        expect(new Set(valid.species).size).toBe(valid.species.length);
        for (const s of valid.species) expect(SYMBOLS.has(s)).toBe(true);
        expect(['gto', 'legendre']).toContain(valid.radialBasis);
        expect(typeof valid.includeCenter).toBe('boolean');
        seen.valid++;
      }),
      { seed: 1, numRuns: 5000 },
    );
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(1000);
  });
});

describe('validateHypers on values that once got through or crashed', () => {
  const base = { cutoff: 3, sigma: 0.3, nMax: 4, lMax: 2, species: ['H', 'O'] };
  const rejection = (h: unknown) => {
    try {
      validateHypers(h as LodeHypers);
    } catch (error) {
      expect(error).toBeInstanceOf(HyperParameterError);
      return (error as HyperParameterError).message;
    }
    throw new Error('accepted');
  };

  it('rejects an includeCenter that is not a boolean', () => {
    expect(rejection({ ...base, includeCenter: 'no' })).toBe('includeCenter: must be true or false, got no');
    expect(validateHypers({ ...base, includeCenter: false }).includeCenter).toBe(false);
  });

  it('describes values without a string form, and escapes control characters', () => {
    expect(rejection({ ...base, species: [Object.create(null)] })).toBe(
      "species: unknown element '[object Object]'",
    );
    expect(rejection({ ...base, nMax: Symbol('n') })).toBe('nMax: must be a finite integer, got Symbol(n)');
    expect(rejection({ ...base, radialBasis: '\u001b[2J' })).toBe(
      "radialBasis: must be 'gto' or 'legendre', got '\\x1b[2J'",
    );
  });
});
