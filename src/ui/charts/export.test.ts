import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';

describe('CSV export', () => {
  it('writes one column per key, blanks for missing values', () => {
    expect(
      toCsv([
        { l: 0, 'water-O': 0.5 },
        { l: 1, all: 0.25 },
      ]),
    ).toBe('l,water-O,all\n0,0.5,\n1,,0.25\n');
  });
});
