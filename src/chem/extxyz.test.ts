import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtXyzError, ExtXyzReader, parseExtXyz, readExtXyzOutlines, writeExtXyz } from './extxyz.ts';
import { makeStructure, type Structure } from './structure.ts';

const DATA = fileURLToPath(new URL('../../public/data/charge-charge.xyz', import.meta.url));

/** Asserts the thrown error is an ExtXyzError at the given place, and that the message names both. */
function expectError(text: string, frame: number, line: number, detail?: RegExp): ExtXyzError {
  let caught: unknown;
  try {
    parseExtXyz(text);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ExtXyzError);
  const error = caught as ExtXyzError;
  expect({ frame: error.frame, line: error.line }).toEqual({ frame, line });
  expect(error.message).toContain(`frame ${frame}, line ${line}`);
  if (detail) expect(error.detail).toMatch(detail);
  return error;
}

function roundTrip(frames: Structure[]): Structure[] {
  return parseExtXyz(writeExtXyz(frames));
}

describe('parseExtXyz on charge-charge.xyz', () => {
  const frames = parseExtXyz(readFileSync(DATA, 'utf8'));

  it('reads all frames with cell, pbc, info and forces', () => {
    expect(frames).toHaveLength(130);
    const first = frames[0]!;
    expect(first.species).toHaveLength(23);
    expect(first.species.slice(0, 4)).toEqual(['C', 'C', 'C', 'N']);
    expect(first.positions).toHaveLength(69);
    expect(Array.from(first.positions.slice(0, 3))).toEqual([-23.007, -14.394, -25.476]);
    expect(first.cell).toEqual([30, 0, 0, 0, 30, 0, 0, 0, 30]);
    expect(first.pbc).toEqual([true, true, true]);
    expect(first.info).toEqual({
      energy: -13961.0350892859,
      label: 'CC',
      chargeA: 1,
      energyA: -7738.76386157005,
      chargeB: -1,
      energyB: -6220.47808514827,
      distance: 5.690705127008064,
    });
    const forces = first.arrays['forces']!;
    expect(forces.type).toBe('R');
    expect(forces.width).toBe(3);
    expect(forces.values).toHaveLength(69);
    expect(forces.values[0]).toBe(-0.69902091);
    expect(Object.keys(first.arrays)).toEqual(['forces']);
    for (const f of frames) expect(typeof f.info['distance']).toBe('number');
  });

  it('round-trips all frames exactly', () => {
    const again = roundTrip(frames);
    expect(again).toEqual(frames);
    // toEqual on typed arrays is value-exact; also check the bits of a few positions explicitly
    const a = new Uint32Array(frames[129]!.positions.buffer);
    const b = new Uint32Array(again[129]!.positions.buffer);
    expect(b).toEqual(a);
  });
});

