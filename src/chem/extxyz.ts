/**
 * Extended-XYZ reader and writer (the ASE / libAtoms flavour).
 *
 * Comment-line values are typed by content, as ASE does: bare `1.5` is a number, bare `T` a boolean, a quoted
 * list of two or more numbers (or booleans) an array; everything else is a string. A quoted single token stays a
 * string (`key="5"`), which is what lets the writer round-trip numeric-looking strings. `[a, b, ...]` lists (the
 * newer libAtoms syntax) are read too and written for arrays that the quoted form cannot carry.
 */
import { printable } from '../util/printable.ts';
import { isElement } from './elements.ts';
import type { AtomArray, Cell, InfoValue, Structure } from './structure.ts';

/**
 * Malformed input: `frame` is 0-based, `line` is the 1-based line of the input where the problem was found. The
 * message is one line: control characters of quoted input are escaped (see printable).
 */
export class ExtXyzError extends Error {
  override readonly name = 'ExtXyzError';
  readonly frame: number;
  readonly line: number;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(frame: number, line: number, detail: string) {
    const safe = printable(detail);
    super(`frame ${frame}, line ${line}: ${safe}`);
    this.frame = frame;
    this.line = line;
    this.detail = safe;
  }
}

type ColumnType = AtomArray['type'];

interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly width: number;
}

interface Loc {
  readonly frame: number;
  readonly line: number;
}

/** Unambiguous (no two ways to split a run of digits), so a long token cannot make the match quadratic. */
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eEdD][+-]?\d+)?$/;
const INTEGER_RE = /^[+-]?\d+$/;
const NON_FINITE_RE = /^[+-]?(?:nan|inf|infinity)$/i;
const NAME_RE = /^[A-Za-z_]\w*$/;
const TRUE_WORDS = new Set(['T', 'True', 'true']);
const FALSE_WORDS = new Set(['F', 'False', 'false']);
const RESERVED_KEYS = new Set(['lattice', 'properties', 'pbc']);
const SPECIES: Column = { name: 'species', type: 'S', width: 1 };
const POS: Column = { name: 'pos', type: 'R', width: 3 };

function fail(at: Loc, detail: string): never {
  throw new ExtXyzError(at.frame, at.line, detail);
}

/** Keeps error messages readable when a whole line of garbage is quoted back (ExtXyzError escapes controls). */
function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Scalar lexing, shared by the comment line and the atom lines

/** A finite number, accepting Fortran `d` exponents; undefined otherwise (so NaN/Inf never sneak in). */
function toNumber(token: string): number | undefined {
  if (!NUMBER_RE.test(token)) return undefined;
  let x = Number(token);
  // Of the tokens NUMBER_RE accepts, only those with a Fortran exponent are not JavaScript numbers.
  if (Number.isNaN(x)) x = Number(token.replace(/[dD]/, 'e'));
  return Number.isFinite(x) ? x : undefined;
}

function toBoolean(token: string): boolean | undefined {
  if (TRUE_WORDS.has(token)) return true;
  if (FALSE_WORDS.has(token)) return false;
  return undefined;
}

/** Converts every token with `convert`, or gives undefined if any token does not convert. */
function allOf<T>(tokens: readonly string[], convert: (token: string) => T | undefined): T[] | undefined {
  const out: T[] = [];
  for (const token of tokens) {
    const value = convert(token);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Comment line: key=value pairs

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, (escape: string, c: string) => {
    if (c === 'n') return '\n';
    return c === '"' || c === '\\' ? c : escape; // unknown escapes stay literal (Windows paths)
  });
}

function inferBare(token: string): InfoValue {
  return toNumber(token) ?? toBoolean(token) ?? token;
}

/** Decided on the raw text, so that an escape (e.g. `\n`) always marks a string, never an array. */
function inferQuoted(raw: string): InfoValue {
  const tokens = raw.trim().split(/\s+/);
  if (tokens.length > 1) {
    const array = allOf(tokens, toNumber) ?? allOf(tokens, toBoolean);
    if (array) return array;
  }
  return unescape(raw);
}

interface ListItem {
  readonly text: string;
  readonly quoted: boolean;
}

function inferList(items: readonly ListItem[]): InfoValue {
  const texts = items.map((item) => item.text);
  if (items.some((item) => item.quoted)) return texts;
  return allOf(texts, toNumber) ?? allOf(texts, toBoolean) ?? texts;
}

