/** Test-only NPY reader, written independently of the writer so the tests check the format, not the code. */
export interface NpyArray {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  readonly headerLength: number;
  readonly data: Float64Array;
}

export function readNpy(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== '\x93NUMPY') throw new Error(`bad magic ${JSON.stringify(magic)}`);
  if (bytes[6] !== 1 || bytes[7] !== 0) throw new Error(`unexpected version ${bytes[6]}.${bytes[7]}`);
  const headerLength = bytes[8] | (bytes[9] << 8);
  const header = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`unparseable header ${header}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const start = 10 + headerLength;
  const count = shape.reduce((a, b) => a * b, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  if (view.byteLength !== 8 * count)
    throw new Error(`data has ${view.byteLength} bytes, expected ${8 * count}`);
  const data = Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i, true));
  return { descr, fortranOrder: fortran === 'True', shape, headerLength, data };
}
