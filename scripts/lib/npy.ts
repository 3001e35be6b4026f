/**
 * Minimal NPY v1.0 writer for float64 arrays (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 * Only what the CLI needs: C order, little-endian '<f8', any shape.
 */
import { writeFileSync } from 'node:fs';

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

/** Encodes `data` (row-major, length = product of `shape`) as the bytes of an .npy file. */
export function encodeNpy(data: Float64Array, shape: readonly number[]): Uint8Array {
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(`bad shape (${shape.join(', ')})`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new RangeError(`shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`);
  }
  const header = npyHeader(shape);
  if (header.length > MAX_HEADER_BYTES) throw new RangeError('shape too long for an NPY v1.0 header');
  const bytes = new Uint8Array(PREAMBLE_BYTES + header.length + data.length * 8);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[6] = 1; // major version
  bytes[7] = 0; // minor version
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[PREAMBLE_BYTES + i] = header.charCodeAt(i);
  // DataView with an explicit little-endian flag, so the file is '<f8' whatever the host's byte order.
  const start = PREAMBLE_BYTES + header.length;
  for (let i = 0; i < data.length; i++) view.setFloat64(start + 8 * i, data[i], true);
  return bytes;
}

export function writeNpy(path: string, data: Float64Array, shape: readonly number[]): void {
  writeFileSync(path, encodeNpy(data, shape));
}
