/**
 * Property-based tests of the extended-XYZ reader and writer: on any text the reader returns well-formed structures
 * or throws ExtXyzError (never another exception), and writeExtXyz → parseExtXyz gives back what was written (or
 * the writer refuses with a RangeError).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENTS, isElement } from './elements.ts';
import {
  ExtXyzError,
  parseExtXyz,
  readExtXyzFrames,
  readExtXyzOutlines,
  writeExtXyz,
  type FrameOutline,
} from './extxyz.ts';
import { makeStructure, type AtomArray, type InfoValue, type Structure } from './structure.ts';

const SYMBOLS = ELEMENTS.map((e) => e.symbol);

/** What every structure the reader returns must satisfy, checked without the reader's own helpers. */
function expectWellFormed(frames: readonly Structure[]): void {
  for (const s of frames) {
    const n = s.species.length;
    for (const symbol of s.species) expect(isElement(symbol)).toBe(true);
    expect(s.positions).toHaveLength(3 * n);
    for (const x of s.positions) expect(Number.isFinite(x)).toBe(true);
    if (s.cell) {
      const [a0, a1, a2, b0, b1, b2, c0, c1, c2] = s.cell;
      const det = a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0);
      expect(det).toBeGreaterThan(0);
      expect(s.pbc).toHaveLength(3);
    }
    for (const array of Object.values(s.arrays)) {
      expect(array.values).toHaveLength(n * array.width);
      if (array.type === 'R') for (const x of array.values) expect(Number.isFinite(x)).toBe(true);
      if (array.type === 'S') for (const x of array.values) expect(x).toMatch(/^\S+$/);
    }
  }
}

/** Parses `text`: either well-formed frames or an ExtXyzError whose message is one printable line. */
function parsesOrRejects(text: string): 'parsed' | 'rejected' {
  let frames: Structure[];
  try {
    frames = parseExtXyz(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExtXyzError);
    const e = error as ExtXyzError;
    // eslint-disable-next-line no-control-regex
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(e.message).toMatch(/^frame \d+, line \d+: /);
    expect(e.message.length).toBeLessThan(400);
    return 'rejected';
  }
  expectWellFormed(frames);
  return 'parsed';
}

const outcomes = () => ({ parsed: 0, rejected: 0 });

// ---------------------------------------------------------------------------------------------------------------
// Arbitrary text

const token = fc.oneof(
  fc.constantFrom('H', 'O', 'Fe', 'Xx', 'h', '0', '-0', '1.5', '1e999', 'nan', 'T', 'F', '"', '[', ']', '='),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 6 }),
);
const separator = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', ':', ',', '"', '=', '');
const xyzLike = fc
  .array(fc.tuple(token, separator), { maxLength: 40 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

const SAMPLE =
  '2\nLattice="3 0 0 0 3 0 0 0 3" Properties=species:S:1:pos:R:3:t:I:1:b:L:1:s:S:1 x="a b" y=[1, 2] pbc="T T T"\n' +
  'H 0 0 0 1 T u\nO 1 1 1 2 F v\n1\nplain comment\nC 0.5 -0.5 1e-3\n';

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 30 })).map(([at, length]): Mutation => (text) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + text.slice(i + length);
  }),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([at, insert]): Mutation => (text) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i);
  }),
  fc.tuple(fc.nat(), token).map(([at, replacement]): Mutation => (text) => {
    const words = text.split(' ');
    words[at % words.length] = replacement;
    return words.join(' ');
  }),
  fc.nat().map((at): Mutation => (text) => {
    const lines = text.split('\n');
    lines.splice(at % lines.length, 0, lines[at % lines.length]!);
    return lines.join('\n');
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Properties specs and comment lines

const columnName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_]\w{0,6}$/) },
  { weight: 1, arbitrary: fc.constantFrom('species', 'Species', 'pos', 'POS', '9x', '', 'a-b', '__proto__') },
);
const columnType = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('R', 'I', 'S', 'L') },
  { weight: 1, arbitrary: fc.constantFrom('Q', 'r', '', 'RR') },
);
const columnWidth = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '01', '999999', '1000000', '1e3', 'x', '') },
);
const VALID_TOKEN: Readonly<Record<string, fc.Arbitrary<string>>> = {
  R: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.constantFrom('1d3', '-.5')),
  I: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String),
  S: fc.stringMatching(/^[!-~]{1,4}$/),
  L: fc.constantFrom('T', 'F', 'True', 'false'),
};
const ANY_TOKEN = fc.constantFrom('H', 'O', '0', '-2', '0.5', 'T', 'x', '1e400', '2147483648', 'nan');