/** White space as `\s` and trim() see it: ASCII by code, the rest (no-break, ideographic, BOM...) by `\s`. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

const EQUALS = 61;
const COMMA = 44;
const CLOSE_BRACKET = 93;
const endsKey = (code: number) => code === EQUALS || isSpace(code);
const endsListItem = (code: number) => code === COMMA || code === CLOSE_BRACKET || isSpace(code);

/** A cursor over one comment line. */
class Scanner {
  pos = 0;
  private readonly text: string;
  private readonly at: Loc;

  constructor(text: string, at: Loc) {
    this.text = text;
    this.at = at;
  }

  peek(): string {
    return this.text.charAt(this.pos);
  }

  /** Skips whitespace; false at the end of the line. */
  skipSpace(): boolean {
    const { text } = this;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
    return this.pos < text.length;
  }

  /** Reads up to (not including) the first character whose code `stop` accepts. */
  bare(stop: (code: number) => boolean): string {
    const { text } = this;
    const start = this.pos;
    while (this.pos < text.length && !stop(text.charCodeAt(this.pos))) this.pos++;
    return text.slice(start, this.pos);
  }

  /** Reads a double-quoted string at the cursor and returns its raw (still escaped) contents. */
  quoted(): string {
    const start = this.pos;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') i++;
      else if (c === '"') {
        this.pos = i + 1;
        return this.text.slice(start + 1, i);
      }
    }
    return fail(this.at, `unterminated quoted string starting at column ${start + 1}`);
  }

  list(): ListItem[] {
    const start = this.pos++;
    const items: ListItem[] = [];
    for (;;) {
      while (this.pos < this.text.length) {
        const code = this.text.charCodeAt(this.pos);
        if (code !== COMMA && !isSpace(code)) break;
        this.pos++;
      }
      const c = this.peek();
      if (c === '') fail(this.at, `unterminated '[' list starting at column ${start + 1}`);
      if (c === ']') {
        this.pos++;
        return items;
      }
      if (c === '[') fail(this.at, `nested lists are not supported (column ${this.pos + 1})`);
      items.push(
        c === '"'
          ? { text: unescape(this.quoted()), quoted: true }
          : { text: this.bare(endsListItem), quoted: false },
      );
    }
  }

  value(): InfoValue {
    const c = this.peek();
    if (c === '"') return inferQuoted(this.quoted());
    if (c === '[') return inferList(this.list());
    return inferBare(this.bare(isSpace));
  }
}

/** Parses `key=value key2="quoted value" flag ...`; a key without `=` is boolean true, a repeated key wins last. */
function parseKeyValues(text: string, at: Loc): Map<string, InfoValue> {
  const out = new Map<string, InfoValue>();
  const scanner = new Scanner(text, at);
  while (scanner.skipSpace()) {
    const column = scanner.pos + 1;
    const key = scanner.peek() === '"' ? unescape(scanner.quoted()) : scanner.bare(endsKey);
    if (key === '') fail(at, `missing key at column ${column}`);
    scanner.skipSpace();
    if (scanner.peek() === '=') {
      scanner.pos++;
      scanner.skipSpace();
      out.set(key, scanner.value());
    } else {
      out.set(key, true);
    }
  }
  return out;
}

function isNumberArray(value: InfoValue): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'number');
}

function isBooleanArray(value: InfoValue): value is boolean[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'boolean');
}

/** Lattice vectors spanning less than this fraction of the box |a|·|b|·|c| are degenerate. */
const MIN_RELATIVE_VOLUME = 1e-10;

/** Why the rows a, b, c cannot be a cell (zero volume, left-handed), or undefined when they can. */
function cellProblem(m: readonly number[]): string | undefined {
  const [a0, a1, a2, b0, b1, b2, c0, c1, c2] = m as Cell;
  const det = a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0);
  const box = Math.hypot(a0, a1, a2) * Math.hypot(b0, b1, b2) * Math.hypot(c0, c1, c2);
  if (!(Math.abs(det) > MIN_RELATIVE_VOLUME * box)) return 'the lattice vectors span zero volume';
  if (det < 0) return `negative determinant ${det}: the lattice vectors are left-handed`;
  return undefined;
}

/** A Lattice is checked whether or not pbc makes it matter: a cell is only kept if it is a real cell. */
function parseLattice(value: InfoValue, at: Loc): Cell {
  if (!isNumberArray(value) || value.length !== 9) {
    fail(at, `bad Lattice: expected 9 finite numbers, got '${clip(String(value))}'`);
  }
  const problem = cellProblem(value);
  if (problem) fail(at, `bad Lattice: ${problem}`);
  return [...value] as readonly number[] as Cell;
}