describe('parseExtXyz basics', () => {
  it('reads plain XYZ with a free-text comment and no cell', () => {
    const [s, ...rest] = parseExtXyz('2\nwater fragment\nO 0 0 0\nH 0.96 0 0\n');
    expect(rest).toHaveLength(0);
    expect(s!.species).toEqual(['O', 'H']);
    expect(Array.from(s!.positions)).toEqual([0, 0, 0, 0.96, 0, 0]);
    expect(s!.cell).toBeUndefined();
    expect(s!.pbc).toBeUndefined();
    expect(s!.info).toEqual({ water: true, fragment: true });
    expect(s!.arrays).toEqual({});
  });

  it('types info values by content', () => {
    const comment =
      'a=1 b=-2.5e3 c=1.0d-2 t=T f=False s=hello q="two words" n="1 2 3" bools="T F" one="5" flag ' +
      'e="" esc="say \\"hi\\"\\nbye" path="C:\\dir" list=[1, 2.5] strs=["x y", z] bl=[T] mixed="1 T" ' +
      'nan=nan big=1e999 spaced = 7';
    const [s] = parseExtXyz(`1\n${comment}\nH 0 0 0\n`);
    expect(s!.info).toEqual({
      a: 1,
      b: -2500,
      c: 0.01,
      t: true,
      f: false,
      s: 'hello',
      q: 'two words',
      n: [1, 2, 3],
      bools: [true, false],
      one: '5',
      flag: true,
      e: '',
      esc: 'say "hi"\nbye',
      path: 'C:\\dir',
      list: [1, 2.5],
      strs: ['x y', 'z'],
      bl: [true],
      mixed: '1 T',
      nan: 'nan',
      big: '1e999',
      spaced: 7,
    });
  });

  it('accepts CRLF, blank lines between frames, trailing blank lines and Species/Pos in any case', () => {
    const text = '1\r\nProperties=SPECIES:S:1:Pos:R:3\r\nC 1 2 3\r\n\r\n1\r\n\r\nN 4 5 6\r\n\r\n  \n';
    const frames = parseExtXyz(text);
    expect(frames.map((f) => f.species[0])).toEqual(['C', 'N']);
    expect(Array.from(frames[1]!.positions)).toEqual([4, 5, 6]);
  });

  it('defaults pbc to periodic when only a Lattice is given, and keeps explicit pbc', () => {
    const [a, b] = parseExtXyz(
      '1\nLattice="1 0 0 0 2 0 0 0 3"\nH 0 0 0\n1\nLattice="1 0 0 0 2 0 0 0 3" pbc="T F False"\nH 0 0 0\n',
    );
    expect(a!.pbc).toEqual([true, true, true]);
    expect(b!.pbc).toEqual([true, false, false]);
    expect(b!.cell).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 3]);
  });

  it('reads zero-atom frames and empty input', () => {
    expect(parseExtXyz('')).toEqual([]);
    expect(parseExtXyz('\n\n')).toEqual([]);
    const [s] = parseExtXyz('0\nnote=empty\n');
    expect(s!.species).toEqual([]);
    expect(s!.info).toEqual({ note: 'empty' });
  });

  it("keeps a '__proto__' key as data", () => {
    const [s] = parseExtXyz('1\n__proto__=5\nH 0 0 0\n');
    expect(Object.getPrototypeOf(s!.info)).toBe(Object.prototype);
    expect(Object.entries(s!.info)).toEqual([['__proto__', 5]]);
  });
});

