import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatParam, parseParam } from '../../experiments/params.ts';
import { params } from '../../experiments/h2o-co2/spec.ts';
import { readRangeInput } from './range-input.ts';

const window = params.trainWindow;

describe('range boxes', () => {
  it.each([
    [['6.5', '10'], [6.5, 10], ''],
    [['6.5', '25'], [6.5, 20], 'Limited to 3–20 Å.'],
    [['2', '9'], [3, 9], 'Limited to 3–20 Å.'],
    [['12', '9'], null, '"From" must be below "to": the range was kept.'],
    [['7', '7.0004'], null, '"From" must be below "to": the range was kept.'],
    [['', '9'], null, 'Not a number: the range was kept.'],
    [['abc', '9'], null, 'Not a number: the range was kept.'],
  ] as const)('%j → %j', (texts, value, message) => {
    expect(readRangeInput(window, texts)).toEqual({ value, message });
  });

  it('whatever it applies survives a link unchanged (2000 random inputs)', () => {
    const box = fc.oneof(
      fc.double({ min: -50, max: 50, noNaN: true }).map(String),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('', '1e3', '-0', '7.0004', 'Infinity'),
    );
    fc.assert(
      fc.property(box, box, (a, b) => {
        const { value } = readRangeInput(window, [a, b]);
        if (value === null) return;
        expect(value[0]).toBeLessThan(value[1]);
        expect(parseParam(window, formatParam(window, value))).toEqual({ ok: true, value });
      }),
      { seed: 1, numRuns: 2000 },
    );
  });
});
