/**
 * Minimal NPY v1.0 encoder for float64 arrays (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * C order, little-endian '<f8', any shape. No file system: the CLI writes its bytes to files (scripts/lib/npy.ts),
 * the page downloads them.
 */

const MAGIC = [0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0))];
/** magic (6) + version (2) + header length (2). */
const PREAMBLE_BYTES = 10;
/** numpy aligns the data to 64 bytes so that memory-mapped arrays are aligned for any dtype. */
const ALIGNMENT = 64;
/** v1.0 stores the header length as uint16. */
const MAX_HEADER_BYTES = 0xffff;

function shapeTuple(shape: readonly number[]): string {
  // A one-element tuple needs the trailing comma in Python syntax.
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The header dict, space-padded and newline-terminated so that the data starts on a 64-byte boundary. */
export function npyHeader(shape: readonly number[]): string {
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeTuple(shape)}, }`;
  const unpadded = PREAMBLE_BYTES + dict.length + 1;
  const padding = (ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT;
  return `${dict}${' '.repeat(padding)}\n`;
}

/** Values per block when the host's byte order makes conversion necessary (never on x86 and ARM hosts). */
const BLOCK_VALUES = 1 << 17;

/** '<f8' is the host's own float64 layout: arrays can be written as they are, without conversion. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

function valueCount(shape: readonly number[]): number {
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(`bad shape (${shape.join(', ')})`);
  return shape.reduce((a, b) => a * b, 1);
}

/** Magic, version, header length and header: the bytes before the data. */
function preamble(shape: readonly number[]): Uint8Array {
  const header = npyHeader(shape);
  if (header.length > MAX_HEADER_BYTES) throw new RangeError('shape too long for an NPY v1.0 header');
  const bytes = new Uint8Array(PREAMBLE_BYTES + header.length);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0; // minor version
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[PREAMBLE_BYTES + i] = header.charCodeAt(i);
  return bytes;
}

/** Throws a RangeError unless `shape` holds exactly data.length values. */
export function checkShape(data: Float64Array, shape: readonly number[]): void {
  const count = valueCount(shape);
  if (count !== data.length) {
    throw new RangeError(`shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`);
  }
}

/** data[from, from + count) as little-endian float64 bytes into out (DataView: '<f8' whatever the host's order). */
function encodeValues(
  data: Float64Array,
  from: number,
  count: number,
  out: Uint8Array,
  offset: number,
): void {
  const view = new DataView(out.buffer, out.byteOffset);
  for (let i = 0; i < count; i++) view.setFloat64(offset + 8 * i, data[from + i], true);
}

/** Encodes `data` (row-major, length = product of `shape`) as the bytes of an .npy file. */
export function encodeNpy(data: Float64Array, shape: readonly number[]): Uint8Array<ArrayBuffer> {
  checkShape(data, shape);
  const head = preamble(shape);
  const bytes = new Uint8Array(head.length + data.length * 8);
  bytes.set(head, 0);
  encodeValues(data, 0, data.length, bytes, head.length);
  return bytes;
}

/**
 * Where an NpyWriter's bytes go, in order (a file descriptor, a staged output file...). The sink may keep the
 * arrays it is given (to write them later): the writer never reuses them.
 */
export type ByteSink = (bytes: Uint8Array) => void;

/**
 * Writes an .npy file whose shape is known before its values, which then arrive in row-major pieces of any size
 * (rows as they are computed): memory does not grow with the array. On little-endian hosts each piece is handed to
 * the sink as the bytes of the Float64Array itself, without a copy, so the caller must not change it afterwards.
 */
export class NpyWriter {
  private readonly expected: number;
  private written = 0;

  /**
   * `nativeLayout`: write the arrays' own bytes (true on little-endian hosts); false converts through a DataView,
   * as big-endian hosts need (tests use it to check both ways give the same file).
   */
  constructor(
    private readonly sink: ByteSink,
    readonly shape: readonly number[],
    private readonly nativeLayout = HOST_IS_LITTLE_ENDIAN,
  ) {
    this.expected = valueCount(shape);
    sink(preamble(shape));
  }

  /** Values written so far. */
  get count(): number {
    return this.written;
  }

  append(values: Float64Array): void {
    if (this.written + values.length > this.expected) {
      throw new RangeError(
        `shape (${this.shape.join(', ')}) holds ${this.expected} values, got ${this.written + values.length}`,
      );
    }
    if (this.nativeLayout) {
      this.sink(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    } else {
      for (let from = 0; from < values.length; from += BLOCK_VALUES) {
        const count = Math.min(BLOCK_VALUES, values.length - from);
        const block = new Uint8Array(8 * count); // a new one each time: the sink may keep it
        encodeValues(values, from, count, block, 0);
        this.sink(block);
      }
    }
    this.written += values.length;
  }

  /** Checks that every value of the shape was written. */
  finish(): void {
    if (this.written !== this.expected) {
      throw new RangeError(
        `shape (${this.shape.join(', ')}) holds ${this.expected} values, ${this.written} were written`,
      );
    }
  }
}