function parsePbc(value: InfoValue, at: Loc): [boolean, boolean, boolean] {
  if (!isBooleanArray(value) || value.length !== 3)
    fail(at, `bad pbc: expected 3 of T/F, got '${clip(String(value))}'`);
  return [value[0]!, value[1]!, value[2]!];
}

function parseColumn(name: string, type: string, width: string, at: Loc): Column {
  if (!NAME_RE.test(name)) fail(at, `bad Properties: invalid column name '${clip(name)}'`);
  if (type !== 'R' && type !== 'I' && type !== 'S' && type !== 'L') {
    fail(at, `bad Properties: column '${clip(name)}' has type '${clip(type)}', expected R, I, S or L`);
  }
  if (!/^[1-9]\d{0,5}$/.test(width))
    fail(at, `bad Properties: column '${clip(name)}' has width '${clip(width)}'`);
  const lower = name.toLowerCase();
  // species and pos are matched case-insensitively (writers disagree on 'Species'/'Pos'); other names verbatim.
  return { name: lower === 'species' || lower === 'pos' ? lower : name, type, width: Number(width) };
}

function sameColumn(a: Column, b: Column): boolean {
  return a.name === b.name && a.type === b.type && a.width === b.width;
}

/** The last Properties value parsed and its columns: consecutive frames usually repeat it (columns are immutable). */
let lastProperties: { readonly value: string; readonly columns: readonly Column[] } | undefined;

function parsePropertiesCached(value: InfoValue, at: Loc): readonly Column[] {
  if (typeof value === 'string' && lastProperties?.value === value) return lastProperties.columns;
  const columns = parseProperties(value, at);
  if (typeof value === 'string') lastProperties = { value, columns };
  return columns;
}

function parseProperties(value: InfoValue, at: Loc): Column[] {
  if (typeof value !== 'string')
    fail(at, `bad Properties: expected name:type:width triples, got '${clip(String(value))}'`);
  const parts = value.split(':');
  if (parts.length % 3 !== 0)
    fail(at, `bad Properties: '${clip(value)}' is not a list of name:type:width triples`);
  const columns: Column[] = [];
  const names = new Set<string>();
  for (let i = 0; i < parts.length; i += 3) {
    const column = parseColumn(parts[i]!, parts[i + 1]!, parts[i + 2]!, at);
    if (names.has(column.name)) fail(at, `bad Properties: duplicate column '${clip(column.name)}'`);
    names.add(column.name);
    columns.push(column);
  }
  for (const required of [SPECIES, POS]) {
    const found = columns.find((c) => c.name === required.name);
    if (!found || !sameColumn(found, required)) {
      fail(at, `bad Properties: need a ${required.name}:${required.type}:${required.width} column`);
    }
  }
  return columns;
}

interface Header {
  readonly columns: readonly Column[];
  readonly cell?: Cell;
  readonly pbc?: readonly [boolean, boolean, boolean];
  readonly info: Record<string, InfoValue>;
}

/** Without Properties the frame is plain XYZ; a Lattice without pbc means fully periodic, as in ASE. */
function parseHeader(text: string, at: Loc): Header {
  let columns: readonly Column[] = [SPECIES, POS];
  let cell: Cell | undefined;
  let pbc: [boolean, boolean, boolean] | undefined;
  const info: [string, InfoValue][] = [];
  for (const [key, value] of parseKeyValues(text, at)) {
    const reserved = key.toLowerCase();
    if (reserved === 'lattice') cell = parseLattice(value, at);
    else if (reserved === 'pbc') pbc = parsePbc(value, at);
    else if (reserved === 'properties') columns = parsePropertiesCached(value, at);
    else info.push([key, value]);
  }
  if (cell && !pbc) pbc = [true, true, true];
  // fromEntries defines own properties, so a '__proto__' key is kept as data instead of replacing the prototype.
  return { columns, cell, pbc, info: Object.fromEntries(info) };
}

// ---------------------------------------------------------------------------------------------------------------
// Atom lines

type Store =
  | { readonly type: 'R'; readonly values: Float64Array }
  | { readonly type: 'I'; readonly values: Int32Array }
  | { readonly type: 'S'; readonly values: string[] }
  | { readonly type: 'L'; readonly values: boolean[] };

function makeStore(type: ColumnType, length: number): Store {
  switch (type) {
    case 'R':
      return { type, values: new Float64Array(length) };
    case 'I':
      return { type, values: new Int32Array(length) };
    case 'S':
      return { type, values: new Array<string>(length).fill('') };
    case 'L':
      return { type, values: new Array<boolean>(length).fill(false) };
  }
}