/** A Properties spec and atom lines that mostly fit it (a well-typed token per field), sometimes not. */
const propertiesFrame = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(columnName, columnType, columnWidth), { maxLength: 4 }))
  .chain(([prefix, extra]) => {
    const triples = [
      ...(prefix ? [['species', 'S', '1'] as const, ['pos', 'R', '3'] as const] : []),
      ...extra,
    ];
    const spec = triples.map((t) => t.join(':')).join(':');
    const field = (type: string) =>
      fc.oneof({ weight: 9, arbitrary: VALID_TOKEN[type] ?? ANY_TOKEN }, ANY_TOKEN);
    const fitting = fc
      .tuple(
        ...triples.map(([name, type, width]) => {
          const n = /^[1-9]$/.test(width) ? Number(width) : 1;
          const kind = name.toLowerCase() === 'species' ? fc.constantFrom('H', 'O', 'Fe', 'Xx') : field(type);
          return fc.array(kind, { minLength: n, maxLength: n });
        }),
      )
      .map((cells) => cells.flat().join(' '));
    const line = fc.oneof(
      { weight: 4, arbitrary: fitting },
      fc.array(ANY_TOKEN, { maxLength: 12 }).map((t) => t.join(' ')),
    );
    return fc
      .tuple(fc.array(line, { maxLength: 3 }), fc.nat({ max: 4 }))
      .map(
        ([lines, extraCount]) =>
          `${Math.max(0, lines.length - (extraCount === 4 ? 1 : 0))}\nProperties=${spec}\n${lines.join('\n')}\n`,
      );
  });

const headerKey = fc.oneof(
  fc.constantFrom(
    'Lattice',
    'lattice',
    'pbc',
    'PBC',
    'Properties',
    'energy',
    '"quoted key"',
    '__proto__',
    '',
  ),
  fc.string({ maxLength: 8 }),
);
const headerValue = fc.oneof(
  fc.constantFrom('"1 0 0 0 1 0 0 0 1"', '"1 0 0 0 1 0 0 0 0"', '"0 1 0 1 0 0 0 0 1"', '"T T F"', 'T', 'F'),
  fc
    .array(fc.oneof(fc.double().map(String), fc.constantFrom('T', 'F', 'x', '"')), { maxLength: 10 })
    .chain((items) =>
      fc.constantFrom(
        `"${items.join(' ')}"`,
        `[${items.join(', ')}]`,
        items.join(' '),
        `"${items.join(' ')}`,
      ),
    ),
  fc.string({ maxLength: 10 }),
  fc.string({ maxLength: 10 }).map((s) => `"${s.replace(/"/g, '\\"')}"`),
);
const headerLine = fc
  .array(
    fc
      .tuple(headerKey, fc.constantFrom('=', ' = ', ''), headerValue)
      .map(([k, eq, v]) => (eq ? k + eq + v : k)),
    {
      maxLength: 5,
    },
  )
  .map((pairs) => pairs.join(' '));

describe('parseExtXyz on adversarial text', () => {
  it('returns well-formed frames or throws ExtXyzError for arbitrary text', () => {
    const seen = outcomes();
    fc.assert(
      fc.property(fc.oneof(xyzLike, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        seen[parsesOrRejects(text)]++;
      }),
      { seed: 1, numRuns: 1000 },
    );
    expect(seen.parsed + seen.rejected).toBe(1000);
    expect(seen.parsed).toBeGreaterThan(0);
  });

  it('returns well-formed frames or throws ExtXyzError for mutations of a valid file', () => {
    const seen = outcomes();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        seen[parsesOrRejects(mutations.reduce((text, m) => m(text), SAMPLE))]++;
      }),
      { seed: 1, numRuns: 1500 },
    );
    expect(seen.parsed).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(100);
  });

  it('returns well-formed frames or throws ExtXyzError for random Properties specs and atom lines', () => {
    const seen = outcomes();
    fc.assert(
      fc.property(propertiesFrame, (text) => {
        seen[parsesOrRejects(text)]++;
      }),
      { seed: 1, numRuns: 1500 },
    );
    expect(seen.parsed).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(150);
  });

  it('returns well-formed frames or throws ExtXyzError for random comment lines', () => {
    const seen = outcomes();
    fc.assert(
      fc.property(headerLine, (header) => {
        seen[parsesOrRejects(`1\n${header}\nH 0 0 0\n`)]++;
      }),
      { seed: 1, numRuns: 1500 },
    );
    expect(seen.parsed).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Round trip

const coordinate = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);
const word = fc.stringMatching(/^[!-~]{1,8}$/); // printable ASCII without spaces
const infoKey = fc
  .stringMatching(/^[A-Za-z_][\w.-]{0,8}$/)
  .filter((k) => !['lattice', 'pbc', 'properties'].includes(k.toLowerCase()));
const infoValue: fc.Arbitrary<InfoValue> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 4 }),
  fc.array(fc.boolean(), { maxLength: 4 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
);

type Matrix3 = [number, number, number, number, number, number, number, number, number];

const determinant = ([a0, a1, a2, b0, b1, b2, c0, c1, c2]: Matrix3) =>
  a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0);

