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

  it('puts units into the header and the caption and parameters into comment lines first', () => {
    const csv = toCsv(
      [
        { separation: 6.5, reference: -1.25 },
        { separation: 7, model: -1 },
      ],
      {
        units: { separation: 'Å', reference: 'meV', model: 'meV', unused: 'K' },
        comments: ['Binding curve', 'H2O–CO2 · Radial functions n_max 6'],
      },
    );
    expect(csv.split('\n')).toEqual([
      '# Binding curve',
      '# H2O–CO2 · Radial functions n_max 6',
      'separation (Å),reference (meV),model (meV)',
      '6.5,-1.25,',
      '7,,-1',
      '',
    ]);
  });

  it('leaves out empty comments, keeps each comment on one line and quotes cells that need it', () => {
    expect(toCsv([{ 'a, b': 'say "hi"', c: 1 }], { units: { c: '' }, comments: ['', 'two\nlines'] })).toBe(
      '# two lines\n"a, b",c\n"say ""hi""",1\n',
    );
  });

  it('never reads a unit from the prototype', () => {
    expect(toCsv([{ constructor: 1 }], { units: {} })).toBe('constructor\n1\n');
  });
});