function parseReal(token: string, column: string, at: Loc): number {
  const x = toNumber(token);
  if (x !== undefined) return x;
  // NUMBER_RE matching here means the value overflowed to ±Infinity.
  if (NON_FINITE_RE.test(token) || NUMBER_RE.test(token)) {
    fail(at, `non-finite value '${clip(token)}' in column '${clip(column)}'`);
  }
  return fail(at, `non-numeric value '${clip(token)}' in column '${clip(column)}'`);
}

function parseInt32(token: string, column: string, at: Loc): number {
  if (!INTEGER_RE.test(token))
    fail(at, `non-integer value '${clip(token)}' in integer column '${clip(column)}'`);
  const x = Number(token);
  if ((x | 0) !== x) fail(at, `integer '${clip(token)}' in column '${clip(column)}' does not fit 32 bits`);
  return x;
}

function parseLogical(token: string, column: string, at: Loc): boolean {
  const b = toBoolean(token);
  if (b === undefined) fail(at, `non-logical value '${clip(token)}' in logical column '${clip(column)}'`);
  return b;
}

function setValue(store: Store, index: number, token: string, column: string, at: Loc): void {
  switch (store.type) {
    case 'R':
      store.values[index] = parseReal(token, column, at);
      break;
    case 'I':
      store.values[index] = parseInt32(token, column, at);
      break;
    case 'L':
      store.values[index] = parseLogical(token, column, at);
      break;
    case 'S':
      if (column === 'species' && !isElement(token)) fail(at, `unknown element symbol '${clip(token)}'`);
      store.values[index] = token;
  }
}

function lineWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}

