/**
 * The pair terms of expansion.ts on the WebAssembly SIMD kernel (kernels.wat, expandPair): the radial table's
 * interpolant and the rank-1 update of one centre's coefficients by one neighbour, equal to the TypeScript loops bit
 * for bit (every sum in the same order, separate multiplies and adds: the 'simd' build). The kernels run in an
 * instance of their own, so that the tables' knots, copied into its memory once, stay there from structure to
 * structure.
 */
import { createKernels, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import type { RadialTable } from './radial-tables.ts';

const VARIANT = 'simd';
let enabled = true;
/** undefined until first asked for; null where this JavaScript engine cannot run the kernels. */
let instance: KernelExports | null | undefined;
/** The tables whose knots lie at the start of the instance's memory, in this order. */
let resident: readonly RadialTable[] = [];

function expansionKernels(): KernelExports | null {
  if (instance === undefined) {
    try {
      instance = createKernels(VARIANT);
    } catch {
      instance = null;
    }
  }
  return instance;
}

/** Whether the expansion uses the kernel: this JavaScript engine runs it (WebAssembly with SIMD), and it is on. */
export function simdExpansionEnabled(): boolean {
  return enabled && expansionKernels() !== null;
}

/** Turns the kernel on or off for the expansion (benchmarks compare it with the TypeScript loops of expansion.ts). */
export function setSimdExpansion(on: boolean): void {
  enabled = on;
}

/**
 * One structure's coefficients of each table's field, accumulated in the kernels' memory. Only one exists at a time:
 * a new one takes over the memory, and the views of the one before are no longer valid.
 */
export class SimdPairTerms {
  /** Zeroed views of the kernels' memory, one per table, of `length` values (the caller's layout). */
  readonly coefficients: Float64Array[];
  /** (lMax + 1)² harmonics for the next add(). */
  readonly ylm: Float64Array;
  private readonly kernels: KernelExports;
  private readonly knotsAt: number[];
  private readonly coefficientsAt: number[];
  private readonly ylmAt: number;
  private readonly radialAt: number;

  /** `tables`: alike in n_max and l_max; `channels`: values per (l, m) row of a centre's coefficients. */
  constructor(
    private readonly tables: readonly RadialTable[],
    length: number,
    private readonly channels: number,
  ) {
    const kernels = expansionKernels();
    if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
    this.kernels = kernels;
    const { nMax, lMax } = tables[0];
    const { heap, at } = workspaceOf(kernels, [
      ...tables.map((t) => t.knots.length),
      ...tables.map(() => length),
      (lMax + 1) ** 2,
      nMax * (lMax + 1),
    ]);
    // The regions' offsets depend only on the sizes before them: the same tables are where they were left.
    if (tables.length !== resident.length || tables.some((t, f) => t !== resident[f])) {
      tables.forEach((t, f) => heap.set(t.knots, at[f]));
      resident = tables;
    }
    this.knotsAt = at.slice(0, tables.length).map((a) => a * 8);
    this.coefficientsAt = at.slice(tables.length, 2 * tables.length).map((a) => a * 8);
    this.coefficients = at.slice(tables.length, 2 * tables.length).map((a) => {
      heap.fill(0, a, a + length);
      return heap.subarray(a, a + length);
    });
    const ylmAt = at[2 * tables.length];
    this.ylm = heap.subarray(ylmAt, ylmAt + (lMax + 1) ** 2);
    this.ylmAt = ylmAt * 8;
    this.radialAt = at[2 * tables.length + 1] * 8;
  }

  /**
   * coefficients[f][at + lm·channels + n] += F_nl(d) · ylm[lm] for table f, every (l, m, n): a neighbour at distance
   * d (below the table's end) in the direction of ylm.
   */
  add(f: number, d: number, at: number): void {
    const table = this.tables[f];
    this.kernels.expandPair(
      this.knotsAt[f],
      table.spacing,
      table.knotCount - 2,
      d,
      table.nMax,
      table.lMax,
      this.ylmAt,
      this.coefficientsAt[f] + at * 8,
      this.channels,
      this.radialAt,
    );
  }
}
