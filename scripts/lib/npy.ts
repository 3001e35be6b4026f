/** The CLI's .npy files: the encoder of src/data/npy.ts, written to file descriptors. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { checkShape, NpyWriter } from '../../src/data/npy.ts';

export { encodeNpy, npyHeader, NpyWriter, type ByteSink } from '../../src/data/npy.ts';

/** Writes every byte to a descriptor (writeSync may write fewer than asked). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes the .npy file of `data` to an open descriptor. Shape errors are RangeErrors. */
export function writeNpyTo(fd: number, data: Float64Array, shape: readonly number[]): void {
  checkShape(data, shape);
  const writer = new NpyWriter((bytes) => writeAll(fd, bytes), shape);
  writer.append(data);
  writer.finish();
}

export function writeNpy(path: string, data: Float64Array, shape: readonly number[]): void {
  const fd = openSync(path, 'w');
  try {
    writeNpyTo(fd, data, shape);
  } finally {
    closeSync(fd);
  }
}
