/**
 * The inner loops of expandStructure (expansion.ts) on the WebAssembly SIMD kernels (kernels.wat): expandPair, the
 * radial table's interpolant and the rank-1 update of a centre's coefficients by one neighbour, and flushMultipoles,
 * the potential's multipole tails of a centre; equal to the TypeScript loops bit for bit (every sum in the same
 * order, separate multiplies and adds: the 'simd' build). The kernels run in an instance of their own, so that the
 * tables' knots, copied into its memory once, stay there from structure to structure.
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
 * a new one takes over the memory, and the views of the one before are no longer valid. The caller's loops write to
 * its own arrays and hand them over (harmonics, multipole sums): V8 writes several times slower into a typed array on
 * WebAssembly memory than into one of its own (a third more time for the whole expansion, measured).
 */
export class SimdExpansion {
  /** Zeroed views of the kernels' memory, one per table, of `length` values (the caller's layout). */
  readonly coefficients: Float64Array[];
  private readonly multipoles: Float64Array[];
  private readonly ylm: Float64Array;
  private readonly kernels: KernelExports;
  /** Byte addresses of each table's knots, tail, coefficients and multipole sums. */
  private readonly knotsAt: number[];
  private readonly tailAt: number[];
  private readonly coefficientsAt: number[];
  private readonly multipolesAt: number[];
  private readonly ylmAt: number;
  private readonly radialAt: number;

  /**
   * `tables`: alike in n_max and l_max; `length`: values per field; `species`: species channels (a centre's (l, m)
   * rows hold species × n_max values).
   */
  constructor(
    private readonly tables: readonly RadialTable[],
    length: number,
    private readonly species: number,
  ) {
    const kernels = expansionKernels();
    if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
    this.kernels = kernels;
    const { nMax, lMax } = tables[0];
    const harmonics = (lMax + 1) ** 2;
    const each = (size: (t: RadialTable) => number) => tables.map(size);
    const { heap, at } = workspaceOf(kernels, [
      ...each((t) => t.knots.length),
      ...each((t) => t.tail.length),
      ...each(() => length),
      ...each(() => species * harmonics),
      harmonics,
      nMax * (lMax + 1),
    ]);
    const count = tables.length;
    const regions = (k: number) => at.slice(k * count, (k + 1) * count);
    const [knotsAt, tailAt, coefficientsAt, multipolesAt] = [0, 1, 2, 3].map(regions);
    // The regions' offsets depend only on the sizes before them: the same tables are where they were left.
    if (count !== resident.length || tables.some((t, f) => t !== resident[f])) {
      tables.forEach((t, f) => {
        heap.set(t.knots, knotsAt[f]);
        heap.set(t.tail, tailAt[f]);
      });
      resident = tables;
    }
    this.coefficients = coefficientsAt.map((a) => heap.fill(0, a, a + length).subarray(a, a + length));
    this.multipoles = multipolesAt.map((a) => heap.subarray(a, a + species * harmonics));
    const ylmAt = at[4 * count];
    this.ylm = heap.subarray(ylmAt, ylmAt + harmonics);
    const bytes = (elements: number[]) => elements.map((a) => a * 8);
    this.knotsAt = bytes(knotsAt);
    this.tailAt = bytes(tailAt);
    this.coefficientsAt = bytes(coefficientsAt);
    this.multipolesAt = bytes(multipolesAt);
    this.ylmAt = ylmAt * 8;
    this.radialAt = at[4 * count + 1] * 8;
  }

  /** The harmonics Y_lm, (lMax + 1)² of them, of the direction of the neighbours of the next add() calls. */
  direction(ylm: Float64Array): void {
    this.ylm.set(ylm);
  }

  /**
   * coefficients[f][at + lm·species·nMax + n] += F_nl(d) · Y_lm for table f, every (l, m, n): a neighbour at distance
   * d (below the table's end) in the direction last given.
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
      this.species * table.nMax,
      this.radialAt,
    );
  }

  /**
   * coefficients[f][at + lm·species·nMax + a·nMax + n] += tail_nl · sums[a·(lMax + 1)² + lm] (the multipole tails of
   * the centre whose coefficients start at `at`), then clears the sums.
   */
  flush(f: number, at: number, sums: Float64Array): void {
    const { nMax, lMax } = this.tables[f];
    this.multipoles[f].set(sums);
    sums.fill(0);
    this.kernels.flushMultipoles(
      this.multipolesAt[f],
      this.species,
      this.tailAt[f],
      this.coefficientsAt[f] + at * 8,
      nMax,
      lMax,
      this.species * nMax,
    );
  }
}