describe('extended columns round trip', () => {
  const text = [
    '3',
    'Lattice="10.0 0.0 0.0 0.0 10.0 0.0 1.5 0.0 9.0" Properties=species:S:1:pos:R:3:tag:I:1:fixed:L:3:name:S:1:q:R:1 ' +
      'title="a quoted title with spaces" config=md step=42 temp=300.5 done=T pbc="T T F"',
    'O 0.0 0.0 0.0 1 T F T ow -0.8476',
    'H 0.1000000000000000055511151231257827 0.0 -0.0 2 F F F hw1 0.4238',
    'H -0.333 0.943 1e-300 -3 True False T hw2 4.238e-1',
    '2',
    'comment="second frame" Properties=species:S:1:pos:R:3:tag:I:1',
    'Fe 1 2 3 2147483647',
    'Kr -1 -2 -3 -2147483648',
  ].join('\n');

  it('reads I, L and S columns', () => {
    const [a, b] = parseExtXyz(text);
    expect(a!.info).toEqual({
      title: 'a quoted title with spaces',
      config: 'md',
      step: 42,
      temp: 300.5,
      done: true,
    });
    expect(a!.pbc).toEqual([true, true, false]);
    expect(a!.arrays['tag']).toEqual({ type: 'I', width: 1, values: Int32Array.from([1, 2, -3]) });
    expect(a!.arrays['fixed']).toEqual({
      type: 'L',
      width: 3,
      values: [true, false, true, false, false, false, true, false, true],
    });
    expect(a!.arrays['name']).toEqual({ type: 'S', width: 1, values: ['ow', 'hw1', 'hw2'] });
    expect(a!.arrays['q']!.values).toEqual(Float64Array.from([-0.8476, 0.4238, 0.4238]));
    expect(Object.is(a!.positions[5], -0)).toBe(true);
    expect(a!.positions[3]).toBe(0.1);
    expect(b!.cell).toBeUndefined();
    expect(b!.arrays['tag']!.values).toEqual(Int32Array.from([2147483647, -2147483648]));
  });

  it('round-trips exactly, twice', () => {
    const once = parseExtXyz(text);
    const written = writeExtXyz(once);
    expect(parseExtXyz(written)).toEqual(once);
    expect(writeExtXyz(parseExtXyz(written))).toBe(written);
    expect(Object.is(parseExtXyz(written)[0]!.positions[5], -0)).toBe(true);
  });

  it('writes info of every type so that it reads back unchanged', () => {
    const info = {
      n: 3,
      neg0: -0,
      tiny: 5e-324,
      huge: 1.7976931348623157e308,
      third: 1 / 3,
      yes: true,
      no: false,
      word: 'abc',
      numeric: '5',
      boolish: 'T',
      empty: '',
      spaced: ' padded  ',
      quote: 'he said "x"',
      backslash: 'a\\b\\',
      newline: 'two\nlines',
      bracket: '[not a list',
      nums: [1, -0, 2.5e-8],
      one: [7],
      none: [] as number[],
      flags: [true, false, true],
      flag: [false],
      words: ['a b', '', '"q"', 'x'],
      mixedText: '1 T',
    };
    const s = makeStructure(['H'], [0, 0, 0], { info });
    const [back] = roundTrip([s]);
    expect(back!.info).toEqual(info);
    expect(Object.is(back!.info['neg0'], -0)).toBe(true);
  });
});

describe('writeExtXyz', () => {
  it('writes Lattice, Properties, info and pbc in the header', () => {
    const s = makeStructure(['C', 'O'], [0, 0, 0, 1.128, 0, 0], {
      cell: [5, 0, 0, 0, 5, 0, 0, 0, 5],
      pbc: [true, false, true],
      info: { energy: -1.5, label: 'CO molecule' },
      arrays: { charge: { type: 'R', width: 1, values: Float64Array.from([0.1, -0.1]) } },
    });
    expect(writeExtXyz([s])).toBe(
      '2\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:charge:R:1 energy=-1.5 ' +
        'label="CO molecule" pbc="T F T"\nC 0 0 0 0.1\nO 1.128 0 0 -0.1\n',
    );
  });

  it('refuses data the format cannot carry', () => {
    const base = { species: ['H'], positions: Float64Array.from([0, 0, 0]), info: {}, arrays: {} };
    const bad: Structure[] = [
      { ...base, positions: Float64Array.from([0, NaN, 0]) },
      { ...base, species: ['Xx'] },
      { ...base, info: { x: Infinity } },
      { ...base, info: { 'a key': 1 } },
      { ...base, info: { Lattice: 'x' } },
      { ...base, info: { s: '1 2' } }, // would read back as an array
      { ...base, arrays: { pos: { type: 'R', width: 3, values: new Float64Array(3) } } },
      { ...base, arrays: { w: { type: 'R', width: 2, values: new Float64Array(3) } } },
      { ...base, arrays: { s: { type: 'S', width: 1, values: ['has space'] } } },
      { ...base, arrays: { i: { type: 'I', width: 1, values: Float64Array.from([1.5]) } } },
      { ...base, arrays: { l: { type: 'L', width: 1, values: ['T'] } } },
    ];
    for (const s of bad) expect(() => writeExtXyz([s])).toThrow(RangeError);
  });
});