function parseAtomLine(
  line: string,
  columns: readonly Column[],
  expected: number,
  stores: readonly Store[],
  atom: number,
  at: Loc,
) {
  const trimmed = line.trim();
  const tokens = trimmed === '' ? [] : trimmed.split(/\s+/);
  if (tokens.length !== expected) {
    const spec = columns.map((c) => `${c.name}:${c.type}:${c.width}`).join(':');
    const which = tokens.length < expected ? 'too few' : 'too many';
    fail(at, `${which} columns: expected ${expected} (${clip(spec, 80)}), got ${tokens.length}`);
  }
  let t = 0;
  for (let c = 0; c < columns.length; c++) {
    const { width, name } = columns[c]!;
    const store = stores[c]!;
    for (let j = 0; j < width; j++) setValue(store, atom * width + j, tokens[t++]!, name, at);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Frames

function parseCount(line: string, at: Loc): number {
  const text = line.trim();
  if (!/^\d+$/.test(text)) fail(at, `bad atom count line '${clip(text)}', expected a non-negative integer`);
  return Number(text);
}

/**
 * How many atoms to make room for: the leading lines of [from, to) long enough to hold `fields` fields (at least
 * 2·fields − 1 characters), since parsing stops at the first line that does not. So neither an absurd count nor
 * absurd Properties widths can allocate more values than the text has characters.
 */
function roomFor(lines: readonly string[], from: number, to: number, fields: number): number {
  const minLength = 2 * fields - 1;
  let n = 0;
  while (from + n < to && lines[from + n]!.length >= minLength) n++;
  return n;
}

/** The atom count of the frame whose count line is `line`, checked against the per-frame limit. */
function frameCount(line: string, at: Loc, maxAtoms: number): number {
  const count = parseCount(line, at);
  if (count > maxAtoms) fail(at, `${count} atoms, more than the limit of ${maxAtoms} per frame`);
  return count;
}

/**
 * Parses the frame whose count line is `lines[start]`; `end` is one past the last non-blank line, so a frame
 * running into trailing blank lines is reported as truncated rather than as having empty atom lines. `lines[0]` is
 * line `lineBase + 1` of the input (the incremental reader drops the lines it has read).
 */
function parseFrame(
  lines: readonly string[],
  start: number,
  end: number,
  frame: number,
  maxAtoms: number,
  lineBase = 0,
) {
  const count = frameCount(lines[start]!, { frame, line: lineBase + start + 1 }, maxAtoms);
  const commentIndex = start + 1;
  if (commentIndex >= lines.length)
    fail({ frame, line: lineBase + commentIndex + 1 }, 'truncated frame: missing comment line');
  const header = parseHeader(lines[commentIndex]!, { frame, line: lineBase + commentIndex + 1 });
  const first = start + 2;
  const expected = lineWidth(header.columns);
  const capacity = roomFor(lines, first, Math.min(first + count, end), expected);
  const stores = header.columns.map((c) => makeStore(c.type, capacity * c.width));
  const at = { frame, line: 0 }; // one location, moved from line to line (errors copy it)
  for (let atom = 0; atom < count; atom++) {
    const index = first + atom;
    at.line = lineBase + index + 1;
    if (index >= end) fail(at, `truncated frame: expected ${count} atoms, input ends after ${atom}`);
    parseAtomLine(lines[index]!, header.columns, expected, stores, atom, at);
  }
  return { structure: assemble(header, stores), next: first + count };
}

function assemble(header: Header, stores: readonly Store[]): Structure {
  let species: string[] = [];
  let positions: Float64Array = new Float64Array();
  const arrays: [string, AtomArray][] = [];
  header.columns.forEach((column, c) => {
    const store = stores[c]!;
    if (column.name === 'species' && store.type === 'S') species = store.values;
    else if (column.name === 'pos' && store.type === 'R') positions = store.values;
    else arrays.push([column.name, { type: store.type, width: column.width, values: store.values }]);
  });
  const { cell, pbc, info } = header;
  // What makeStructure builds, without its copies: every store is new and exactly as long as the frame needs.
  return {
    species,
    positions,
    info,
    arrays: Object.fromEntries(arrays),
    ...(cell ? { cell } : {}),
    ...(pbc ? { pbc } : {}),
  };
}

export interface ParseOptions {
  /** More frames than this are an ExtXyzError, raised before the extra frame is read (default: no limit). */
  readonly maxFrames?: number;
  /** A frame with more atoms than this is an ExtXyzError at its count line (default: no limit). */
  readonly maxAtoms?: number;
}

/**
 * Parses every frame of an (extended) XYZ file; throws ExtXyzError on malformed input or beyond the limits given.
 * Memory stays proportional to the text: no count or Properties width makes room for more than the lines hold.
 */
export function parseExtXyz(text: string, options: ParseOptions = {}): Structure[] {
  const { maxFrames = Infinity, maxAtoms = Infinity } = options;
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  const frames: Structure[] = [];
  let i = 0;
  for (;;) {
    while (i < end && lines[i]!.trim() === '') i++; // tolerate blank lines between frames
    if (i >= end) return frames;
    if (frames.length >= maxFrames)
      fail({ frame: frames.length, line: i + 1 }, `more than ${maxFrames} frames, the limit`);
    const { structure, next } = parseFrame(lines, i, end, frames.length, maxAtoms);
    frames.push(structure);
    i = next;
  }
}

export interface ReaderOptions extends ParseOptions {
  /**
   * A line longer than this (without its line break) is an ExtXyzError, raised as soon as that many characters of
   * it have been read, so that text without line breaks cannot fill memory (default: no limit).
   */
  readonly maxLineLength?: number;
}

/** Whether a line is empty or white space, as `line.trim() === ''`, without a copy for the usual line. */
function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first > 32 && first < 127) return false; // printable ASCII: not white space
  return line.trim() === '';
}

/** Lines read but not yet parsed are dropped from the reader's buffer once this many have piled up. */
const COMPACT_LINES = 4096;

/** Parses the frame whose count line is `lines[start]` (see parseFrame) into a T. */
type FrameParser<T> = (
  lines: readonly string[],
  start: number,
  end: number,
  frame: number,
  maxAtoms: number,
  lineBase: number,
) => { structure: T; next: number };

/** The incremental reading both readers share: lines, frame boundaries, limits, line numbers. */
class FrameReader<T> {
  private readonly maxFrames: number;
  private readonly maxAtoms: number;
  private readonly maxLineLength: number;
  /** Complete lines (without their line break) not yet dropped; lines[0] is line `base + 1` of the input. */
  private lines: string[] = [];
  private base = 0;
  /** Index in `lines` of the next line to read. */
  private head = 0;
  /** Index in `lines` of the last line that is not blank (below `head` when there is none ahead). */
  private lastNonBlank = -1;
  /** Text after the last line break. */
  private partial = '';
  private frames = 0;
  private ended = false;

  constructor(
    options: ReaderOptions,
    private readonly parse: FrameParser<T>,
  ) {
    this.maxFrames = options.maxFrames ?? Infinity;
    this.maxAtoms = options.maxAtoms ?? Infinity;
    this.maxLineLength = options.maxLineLength ?? Infinity;
  }

  /** Frames returned so far. */
  get framesRead(): number {
    return this.frames;
  }