/** A right-handed cell: the rows of a random matrix, the last one flipped if needed; degenerate ones dropped. */
const cell = fc
  .array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 9, maxLength: 9 })
  .map((values) => {
    const m = values as Matrix3;
    return determinant(m) < 0 ? ([...m.slice(0, 6), -m[6], -m[7], -m[8]] as Matrix3) : m;
  })
  .filter((m) => {
    const row = (i: number) => Math.hypot(m[3 * i], m[3 * i + 1], m[3 * i + 2]);
    return determinant(m) > 1e-3 * row(0) * row(1) * row(2);
  });

function arrayOf(natoms: number): fc.Arbitrary<AtomArray> {
  return fc.constantFrom('R', 'I', 'S', 'L').chain((type) =>
    fc.integer({ min: 1, max: 3 }).chain((width) => {
      const length = natoms * width;
      const values: fc.Arbitrary<AtomArray['values']> =
        type === 'R'
          ? fc.array(coordinate, { minLength: length, maxLength: length }).map((v) => Float64Array.from(v))
          : type === 'I'
            ? fc
                .array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), {
                  minLength: length,
                  maxLength: length,
                })
                .map((v) => Int32Array.from(v))
            : type === 'S'
              ? fc.array(word, { minLength: length, maxLength: length })
              : fc.array(fc.boolean(), { minLength: length, maxLength: length });
      return values.map((v) => ({ type: type as AtomArray['type'], width, values: v }));
    }),
  );
}

const structure: fc.Arbitrary<Structure> = fc.nat({ max: 5 }).chain((natoms) =>
  fc
    .record({
      species: fc.array(fc.constantFrom(...SYMBOLS), { minLength: natoms, maxLength: natoms }),
      positions: fc.array(coordinate, { minLength: 3 * natoms, maxLength: 3 * natoms }),
      periodic: fc.option(fc.record({ cell, pbc: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()) })),
      info: fc.uniqueArray(fc.tuple(infoKey, infoValue), { maxLength: 4, selector: ([k]) => k }),
      arrays: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]\w{0,5}$/), arrayOf(natoms)), {
        maxLength: 3,
        selector: ([k]) => k,
      }),
    })
    .map(({ species, positions, periodic, info, arrays }) =>
      makeStructure(species, positions, {
        ...(periodic ? { cell: periodic.cell as unknown as Structure['cell'], pbc: periodic.pbc } : {}),
        info: Object.fromEntries(info),
        arrays: Object.fromEntries(arrays.filter(([name]) => !['pos', 'species'].includes(name))),
      }),
    ),
);

