/**
 * The inner loops of expandStructure (expansion.ts) on the WebAssembly SIMD kernels (kernels.wat): a neighbour's
 * harmonics, then expandPair (the radial table's interpolant and the rank-1 update of a centre's coefficients) or,
 * beyond the tables, addMultipole; and flushMultipoles, a centre's multipole tails of the potential. They equal the
 * TypeScript loops bit for bit (every sum in the same order, separate multiplies and adds: the 'simd' build). The
 * kernels run in an instance of their own, so that the tables' knots, copied into its memory once, stay there from
 * structure to structure.
 */
import { createKernels, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import type { RadialTable } from './radial-tables.ts';
import { recursionFor } from './spherical-harmonics.ts';

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
 * a new one takes over the memory, and the views of the one before are no longer valid. The pair loop's values stay
 * in the kernels' memory from one kernel to the next (harmonics, multipole sums): V8 writes several times slower into
 * a typed array on WebAssembly memory than into one of its own.
 */
export class SimdExpansion {
  /** Zeroed views of the kernels' memory, one per table, of `length` values (the caller's layout). */
  readonly coefficients: Float64Array[];
  /** Zeroed views, one per table, of a centre's multipole sums (species × (lMax + 1)²) until flush(). */
  readonly multipoles: Float64Array[];
  private readonly kernels: KernelExports;
  private readonly nMax: number;
  private readonly lMax: number;
  /** Byte addresses of each table's knots, tail, coefficients and multipole sums. */
  private readonly knotsAt: number[];
  private readonly tailAt: number[];
  private readonly coefficientsAt: number[];
  private readonly multipolesAt: number[];
  /** Byte addresses of the harmonics' recursion coefficients (a, b, diag), their scratch, and the harmonics. */
  private readonly recursionAt: [number, number, number];
  private readonly scratchAt: number;
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
    this.nMax = nMax;
    this.lMax = lMax;
    const harmonics = (lMax + 1) ** 2;
    const recursion = recursionFor(lMax);
    const each = (size: (t: RadialTable) => number) => tables.map(size);
    const { heap, at } = workspaceOf(kernels, [
      ...each((t) => t.knots.length),
      ...each((t) => t.tail.length),
      ...each(() => length),
      ...each(() => species * harmonics),
      harmonics,
      harmonics,
      lMax + 1,
      harmonics,
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
    const zeroed = (from: number, size: number) =>
      heap.fill(0, from, from + size).subarray(from, from + size);
    this.coefficients = coefficientsAt.map((a) => zeroed(a, length));
    this.multipoles = multipolesAt.map((a) => zeroed(a, species * harmonics));
    const [aAt, bAt, diagAt, scratchAt, ylmAt, radialAt] = at.slice(4 * count);
    heap.set(recursion.a, aAt);
    heap.set(recursion.b, bAt);
    heap.set(recursion.diag, diagAt);
    const bytes = (elements: number[]) => elements.map((a) => a * 8);
    this.knotsAt = bytes(knotsAt);
    this.tailAt = bytes(tailAt);
    this.coefficientsAt = bytes(coefficientsAt);
    this.multipolesAt = bytes(multipolesAt);
    this.recursionAt = [aAt * 8, bAt * 8, diagAt * 8];
    this.scratchAt = scratchAt * 8;
    this.ylmAt = ylmAt * 8;
    this.radialAt = radialAt * 8;
  }

  /** The harmonics Y_lm of the direction of (x, y, z) for the next add() and addMultipole() calls. */
  direction(x: number, y: number, z: number): void {
    const [a, b, diag] = this.recursionAt;
    this.kernels.harmonics(this.lMax, x, y, z, a, b, diag, this.scratchAt, this.ylmAt);
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
      this.nMax,
      this.lMax,
      this.ylmAt,
      this.coefficientsAt[f] + at * 8,
      this.species * this.nMax,
      this.radialAt,
    );
  }

  /** multipoles[f][at + lm] += d^{−(l+1)} Y_lm: a distant neighbour in the direction last given. */
  addMultipole(f: number, at: number, d: number): void {
    this.kernels.addMultipole(this.multipolesAt[f] + at * 8, this.lMax, d, this.ylmAt);
  }

  /**
   * coefficients[f][at + lm·species·nMax + a·nMax + n] += tail_nl · multipoles[f][a·(lMax + 1)² + lm] (the multipole
   * tails of the centre whose coefficients start at `at`), then clears the sums.
   */
  flush(f: number, at: number): void {
    this.kernels.flushMultipoles(
      this.multipolesAt[f],
      this.species,
      this.tailAt[f],
      this.coefficientsAt[f] + at * 8,
      this.nMax,
      this.lMax,
      this.species * this.nMax,
    );
  }
}