  /** Adds the next chunk of text; returns the frames it completes (throws ExtXyzError as parseExtXyz would). */
  push(chunk: string): T[] {
    if (this.ended) throw new Error('ExtXyzReader: push() after end()');
    let newline = chunk.indexOf('\n');
    if (newline < 0) {
      this.partial += chunk;
      this.checkLength(this.partial, this.lines.length);
      return [];
    }
    // indexOf and slice rather than split: several times faster on a chunk of many short lines.
    let from = 0;
    while (newline >= 0) {
      let line = from === 0 ? this.partial + chunk.slice(0, newline) : chunk.slice(from, newline);
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1); // \r of \r\n
      this.checkLength(line, this.lines.length);
      this.addLine(line);
      from = newline + 1;
      newline = chunk.indexOf('\n', from);
    }
    this.partial = chunk.slice(from);
    this.checkLength(this.partial, this.lines.length);
    return this.drain(false);
  }

  /** Ends the input; returns the frames still to come, or throws if the last frame is incomplete. */
  end(): T[] {
    if (this.ended) return [];
    this.ended = true;
    this.addLine(this.partial);
    this.partial = '';
    return this.drain(true);
  }

  /**
   * A line without end would be held whole: refused beyond maxLineLength (`index` is its index in `lines`). The
   * frames before it are read first, so that the error names the frame the line is in (or an earlier error wins).
   */
  private checkLength(line: string, index: number): void {
    if (line.length <= this.maxLineLength) return;
    const lineNumber = this.base + index + 1; // before drain drops lines
    this.drain(false);
    const at = { frame: this.frames, line: lineNumber };
    fail(at, `line longer than ${this.maxLineLength} characters, the limit`);
  }

  private addLine(line: string): void {
    if (!isBlank(line)) this.lastNonBlank = this.lines.length;
    this.lines.push(line);
  }

  /**
   * Parses every frame the lines read so far complete. Before the end of the input a frame is complete once its
   * comment line, and a non-blank line at or after its last atom line, have been read: then it parses as it would
   * in the whole text (the blank-line trimming at the end of the input cannot reach it).
   */
  private drain(final: boolean): T[] {
    const { lines, maxFrames, maxAtoms } = this;
    const end = final ? this.lastNonBlank + 1 : lines.length;
    const out: T[] = [];
    for (;;) {
      let i = this.head;
      while (i < end && lines[i]!.trim() === '') i++; // tolerate blank lines between frames
      this.head = i;
      if (i >= end) break;
      const line = this.base + i + 1;
      if (this.frames >= maxFrames)
        fail({ frame: this.frames, line }, `more than ${maxFrames} frames, the limit`);
      if (!final) {
        const count = frameCount(lines[i]!, { frame: this.frames, line }, maxAtoms);
        const complete = count === 0 ? lines.length > i + 1 : this.lastNonBlank >= i + 1 + count;
        if (!complete) break;
      }
      const { structure, next } = this.parse(lines, i, end, this.frames, maxAtoms, this.base);
      out.push(structure);
      this.frames++;
      this.head = next;
    }
    if (this.head >= COMPACT_LINES && 2 * this.head >= lines.length) {
      this.lines = lines.slice(this.head);
      this.base += this.head;
      this.lastNonBlank -= this.head;
      this.head = 0;
    }
    return out;
  }
}

/**
 * Reads extended XYZ incrementally: push() text in chunks split anywhere (inside a line, between `\r` and `\n`) and
 * get back the frames each chunk completes; end() returns the rest. The frames, and the errors with their frame
 * and line numbers, are those parseExtXyz gives for the whole text, but only the lines of the frame being read are
 * held, so memory does not grow with the number of frames. A frame is returned as soon as its last atom line is
 * complete; an error is thrown as soon as the text read shows it.
 */
export class ExtXyzReader extends FrameReader<Structure> {
  constructor(options: ReaderOptions = {}) {
    super(options, parseFrame);
  }
}

/** What a first pass over a file needs of a frame: its atoms' species, cell and pbc. */
export interface FrameOutline {
  readonly species: readonly string[];
  readonly cell?: Cell;
  readonly pbc?: readonly [boolean, boolean, boolean];
}

/** The word of `line` after `skip` others (words as `line.trim().split(/\s+/)` has them), or undefined. */
function wordAt(line: string, skip: number): string | undefined {
  const n = line.length;
  let i = 0;
  for (let word = 0; ; word++) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) return undefined;
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    if (word === skip) return line.slice(start, i);
  }
}

