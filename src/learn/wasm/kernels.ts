/**
 * The WebAssembly SIMD kernels of kernels.wat (see build.ts), instantiated synchronously on first use, and the
 * layout of their linear memory. Callers copy operands in, call one kernel and copy results out; the memory grows
 * as needed and is reused (so the kernels are not re-entrant, which single-threaded callers never need).
 *
 * Two builds of the same kernels: 'fma' (relaxed-SIMD fused multiply–adds, used wherever the engine validates
 * it) and 'simd' (separate multiply and add). They agree to rounding.
 */
import { kernelModulesBase64 } from './kernels.generated.ts';

export interface KernelExports {
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
  packRow(row: number, width: number, t: number, depth: number, pack: number): void;
  packRows(src: number, ld: number, rows: number, depth: number, pack: number): void;
  multiply(
    out: number,
    ldo: number,
    packA: number,
    m: number,
    packB: number,
    n: number,
    depth: number,
    sign: number,
    triangle: number,
  ): void;
  gram(gram: number, width: number, pack: number, depth: number, sign: number): void;
  cholesky(a: number, n: number, ld: number, pack: number): number;
  croutRows(rows: number, ld: number, count: number, diag: number, ldd: number, width: number): void;
  powerSpectrum(
    c1: number,
    c2: number,
    bases: number,
    nBases: number,
    lMax: number,
    ldq: number,
    out: number,
    upper: number,
  ): void;
  packPowerSpectrum(
    sums: number,
    scale: number,
    packed: number,
    lMax: number,
    channels: number,
    ldq: number,
    upper: number,
  ): void;
  expandCentre(context: number, centre: number, centreAt: number): void;
  flushMultipoles(
    sums: number,
    species: number,
    tail: number,
    coeffs: number,
    nMax: number,
    lMax: number,
    ldc: number,
  ): void;
  ewaldPairs(context: number, centresEnd: number): number;
  addRowCombinations(x: number, rows: number, cols: number, coefs: number, count: number, out: number): void;
  structureFactors(
    sources: number,
    sourceCount: number,
    planes: number,
    planeCount: number,
    waves: number,
    imBytes: number,
  ): void;
  fieldFarSums(
    points: number,
    count: number,
    images: number,
    imageCount: number,
    knots: number,
    start: number,
    perSpacing: number,
    lastKnot: number,
    near2: number,
    radius2: number,
    far: number,
  ): void;
}

/** Rows of one packed panel of gemm and gram (DEPTH in kernels.wat). */
export const PANEL_DEPTH = 256;
/** Columns of one block column of the Cholesky (NB2 in kernels.wat): the depth of its trailing updates. */
export const CHOLESKY_BLOCK = 256;
/** Columns of the sub-blocks that the Cholesky factors a block column in (NB in kernels.wat). */
export const CHOLESKY_SUB_BLOCK = 64;
/** Bytes 0..127 are the kernels' scratch tile. */
const RESERVED_BYTES = 128;
const PAGE_BYTES = 65536;

export type KernelVariant = keyof typeof kernelModulesBase64;

const moduleBytes = (variant: KernelVariant) =>
  Uint8Array.from(atob(kernelModulesBase64[variant]), (c) => c.charCodeAt(0));

/** Whether this engine can compile the variant (checked on each call: a Node flag may be set at run time). */
export const variantSupported = (variant: KernelVariant) => WebAssembly.validate(moduleBytes(variant));

const instances = new Map<KernelVariant, KernelExports>();
let selected: KernelVariant | undefined;

/** The variant in use: 'fma' when supported (decided on first use), unless selectKernelVariant chose. */
export function kernelVariant(): KernelVariant {
  return (selected ??= variantSupported('fma') ? 'fma' : 'simd');
}

/** Uses the given variant from now on (tests and benchmarks compare them); throws if it is not supported. */
export function selectKernelVariant(variant: KernelVariant): void {
  if (!variantSupported(variant)) {
    throw new Error(`the '${variant}' WebAssembly kernels are not supported by this engine`);
  }
  selected = variant;
}

/** The kernels of the variant in use, or of the one named (the feature engine's products always use 'simd'). */
export function kernels(variant: KernelVariant = kernelVariant()): KernelExports {
  let instance = instances.get(variant);
  if (!instance) {
    instance = createKernels(variant);
    instances.set(variant, instance);
  }
  return instance;
}

/** A new instance of the variant's kernels, with a memory of its own (for data that stays between calls). */
export function createKernels(variant: KernelVariant): KernelExports {
  const module = new WebAssembly.Module(moduleBytes(variant));
  return new WebAssembly.Instance(module).exports as unknown as KernelExports;
}

/** createKernels, or null where this JavaScript engine cannot compile them (no WebAssembly SIMD). */
export function createKernelsIfSupported(variant: KernelVariant): KernelExports | null {
  try {
    return createKernels(variant);
  } catch {
    return null;
  }
}

/**
 * A job's own instance of the 'simd' kernels (data it leaves in its memory stays there between calls; the feature
 * engine's bits are the same everywhere), made on first use, and the job's on/off switch: tests and benchmarks compare
 * it with its TypeScript reference.
 */
export interface SwitchableKernels {
  /** The instance, or null where this engine lacks WebAssembly SIMD. */
  readonly instance: () => KernelExports | null;
  /** Whether the job uses the kernels: this engine runs them, and they are on. */
  readonly enabled: () => boolean;
  readonly switchTo: (on: boolean) => void;
}

export function switchableKernels(): SwitchableKernels {
  let instance: KernelExports | null | undefined;
  let on = true;
  const get = () => (instance === undefined ? (instance = createKernelsIfSupported('simd')) : instance);
  return {
    instance: get,
    enabled: () => on && get() !== null,
    switchTo: (value) => {
      on = value;
    },
  };
}

/** Doubles of packed slivers for `rows` rows of `depth` steps (8 doubles apart: SLIVER_GAP in kernels.wat). */
export const packedSize = (rows: number, depth: number) => Math.ceil(rows / 4) * (4 * depth + 8);

export interface Workspace {
  /** The whole linear memory (valid until the next workspace call). */
  readonly heap: Float64Array;
  /** Element offset of each region in heap; its byte address for the kernels is 8× that. */
  readonly at: readonly number[];
}

/** Consecutive 16-byte-aligned regions of the given sizes (in doubles), growing the memory if needed. */
export function workspace(...sizes: readonly number[]): Workspace {
  return workspaceOf(kernels(), sizes);
}

/** workspace() in the memory of the given instance. */
export function workspaceOf({ memory }: KernelExports, sizes: readonly number[]): Workspace {
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