describe('parseExtXyz errors', () => {
  const good = '2\nenergy=1\nH 0 0 0\nH 0 0 0.74\n';

  it('reports a bad atom count line', () => {
    expectError('two\nc\nH 0 0 0\n', 0, 1, /bad atom count/);
    expectError(`${good}-1\nc\n`, 1, 5, /bad atom count/);
    expectError(`${good}2 atoms\nc\n`, 1, 5, /bad atom count/);
    // an extra atom line beyond the count is read as the next frame's count line
    expectError('1\nc\nH 0 0 0\nH 0 0 1\n', 1, 4, /bad atom count/);
  });

  it('reports too few and too many columns', () => {
    expectError('1\nc\nH 0 0\n', 0, 3, /too few columns: expected 4/);
    expectError(`${good}2\nc\nH 0 0 0\nH 0 0 0 0\n`, 1, 8, /too many columns/);
    expectError(
      '1\nProperties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 1 1\n',
      0,
      3,
      /too few columns: expected 7/,
    );
    expectError('2\nc\nH 0 0 0\n\nH 0 0 1\n', 0, 4, /too few columns/); // a blank line inside a frame
  });

  it('reports unknown element symbols', () => {
    expectError(`${good}1\nc\nXx 0 0 0\n`, 1, 7, /unknown element symbol 'Xx'/);
    expectError('1\nc\nh 0 0 0\n', 0, 3, /unknown element/);
  });

  it('reports non-numeric and non-finite values', () => {
    expectError('1\nc\nH 0 abc 0\n', 0, 3, /non-numeric value 'abc' in column 'pos'/);
    expectError('1\nc\nH 0 0x10 0\n', 0, 3, /non-numeric/);
    for (const bad of ['NaN', 'nan', 'inf', '-Infinity', '1e999']) {
      expectError(`${good}1\nc\nH 0 0 ${bad}\n`, 1, 7, /non-finite value/);
    }
    expectError(
      '1\nProperties=species:S:1:pos:R:3:f:R:1\nH 0 0 0 NaN\n',
      0,
      3,
      /non-finite value 'NaN' in column 'f'/,
    );
    expectError('1\nProperties=species:S:1:pos:R:3:n:I:1\nH 0 0 0 1.5\n', 0, 3, /non-integer/);
    expectError('1\nProperties=species:S:1:pos:R:3:n:I:1\nH 0 0 0 3000000000\n', 0, 3, /32 bits/);
    expectError('1\nProperties=species:S:1:pos:R:3:b:L:1\nH 0 0 0 yes\n', 0, 3, /non-logical/);
  });

  it('reports truncated frames', () => {
    expectError('3\nc\nH 0 0 0\n', 0, 4, /truncated frame: expected 3 atoms, input ends after 1/);
    expectError('3\nc\nH 0 0 0\n\n\n', 0, 4, /truncated/); // trailing blank lines are not atoms
    expectError(`${good}2\nc\nH 0 0 0`, 1, 8, /truncated/);
    expectError(`${good}5`, 1, 6, /missing comment line/);
    expectError('1000000000000\nc\nH 0 0 0\n', 0, 4, /truncated/); // no giant allocation first
  });

  it('reports bad Lattice and pbc', () => {
    expectError('1\nLattice="1 0 0 0 1 0 0 0"\nH 0 0 0\n', 0, 2, /bad Lattice/);
    expectError(`${good}1\nLattice="1 0 0 0 1 0 0 0 x"\nH 0 0 0\n`, 1, 6, /bad Lattice/);
    expectError('1\nLattice=5\nH 0 0 0\n', 0, 2, /bad Lattice/);
    expectError('1\nLattice="1 0 0 0 1 0 0 0 nan"\nH 0 0 0\n', 0, 2, /bad Lattice/);
    expectError('1\npbc="T T"\nH 0 0 0\n', 0, 2, /bad pbc/);
    expectError('1\npbc="1 1 1"\nH 0 0 0\n', 0, 2, /bad pbc/);
  });

  it('rejects a degenerate or left-handed Lattice, with pbc or without', () => {
    expectError('1\nLattice="1 0 0 0 1 0 0 0 0"\nH 0 0 0\n', 0, 2, /bad Lattice: .*zero volume/);
    expectError('1\nLattice="1 0 0 2 0 0 0 0 3" pbc="F F F"\nH 0 0 0\n', 0, 2, /zero volume/);
    expectError('1\nLattice="0 0 0 0 0 0 0 0 0"\nH 0 0 0\n', 0, 2, /zero volume/);
    expectError(`${good}1\nLattice="1 0 0 0 1 0 0 0 -1"\nH 0 0 0\n`, 1, 6, /negative determinant/);
    // right-handed and skewed cells are fine, however they are oriented
    const skewed = '1\nLattice="0 2 0 0 0 3 4 0 0" pbc="T T F"\nH 0 0 0\n';
    expect(parseExtXyz(skewed)[0]!.cell).toEqual([0, 2, 0, 0, 0, 3, 4, 0, 0]);
    const degenerate = makeStructure(['H'], [0, 0, 0], { cell: [1, 0, 0, 1, 0, 0, 0, 0, 1] });
    expect(() => writeExtXyz([degenerate])).toThrow(RangeError);
  });

  it('reports bad Properties specs', () => {
    const cases: [string, RegExp][] = [
      ['species:S:1', /need a pos:R:3/],
      ['pos:R:3', /need a species:S:1/],
      ['species:S:1:pos:R:2', /need a pos:R:3/],
      ['species:S:1:pos:R:3:f:Q:1', /type 'Q'/],
      ['species:S:1:pos:R:3:f:R:0', /width '0'/],
      ['species:S:1:pos:R:3:f:R', /triples/],
      ['species:S:1:pos:R:3:pos:R:3', /duplicate column 'pos'/],
      ['species:S:1:pos:R:3:9x:R:1', /invalid column name/],
      ['"species:S:1 pos:R:3"', /triples/],
    ];
    for (const [spec, detail] of cases) expectError(`${good}1\nProperties=${spec}\nH 0 0 0\n`, 1, 6, detail);
    expectError('1\nProperties=5\nH 0 0 0\n', 0, 2, /bad Properties/);
  });

  it('checks column widths against the atom lines before allocating for them', () => {
    const atoms = (n: number, line = 'H 0 0 0') => Array.from({ length: n }, () => line).join('\n');
    // 5000 lines of 4 fields under a 10⁶-wide column: an error at the first atom line, no giant allocation
    const wide = `5000\nProperties=species:S:1:pos:R:3:f:R:999999\n${atoms(5000)}\n`;
    expectError(wide, 0, 3, /too few columns: expected 1000003 \(species:S:1:pos:R:3:f:R:999999\), got 4$/);
    for (const type of ['S', 'L', 'I']) {
      const text = `300\nProperties=species:S:1:pos:R:3:f:${type}:999999\n${atoms(300)}\n`;
      expectError(text, 0, 3, /too few columns: expected 1000003/);
    }
    // one full-width line followed by short ones: room is made for what the text can hold, not for the count
    const first = `H 0 0 0 ${Array.from({ length: 99_996 }, () => '1').join(' ')}`;
    const mixed = `5000\nProperties=species:S:1:pos:R:3:f:R:99996\n${first}\n${atoms(4999)}\n`;
    expectError(mixed, 0, 4, /too few columns: expected 100000/);
    const fine = parseExtXyz(`2\nProperties=species:S:1:pos:R:3:f:R:99996\n${first}\n${first}\n`);
    expect(fine[0]!.arrays.f!.values).toHaveLength(2 * 99_996);
  });

  it('stops at the frame and atom limits given, before reading the frame that exceeds them', () => {
    const three = `${good}${good}0\n\n`;
    expect(parseExtXyz(three, { maxFrames: 3 })).toHaveLength(3);
    expect(() => parseExtXyz(three, { maxFrames: 2 })).toThrow(
      /^frame 2, line 9: more than 2 frames, the limit$/,
    );
    expect(parseExtXyz(good, { maxAtoms: 2 })).toHaveLength(1);
    expect(() => parseExtXyz(`${good}3\nc\n`, { maxAtoms: 2 })).toThrow(
      /^frame 1, line 5: 3 atoms, more than the limit of 2 per frame$/,
    );
  });

  it('reads long tokens and many columns in linear time', () => {
    expectError(`1\nc\nH 0 0 ${'1'.repeat(200_000)}x\n`, 0, 3, /non-numeric value '1{40}…'/);
    const names = Array.from({ length: 60_000 }, (_, i) => `c${i}:I:1`).join(':');
    const frame = parseExtXyz(`0\nProperties=species:S:1:pos:R:3:${names}\n`)[0]!;
    expect(Object.keys(frame.arrays)).toHaveLength(60_000);
    expectError(`0\nProperties=species:S:1:pos:R:3:${names}:c7:R:1\n`, 0, 2, /duplicate column 'c7'/);
  });

  it('reports unterminated quotes and lists in the comment line', () => {
    expectError('1\nname="open\nH 0 0 0\n', 0, 2, /unterminated quoted string/);
    expectError('1\nv=[1, 2\nH 0 0 0\n', 0, 2, /unterminated '\['/);
    expectError('1\nv=[[1], [2]]\nH 0 0 0\n', 0, 2, /nested lists/);
    expectError('1\n=5\nH 0 0 0\n', 0, 2, /missing key/);
  });

  it('escapes control characters of the input it quotes, keeping the message on one line', () => {
    const error = expectError('\u001b]0;PWNED\u0007\u001b[31mRED\nc\n', 0, 1, /bad atom count/);
    expect(error.message).toContain("'\\x1b]0;PWNED\\x07\\x1b[31mRED'");
    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const tab = expectError('1\nc\nH 0 0 0\n\n1\nx="a\tb\u009bc" Lattice="1 0\t0 x"\nH 0 0 0\n', 1, 6);
    // eslint-disable-next-line no-control-regex
    expect(tab.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(tab.message).toContain('\\t');
    const name = expectError(`1\nProperties=species:S:1:pos:R:3:f:\u001bR:1\nH 0 0 0 1\n`, 0, 2);
    expect(name.message).toContain("type '\\x1bR'");
  });

  it('never throws anything but ExtXyzError on corrupted input', () => {
    const sample = writeExtXyz(
      parseExtXyz(
        '2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:t:I:1:b:L:1:s:S:1 x="a b" y=[1, 2] pbc="T T T"\n' +
          'H 0 0 0 1 T u\nO 1 1 1 2 F v\n',
      ),
    );
    const variants: string[] = [];
    for (let i = 0; i <= sample.length; i++) {
      variants.push(
        sample.slice(0, i),
        sample.slice(0, i) + sample.slice(i + 1),
        `${sample.slice(0, i)}"${sample.slice(i)}`,
      );
    }
    for (const text of variants) {
      try {
        parseExtXyz(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ExtXyzError);
      }
    }
  });
});

describe('ExtXyzReader on a long file', () => {
  const text = readFileSync(DATA, 'utf8');
  /** charge-charge.xyz four times over: 520 frames, about 13 000 lines, so the reader drops lines as it goes. */
  const long = text.repeat(4);

  /** The frames of `input` read in chunks of `chunk` characters. */
  function readChunked(input: string, chunk: number): Structure[] {
    const reader = new ExtXyzReader();
    const frames: Structure[] = [];
    for (let at = 0; at < input.length; at += chunk) frames.push(...reader.push(input.slice(at, at + chunk)));
    frames.push(...reader.end());
    return frames;
  }

  it('returns the frames of parseExtXyz, each as soon as its lines have arrived', () => {
    const whole = parseExtXyz(long);
    const reader = new ExtXyzReader();
    const perChunk: number[] = [];
    const frames: Structure[] = [];
    for (let at = 0; at < long.length; at += 4096) {
      const done = reader.push(long.slice(at, at + 4096));
      perChunk.push(done.length);
      frames.push(...done);
    }
    frames.push(...reader.end());
    expect(frames).toEqual(whole);
    expect(reader.framesRead).toBe(520);
    expect(Math.max(...perChunk)).toBeLessThanOrEqual(3); // a 4 kB chunk holds about two 2.3 kB frames
  });

  it('reports an error in the last frame with the line number of the whole file', () => {
    const lines = long.split('\n');
    const target = lines.length - 5; // an atom line of the last frame
    lines[target] = lines[target]!.replace(/^(\S+\s+\S+\s+)\S+/, '$1zero');
    const broken = lines.join('\n');
    expectError(broken, 519, target + 1, /non-numeric value 'zero'/);
    for (const chunk of [1000, 65_536]) {
      expect(() => readChunked(broken, chunk)).toThrow(
        `frame 519, line ${target + 1}: non-numeric value 'zero'`,
      );
    }
    const truncated = long.slice(0, long.lastIndexOf('\n', long.length - 200));
    const atoms = parseExtXyz(text)[129]!.species.length;
    expect(() => readChunked(truncated, 10_000)).toThrow(
      new RegExp(
        `^frame 519, line ${truncated.split('\n').length + 1}: truncated frame: expected ${atoms} atoms`,
      ),
    );
  });
});

describe('ExtXyzReader line limit', () => {
  it('refuses a line longer than maxLineLength as soon as that much of it has arrived, with its frame and line', () => {
    const reader = new ExtXyzReader({ maxLineLength: 20 });
    expect(reader.push('1\ncomment\nH 0 0 0\n2\nshort\nH 0 0')).toHaveLength(1);
    expect(() => reader.push(' 1'.repeat(10))).toThrow(
      /^frame 1, line 6: line longer than 20 characters, the limit$/,
    );
    const crlf = new ExtXyzReader({ maxLineLength: 10 }); // the \r of \r\n is not counted
    expect(crlf.push(`1\r\n${'x'.repeat(10)}\r\nH 0 0 0\r\n`)).toHaveLength(1);
    expect(() => crlf.push(`1\r\n${'x'.repeat(11)}\r\n`)).toThrow(/^frame 1, line 5: line longer/);
    const exact = new ExtXyzReader({ maxLineLength: 9 });
    expect([...exact.push('1\n123456789\nH 0 0 0'), ...exact.end()]).toHaveLength(1);
    const last = new ExtXyzReader({ maxLineLength: 5 });
    expect(() => last.push('123456')).toThrow(/^frame 0, line 1: line longer than 5/);
    // In one chunk with the frames before it: they are read first, so the error names the line's own frame.
    const frames = '1\na\nH 0 0 0\n'.repeat(3000);
    const inChunk = new ExtXyzReader({ maxLineLength: 30 });
    expect(() => inChunk.push(`${frames}1\n${'x'.repeat(31)}\n`)).toThrow(
      /^frame 3000, line 9002: line longer than 30/,
    );
    const earlier = new ExtXyzReader({ maxLineLength: 30 });
    expect(() => earlier.push(`2\na\nH 0 0 0\n1\n${'x'.repeat(31)}\n`)).toThrow(
      /^frame 0, line 4: too few columns/,
    );
  });
});

describe('white space', () => {
  it('is what String.prototype.trim and \\s take it to be, Unicode spaces included, for every reader', () => {
    const ascii = '2\nkey=value other=2\nH 0 0 0\nO 1 0 0\n';
    const unicode = '2\n\u3000key=value\u00a0other=2\nH\u00a00 0\u20030\n\u3000O 1 0 0\ufeff\n';
    expect(parseExtXyz(unicode)).toEqual(parseExtXyz(ascii));
    expect([...readExtXyzOutlines([unicode])]).toEqual([...readExtXyzOutlines([ascii])]);
    expect([...readExtXyzOutlines([unicode])][0]!.species).toEqual(['H', 'O']);
    const later = '1\nProperties=pos:R:3:species:S:1\n0\u00a00 0\u3000O\n';
    expect([...readExtXyzOutlines([later])][0]!.species).toEqual(['O']);
  });
});
