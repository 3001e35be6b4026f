/**
 * Minimal NPY v1.0 writer for float64 arrays (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 * Only what the CLI needs: C order, little-endian '<f8', any shape.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

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

/** Values per block when writing through a descriptor: the file is never built whole in memory. */
const BLOCK_VALUES = 1 << 17;

/** Magic, version, header length and header: the bytes before the data. */
function preamble(data: Float64Array, shape: readonly number[]): Uint8Array {
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(`bad shape (${shape.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new RangeError(`shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`);
  }
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
export function encodeNpy(data: Float64Array, shape: readonly number[]): Uint8Array {
  const head = preamble(data, shape);
  const bytes = new Uint8Array(head.length + data.length * 8);
  bytes.set(head, 0);
  encodeValues(data, 0, data.length, bytes, head.length);
  return bytes;
}

/** Writes the .npy file of `data` to an open descriptor, block by block. Shape errors are RangeErrors. */
export function writeNpyTo(fd: number, data: Float64Array, shape: readonly number[]): void {
  writeAll(fd, preamble(data, shape));
  const block = new Uint8Array(8 * Math.min(BLOCK_VALUES, data.length));
  for (let from = 0; from < data.length; from += BLOCK_VALUES) {
    const count = Math.min(BLOCK_VALUES, data.length - from);
    encodeValues(data, from, count, block, 0);
    writeAll(fd, block.subarray(0, 8 * count));
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

export function writeNpy(path: string, data: Float64Array, shape: readonly number[]): void {
  const fd = openSync(path, 'w');
  try {
    writeNpyTo(fd, data, shape);
  } finally {
    closeSync(fd);
  }
}
