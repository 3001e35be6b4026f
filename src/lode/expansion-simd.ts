/**
 * The pair loop of expandStructure (expansion.ts) on the WebAssembly SIMD kernels (kernels.wat): expandCentre, a
 * centre's whole loop over atoms and their periodic images (displacements reduced into the cell, translations by
 * length), each neighbour's harmonics, then expandPair (the radial table's interpolant and the rank-1 update of the
 * centre's coefficients) or, beyond the tables, addMultipole; and flushMultipoles, a centre's multipole tails of the
 * potential. They equal the TypeScript loops bit for bit (every sum in the same order, separate multiplies and adds:
 * the 'simd' build). The kernels run in an instance of their own, so that the tables' knots, copied into its memory
 * once, stay there from structure to structure.
 */
import { switchableKernels, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import type { Lattice } from './lattice.ts';
import type { RadialTable } from './radial-tables.ts';
import { recursionFor } from './spherical-harmonics.ts';

const own = switchableKernels();
/** The tables whose knots lie at the start of the instance's memory, in this order. */
let resident: readonly RadialTable[] = [];

/** Whether the expansion uses the kernel: this JavaScript engine runs it (WebAssembly with SIMD), and it is on. */
export const simdExpansionEnabled = own.enabled;

/** Turns the kernel on or off for the expansion (benchmarks compare it with the TypeScript loops of expansion.ts). */
export const setSimdExpansion = own.switchTo;

/** f64 slots of expandCentre's context before its fields, and per field (kernels.wat). */
const CONTEXT_SLOTS = 25;
const FIELD_SLOTS = 6;

/** The atoms that expandCentre loops over, and their images. */
export interface ExpansionGeometry {
  readonly positions: Float64Array;
  readonly channels: Int32Array;
  /** The structure's lattice, or null (finite). */
  readonly lattice: Lattice | null;
  /** latticeTranslations to the tables' range (NO_TRANSLATION for a finite structure). */
  readonly translations: Float64Array;
  readonly includeCenter: boolean;
}

/**
 * One structure's coefficients of each table's field, accumulated in the kernels' memory. Only one exists at a time:
 * a new one takes over the memory, and the views of the one before are no longer valid. A neighbour's values stay in
 * the kernels' memory from one step to the next (harmonics, multipole sums): V8 writes several times slower into a
 * typed array on WebAssembly memory than into one of its own.
 */
export class SimdExpansion {
  /** Zeroed views of the kernels' memory, one per table, of `length` values (the caller's layout). */
  readonly coefficients: Float64Array[];
  /** Zeroed views, one per table, of a centre's multipole sums (species × (lMax + 1)²) until flush(). */
  readonly multipoles: Float64Array[];
  private readonly kernels: KernelExports;
  /** Byte addresses of expandCentre's context, and of each table's tail, coefficients and multipole sums. */
  private readonly contextAt: number;
  private readonly tailAt: number[];
  private readonly coefficientsAt: number[];
  private readonly multipolesAt: number[];

  /**
   * `tables`: alike in n_max and l_max; `length`: values per field; `species`: species channels (a centre's (l, m)
   * rows hold species × n_max values).
   */
  constructor(
    private readonly tables: readonly RadialTable[],
    length: number,
    private readonly species: number,
    geometry: ExpansionGeometry,
  ) {
    const kernels = own.instance();
    if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
    this.kernels = kernels;
    const { nMax, lMax } = tables[0];
    const harmonics = (lMax + 1) ** 2;
    const recursion = recursionFor(lMax);
    const count = tables.length;
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
      CONTEXT_SLOTS + FIELD_SLOTS * count,
      geometry.positions.length,
      // i32 channels take half as many doubles.
      Math.ceil(geometry.channels.length / 2),
      geometry.translations.length,
      9,
      9,
    ]);
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
    const [aAt, bAt, diagAt, scratchAt, ylmAt, radialAt, contextAt] = at.slice(4 * count);
    const [positionsAt, channelsAt, translationsAt, vectorsAt, dualsAt] = at.slice(4 * count + 7);
    heap.set(recursion.a, aAt);
    heap.set(recursion.b, bAt);
    heap.set(recursion.diag, diagAt);
    const { positions, channels, lattice, translations } = geometry;
    heap.set(positions, positionsAt);
    new Int32Array(heap.buffer).set(channels, 2 * channelsAt);
    heap.set(translations, translationsAt);
    heap.set(lattice?.vectors.flat() ?? [], vectorsAt);
    heap.set(lattice?.duals.flat() ?? [], dualsAt);
    const bytes = (elements: number[]) => elements.map((a) => a * 8);
    heap.set(
      [
        ...[lMax, nMax, species * nMax],
        ...bytes([aAt, bAt, diagAt, scratchAt, ylmAt, radialAt]),
        count,
        ...bytes([positionsAt, channelsAt]),
        channels.length,
        ...bytes([translationsAt, translationsAt + translations.length]),
        lattice?.vectors.length ?? 0,
        ...bytes([vectorsAt, dualsAt]),
        // Periodic images at or beyond the tables' range are the far field's; a finite structure's atoms all enter.
        lattice ? tables[0].rangeEnd : Infinity,
        geometry.includeCenter ? 1 : 0,
        1 / Math.sqrt(4 * Math.PI),
        harmonics,
        // The displacement's 3 slots.
        0,
        0,
        0,
        ...tables.flatMap((t, f) => [
          knotsAt[f] * 8,
          t.spacing,
          t.knotCount - 2,
          t.rangeEnd,
          coefficientsAt[f] * 8,
          t.field === 'potential' ? multipolesAt[f] * 8 : -1,
        ]),
      ],
      contextAt,
    );
    this.contextAt = contextAt * 8;
    this.tailAt = bytes(tailAt);
    this.coefficientsAt = bytes(coefficientsAt);
    this.multipolesAt = bytes(multipolesAt);
  }

  /**
   * Every atom's images around atom i, whose coefficients start at `at` (expandStructure's pair loop): for every
   * table f, below the table's end coefficients[f][at + lm·species·nMax + a·nMax + n] += F_nl(d)·Y_lm (the centre
   * itself, if included, at l = 0 only); beyond it (the potential's, finite structures) multipoles[f][a·(lMax + 1)² +
   * lm] += d^{−(l+1)}·Y_lm.
   */
  centre(i: number, at: number): void {
    this.kernels.expandCentre(this.contextAt, i, at);
  }

  /**
   * coefficients[f][at + lm·species·nMax + a·nMax + n] += tail_nl · multipoles[f][a·(lMax + 1)² + lm] (the multipole
   * tails of the centre whose coefficients start at `at`), then clears the sums.
   */
  flush(f: number, at: number): void {
    const { nMax, lMax } = this.tables[f];
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