describe('writeExtXyz → parseExtXyz', () => {
  it('reads back exactly what it wrote, or the writer refuses with a RangeError', () => {
    const seen = { roundTrips: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(structure, { minLength: 1, maxLength: 3 }), (frames) => {
        let text: string;
        try {
          text = writeExtXyz(frames);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          seen.refused++;
          return;
        }
        const back = parseExtXyz(text);
        expect(back).toEqual(frames);
        back.forEach((s, f) =>
          s.positions.forEach((x, i) => expect(Object.is(x, frames[f]!.positions[i])).toBe(true)),
        );
        expect(writeExtXyz(back)).toBe(text);
        seen.roundTrips++;
      }),
      { seed: 1, numRuns: 400 },
    );
    expect(seen.roundTrips).toBeGreaterThan(250);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Incremental reading

type Outcome =
  { readonly frames: Structure[] } | { readonly error: { frame: number; line: number; detail: string } };

function outcome(read: () => Structure[]): Outcome {
  try {
    return { frames: read() };
  } catch (error) {
    if (!(error instanceof ExtXyzError)) throw error;
    return { error: { frame: error.frame, line: error.line, detail: error.detail } };
  }
}

/** `text` cut at the given fractions of its length (in order), so chunks may split lines and `\r\n` pairs. */
function chunksOf(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * (text.length + 1))))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const to of at) {
    chunks.push(text.slice(from, to)); // may be empty
    from = to;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const writtenText = fc.array(structure, { minLength: 1, maxLength: 4 }).chain((frames) => {
  try {
    return fc.constant(writeExtXyz(frames));
  } catch {
    return fc.constant('');
  }
});
const anyText = fc
  .tuple(
    fc.oneof(
      xyzLike,
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(mutation, { maxLength: 3 }).map((ms) => ms.reduce((text, m) => m(text), SAMPLE)),
      writtenText,
    ),
    fc.constantFrom('\n', '\r\n', '\n\n'),
  )
  .map(([text, newline]) => text.replace(/\n/g, newline));
const limits = fc.oneof(
  fc.constant({}),
  fc.record(
    { maxFrames: fc.integer({ min: 0, max: 4 }), maxAtoms: fc.integer({ min: 0, max: 3 }) },
    { requiredKeys: [] },
  ),
);

describe('ExtXyzReader', () => {
  it('gives the frames, or the error with frame and line, that parseExtXyz gives on the whole text, however the text is cut', () => {
    const seen = outcomes();
    let multiFrame = 0;
    fc.assert(
      fc.property(
        anyText,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        limits,
        (text, cuts, options) => {
          const whole = outcome(() => parseExtXyz(text, options));
          const chunked = outcome(() => [...readExtXyzFrames(chunksOf(text, cuts), options)]);
          expect(chunked).toEqual(whole);
          seen['frames' in whole ? 'parsed' : 'rejected']++;
          if ('frames' in whole && whole.frames.length > 1) multiFrame++;
        },
      ),
      { seed: 1, numRuns: 3000 },
    );
    expect(seen.parsed).toBeGreaterThan(400);
    expect(seen.rejected).toBeGreaterThan(1000);
    expect(multiFrame).toBeGreaterThan(200);
  });
});

/** Frames whose species column is not the first: `pos:R:3:species:S:1` and `tag:I:1:species:S:1:pos:R:3`. */
const speciesLater = fc
  .array(
    fc.tuple(
      fc.boolean(),
      fc.array(
        fc.tuple(
          fc.constantFrom('H', 'O', 'Xx', '1'),
          fc.constantFrom('0', '1.5', 'x'),
          fc.constantFrom('', ' 7'),
        ),
        { maxLength: 3 },
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((frames) =>
    frames
      .map(([tagFirst, atoms]) => {
        const spec = tagFirst ? 'tag:I:1:species:S:1:pos:R:3' : 'pos:R:3:species:S:1';
        const lines = atoms.map(([symbol, x, extra]) =>
          tagFirst ? `3 ${symbol} ${x} 0 0${extra}` : `${x} 0 0 ${symbol}${extra}`,
        );
        return `${atoms.length}\nProperties=${spec}\n${lines.join('\n')}\n`;
      })
      .join(''),
  );

/** Errors of values on a line whose species can be read: an outline does not look for them. */
const VALUE_ERROR =
  /^(non-numeric|non-finite|non-integer|integer '.*' in column|non-logical|too (few|many) columns)/;

describe('ExtXyzOutlineReader', () => {
  it('outlines what parseExtXyz reads, and reports its errors but those in values, at the same frame and line', () => {
    const seen = { outlined: 0, sameError: 0, deferred: 0, later: 0 };
    fc.assert(
      fc.property(
        fc.oneof(anyText, propertiesFrame, speciesLater),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        limits,
        (text, cuts, options) => {
          const whole = outcome(() => parseExtXyz(text, options));
          let outlined: FrameOutline[] | undefined;
          let error: ExtXyzError | undefined;
          try {
            outlined = [...readExtXyzOutlines(chunksOf(text, cuts), options)];
          } catch (e) {
            if (!(e instanceof ExtXyzError)) throw e;
            error = e;
          }
          if (/Properties=(pos|tag)/.test(text)) seen.later++;
          if ('frames' in whole) {
            const expected = whole.frames.map(({ species, cell, pbc }) => ({
              species,
              ...(cell ? { cell } : {}),
              ...(pbc ? { pbc } : {}),
            }));
            expect(outlined).toEqual(expected);
            seen.outlined++;
          } else if (!VALUE_ERROR.test(whole.error.detail)) {
            // The first error is one an outline looks for: it reports it, identically.
            expect(error && { frame: error.frame, line: error.line, detail: error.detail }).toEqual(
              whole.error,
            );
            seen.sameError++;
          } else if (error) {
            // Every error the outline reports is real: the full reading fails there or in an earlier frame.
            expect(whole.error.frame).toBeLessThanOrEqual(error.frame);
            if (whole.error.frame === error.frame) {
              expect({ frame: error.frame, line: error.line, detail: error.detail }).toEqual(whole.error);
            }
          } else {
            seen.deferred++;
          }
        },
      ),
      { seed: 2, numRuns: 4000 },
    );
    expect(seen.outlined).toBeGreaterThan(400);
    expect(seen.sameError).toBeGreaterThan(800);
    expect(seen.deferred).toBeGreaterThan(15);
    expect(seen.later).toBeGreaterThan(300);
  });
});