/**
 * The outline of the frame whose count line is `lines[start]`: what parseFrame checks of its count, comment and
 * line count, and of each atom's species, without converting the other values. A line whose species it cannot
 * read is handed to parseFrame, so that the error is the one parseExtXyz gives.
 */
function outlineFrame(
  lines: readonly string[],
  start: number,
  end: number,
  frame: number,
  maxAtoms: number,
  lineBase: number,
): { structure: FrameOutline; next: number } {
  const count = frameCount(lines[start]!, { frame, line: lineBase + start + 1 }, maxAtoms);
  const commentIndex = start + 1;
  if (commentIndex >= lines.length)
    fail({ frame, line: lineBase + commentIndex + 1 }, 'truncated frame: missing comment line');
  const header = parseHeader(lines[commentIndex]!, { frame, line: lineBase + commentIndex + 1 });
  let skip = 0;
  for (const column of header.columns) {
    if (column.name === 'species') break;
    skip += column.width;
  }
  const first = start + 2;
  const species: string[] = [];
  for (let atom = 0; atom < count; atom++) {
    const index = first + atom;
    const symbol = index < end ? wordAt(lines[index]!, skip) : undefined;
    if (symbol === undefined || !isElement(symbol)) {
      parseFrame(lines, start, end, frame, maxAtoms, lineBase); // throws this line's error, as parseExtXyz would
      throw new Error(`outlineFrame: frame ${frame} parsed although line ${lineBase + index + 1} is bad`);
    }
    species.push(symbol);
  }
  const { cell, pbc } = header;
  return { structure: { species, ...(cell ? { cell } : {}), ...(pbc ? { pbc } : {}) }, next: first + count };
}

/**
 * Reads outlines of frames incrementally, like ExtXyzReader reads frames but several times faster: the species of
 * every atom, cell and pbc, with the errors of frame structure (counts, comment lines, Properties, Lattice, pbc, a
 * truncated frame, an unknown element) that parseExtXyz reports, at the same frame and line. Errors in the other
 * values (a non-numeric coordinate, a wrong number of columns on a line whose species is readable) are left to
 * a full reading.
 */
export class ExtXyzOutlineReader extends FrameReader<FrameOutline> {
  constructor(options: ReaderOptions = {}) {
    super(options, outlineFrame);
  }
}

