/**
 * The WebAssembly SIMD kernels of kernels.wat (see build.ts), instantiated synchronously on first use, and the
 * layout of their linear memory. Callers copy operands in, call one kernel and copy results out; the memory grows
 * as needed and is reused (so the kernels are not re-entrant, which single-threaded callers never need).
 */
import { kernelsWasmBase64 } from './kernels.generated.ts';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly minPivot: WebAssembly.Global;
  readonly maxPivot: WebAssembly.Global;
  gemm(
    out: number,
    ldo: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    m: number,
    n: number,
    k: number,
    sign: number,
    triangle: number,
    pack: number,
  ): void;
  gram(gram: number, width: number, z: number, depth: number, sign: number, pack: number): void;
  cholesky(a: number, n: number, pack: number): number;
}

/** Rows of one packed panel of gemm and gram (DEPTH in kernels.wat). */
export const PANEL_DEPTH = 256;
/** Block size of the Cholesky (NB in kernels.wat). */
export const CHOLESKY_BLOCK = 64;
/** Bytes 0..127 are the kernels' scratch tile. */
const RESERVED_BYTES = 128;
const PAGE_BYTES = 65536;

let instance: KernelExports | undefined;

export function kernels(): KernelExports {
  if (!instance) {
    const bytes = Uint8Array.from(atob(kernelsWasmBase64), (c) => c.charCodeAt(0));
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as KernelExports;
  }
  return instance;
}

/** Doubles of packed slivers for `rows` rows of `depth` steps. */
export const packedSize = (rows: number, depth: number) => Math.ceil(rows / 4) * 4 * depth;

export interface Workspace {
  /** The whole linear memory (valid until the next workspace call). */
  readonly heap: Float64Array;
  /** Element offset of each region in heap; its byte address for the kernels is 8× that. */
  readonly at: readonly number[];
}

/** Consecutive 16-byte-aligned regions of the given sizes (in doubles), growing the memory if needed. */
export function workspace(...sizes: readonly number[]): Workspace {
  const { memory } = kernels();
  const at: number[] = [];
  let end = RESERVED_BYTES / 8;
  for (const size of sizes) {
    at.push(end);
    end += size + (size & 1);
  }
  const missing = end * 8 - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
  return { heap: new Float64Array(memory.buffer), at };
}
