import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, excerpt, printable } from './printable.ts';

/** Anything a terminal could act on: C0, DEL, C1, line/paragraph separators, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('escapes a terminal title sequence and a colour change', () => {
    expect(printable('\u001b]0;PWNED\u0007\u001b[31mRED')).toBe('\\x1b]0;PWNED\\x07\\x1b[31mRED');
  });

  it('names tab, newline and carriage return, and writes other controls in hex', () => {
    expect(printable('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(printable('\u0000\u007f\u0085\u009b')).toBe('\\x00\\x7f\\x85\\x9b');
    expect(printable('x\u2028y\u202ez\u2066')).toBe('x\\u2028y\\u202ez\\u2066');
  });

  it('leaves printable text alone, non-ASCII letters and backslashes included', () => {
    for (const text of ['Å ρ⊗V σ = 0.3', 'C:\\data\\in.xyz', 'frame 0, line 3: bad']) {
      expect(printable(text)).toBe(text);
    }
  });

  it('clips long text and describes any value, even one without a string form', () => {
    expect(excerpt('x'.repeat(50))).toBe(`${'x'.repeat(40)}…`);
    expect(excerpt('\u001b'.repeat(3), 2)).toBe('\\x1b\\x1b…');
    expect(describeValue(Object.create(null))).toBe('[object Object]');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue([1, 'a\n'])).toBe('1,a\\n');
  });

  it('never lets a control character through, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = printable(text);
        expect(once).not.toMatch(CONTROL);
        expect(printable(once)).toBe(once);
      }),
      { seed: 1, numRuns: 2000 },
    );
  });
});