/** Everything a reader finds in a text given in chunks, one item at a time. */
function* readChunks<T>(reader: FrameReader<T>, chunks: Iterable<string>): Generator<T> {
  for (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

/** The outlines of a text given in chunks (see ExtXyzOutlineReader), one at a time. */
export function readExtXyzOutlines(
  chunks: Iterable<string>,
  options: ReaderOptions = {},
): Generator<FrameOutline> {
  return readChunks(new ExtXyzOutlineReader(options), chunks);
}

/** The frames of a text given in chunks (see ExtXyzReader), one at a time. */
export function readExtXyzFrames(
  chunks: Iterable<string>,
  options: ReaderOptions = {},
): Generator<Structure> {
  return readChunks(new ExtXyzReader(options), chunks);
}

// ---------------------------------------------------------------------------------------------------------------
// Writer. Data that the format cannot carry losslessly raises RangeError rather than writing a different file.

/** Shortest text that parses back to the identical f64, keeping the sign of -0. */
function formatNumber(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new RangeError(`${what}: cannot write non-finite number ${x}`);
  return Object.is(x, -0) ? '-0' : String(x);
}

function formatBoolean(b: boolean): string {
  return b ? 'T' : 'F';
}

function escape(text: string): string {
  return text.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function formatString(text: string, what: string): string {
  if (/^[^\s"[]\S*$/.test(text) && inferBare(text) === text) return text;
  const raw = escape(text);
  if (inferQuoted(raw) !== text)
    throw new RangeError(`${what}: string '${text}' would read back as an array`);
  return `"${raw}"`;
}

/** Numeric and logical arrays of 2+ items use the ASE-readable quoted form; others need `[...]`. */
function formatArray(values: readonly unknown[], what: string): string {
  if (values.every((x): x is number => typeof x === 'number')) {
    const items = values.map((x) => formatNumber(x, what));
    return items.length > 1 ? `"${items.join(' ')}"` : `[${items.join('')}]`;
  }
  if (values.every((x): x is boolean => typeof x === 'boolean')) {
    const items = values.map(formatBoolean);
    return items.length > 1 ? `"${items.join(' ')}"` : `[${items.join('')}]`;
  }
  if (values.every((x): x is string => typeof x === 'string'))
    return `[${values.map((s) => `"${escape(s)}"`).join(', ')}]`;
  throw new RangeError(`${what}: arrays must be all numbers, all booleans or all strings`);
}

function formatInfo(key: string, value: InfoValue): string {
  const what = `info '${key}'`;
  if (!/^[^\s="]+$/.test(key) || RESERVED_KEYS.has(key.toLowerCase())) {
    throw new RangeError(
      `${what}: key must be non-empty, without spaces, '=' or '"', and not Lattice/pbc/Properties`,
    );
  }
  let text: string;
  if (typeof value === 'number') text = formatNumber(value, what);
  else if (typeof value === 'boolean') text = formatBoolean(value);
  else if (typeof value === 'string') text = formatString(value, what);
  else text = formatArray(value, what);
  return `${key}=${text}`;
}

function checkArray(name: string, array: AtomArray, natoms: number): Column {
  const what = `array '${name}'`;
  const lower = name.toLowerCase();
  if (!NAME_RE.test(name) || lower === 'species' || lower === 'pos') {
    throw new RangeError(`${what}: name must be an identifier other than species/pos`);
  }
  if (!['R', 'I', 'S', 'L'].includes(array.type))
    throw new RangeError(`${what}: unknown type '${array.type}'`);
  if (!Number.isInteger(array.width) || array.width < 1)
    throw new RangeError(`${what}: bad width ${array.width}`);
  if (array.values.length !== natoms * array.width) {
    throw new RangeError(`${what}: has ${array.values.length} values, expected ${natoms}×${array.width}`);
  }
  return { name, type: array.type, width: array.width };
}

function formatCell(type: ColumnType, value: unknown, what: string): string {
  if (type === 'R' && typeof value === 'number') return formatNumber(value, what);
  if (type === 'I' && typeof value === 'number' && (value | 0) === value) return String(value);
  if (type === 'L' && typeof value === 'boolean') return formatBoolean(value);
  if (type === 'S' && typeof value === 'string' && /^\S+$/.test(value)) return value;
  throw new RangeError(`${what}: cannot write ${JSON.stringify(value)} as type ${type}`);
}

function formatHeader(s: Structure, columns: readonly Column[]): string {
  const fields: string[] = [];
  const cellError = s.cell && s.cell.every(Number.isFinite) ? cellProblem(s.cell) : undefined;
  if (cellError) throw new RangeError(`Lattice: ${cellError}`);
  if (s.cell) fields.push(`Lattice="${s.cell.map((x) => formatNumber(x, 'Lattice')).join(' ')}"`);
  fields.push(`Properties=${columns.map((c) => `${c.name}:${c.type}:${c.width}`).join(':')}`);
  for (const [key, value] of Object.entries(s.info)) fields.push(formatInfo(key, value));
  if (s.pbc) fields.push(`pbc="${s.pbc.map(formatBoolean).join(' ')}"`);
  return fields.join(' ');
}

function formatAtom(s: Structure, arrays: readonly [string, AtomArray][], atom: number): string {
  const symbol = s.species[atom]!;
  if (!isElement(symbol)) throw new RangeError(`atom ${atom}: unknown element symbol '${symbol}'`);
  const cells = [symbol];
  for (let k = 0; k < 3; k++) cells.push(formatNumber(s.positions[3 * atom + k]!, `atom ${atom} position`));
  for (const [name, { type, width, values }] of arrays) {
    for (let j = 0; j < width; j++) cells.push(formatCell(type, values[atom * width + j], `array '${name}'`));
  }
  return cells.join(' ');
}

function formatFrame(s: Structure): string {
  const natoms = s.species.length;
  if (s.positions.length !== 3 * natoms) {
    throw new RangeError(`positions has ${s.positions.length} values, expected ${3 * natoms}`);
  }
  const arrays = Object.entries(s.arrays);
  const columns = [SPECIES, POS, ...arrays.map(([name, array]) => checkArray(name, array, natoms))];
  const lines = [String(natoms), formatHeader(s, columns)];
  for (let atom = 0; atom < natoms; atom++) lines.push(formatAtom(s, arrays, atom));
  return `${lines.join('\n')}\n`;
}

/**
 * Writes frames as extended XYZ that parseExtXyz reads back identically (every f64 exact, -0 included).
 * Throws RangeError for data the format cannot hold (NaN, unknown elements, strings with spaces in S columns...).
 */
export function writeExtXyz(frames: readonly Structure[]): string {
  return frames.map(formatFrame).join('');
}
