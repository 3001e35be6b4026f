/**
 * The real-space sums of the Ewald far field (addRealSpace in ewald.ts) on the WebAssembly SIMD kernels
 * (kernels.wat): the whole pair loop (displacements reduced into the cell, the table of their rows, each new one's
 * images by the far pairs' spline and the harmonics, and each pair's update of the multipoles). It equals the
 * TypeScript loops bit for bit (every sum in the same order, separate multiplies and adds: the 'simd' build). The
 * near images' −φ_LR needs erfc and exp: the kernel stops at a new displacement with near images and lists their
 * distances, nearImageFactors (the TypeScript's own function) gives their factors, and the kernel goes on.
 *
 * A far-field sum is a generator that may be suspended while another starts: each SimdEwald holds a kernel instance
 * (a memory) of its own while it lives, taken from a pool of free ones.
 */
import { createKernelsIfSupported, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import { nearImageFactors, type RealSpaceSpline } from './ewald-radials.ts';
import type { Lattice } from './lattice.ts';
import { CLOSED_FORM_CONSTANTS, harmonicCount, recursionFor } from './spherical-harmonics.ts';

const VARIANT = 'simd';
let enabled = true;
/** Whether this JavaScript engine runs the kernels: undefined until first asked. */
let supported: boolean | undefined;
/** Kernel instances not in use. */
const free: KernelExports[] = [];

function takeKernels(): KernelExports | null {
  const kernels = free.pop();
  if (kernels) return kernels;
  if (supported === false) return null;
  const created = createKernelsIfSupported(VARIANT);
  supported = created !== null;
  return created;
}

/** Whether the far field's real-space sums use the kernels: this engine runs them (WebAssembly SIMD), and they are on. */
export function simdEwaldEnabled(): boolean {
  if (!enabled) return false;
  if (supported === undefined) {
    const kernels = takeKernels();
    if (kernels) free.push(kernels);
  }
  return supported === true;
}

/** Turns the kernels on or off for the far field (tests and benchmarks compare them with ewald.ts's loops). */
export function setSimdEwald(on: boolean): void {
  enabled = on;
}

/** f64 slots of the kernels' context (kernels.wat, $images and ewaldPairs). */
const CONTEXT_SLOTS = 52;

/** What the real-space sums of one far field need (see addRealSpace). */
export interface RealSpaceSetup {
  readonly lattice: Lattice;
  readonly positions: Float64Array;
  readonly channels: Int32Array;
  readonly speciesCount: number;
  readonly centres: ArrayLike<number>;
  readonly sources: ArrayLike<number>;
  /** Per atom: 1 for a source, else 0. */
  readonly isSource: Uint8Array;
  /** Per atom: its index among the centres, or −1. */
  readonly centreOf: Int32Array;
  readonly lMax: number;
  readonly alpha: number;
  readonly inverseDf: Float64Array;
  /** latticeTranslations to the reach. */
  readonly translations: Float64Array;
  readonly reach: number;
  readonly nearRange: number;
  /** The far pairs' spline and where it ends (realRadius), or null (near images only). */
  readonly spline: RealSpaceSpline | null;
  readonly splineEnd: number;
  /** The centre's own term at s = 0, subtracted from its l = 0 multipole. */
  readonly selfTerm: number;
  /** The displacements whose rows are kept (the first ones met); the others are summed as they come. */
  readonly keptRows: number;
}

/**
 * One far field's real-space sums in a kernel instance: the multipoles are copied in at the start, summed by
 * sumCentres, and copied out by finish().
 */
export class SimdEwald {
  private readonly kernels: KernelExports;
  private readonly heap: Float64Array;
  private readonly setup: RealSpaceSetup;
  /** Byte address of the context; element offsets of the near images' distances and factors, and of the multipoles. */
  private readonly contextAt: number;
  private readonly nearSAt: number;
  private readonly nearFactorsAt: number;
  private readonly outAt: number;
  private readonly outLength: number;
  private readonly factors: Float64Array;

  constructor(setup: RealSpaceSetup, out: Float64Array) {
    const kernels = takeKernels();
    if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
    this.kernels = kernels;
    this.setup = setup;
    const { lattice, positions, centres, sources, lMax, translations, spline } = setup;
    // No more displacements than pairs.
    const keptRows = Math.min(setup.keptRows, centres.length * sources.length);
    const atoms = setup.channels.length;
    const nHarm = harmonicCount(lMax);
    const width = nHarm + 2;
    const images = translations.length / 4;
    const slots = 2 ** Math.ceil(Math.log2(2 * Math.max(keptRows, 1)));
    const recursion = recursionFor(lMax);
    const knots = spline?.knots ?? new Float64Array(0);
    // i32 arrays take half as many doubles.
    const ints = (count: number) => Math.ceil(count / 2);
    const { heap, at } = workspaceOf(kernels, [
      translations.length,
      knots.length,
      // The closed form writes all 25 harmonics of l ≤ 4.
      Math.max(nHarm, harmonicCount(4)),
      lMax + 1,
      images,
      images * (lMax + 1),
      CLOSED_FORM_CONSTANTS.length,
      nHarm,
      nHarm,
      lMax + 1,
      nHarm,
      out.length,
      nHarm,
      nHarm,
      positions.length,
      ints(centres.length),
      ints(sources.length),
      ints(atoms),
      ints(atoms),
      ints(atoms),
      9,
      9,
      ints(slots),
      3 * keptRows,
      keptRows * width,
      width,
      CONTEXT_SLOTS,
    ]);
    const [translationsAt, knotsAt, ylmAt, factorsAt, nearSAt, nearFactorsAt, constantsAt] = at;
    const [aAt, bAt, diagAt, qAt, outAt, signsAt, onesAt] = at.slice(7, 14);
    const [positionsAt, centresAt, sourcesAt, isSourceAt, centreOfAt, channelsAt, vectorsAt, dualsAt] =
      at.slice(14, 22);
    const [indexAt, keysAt, rowsAt, spareAt, contextAt] = at.slice(22);
    const int32 = new Int32Array(heap.buffer);
    heap.set(translations, translationsAt);
    heap.set(knots, knotsAt);
    heap.set(CLOSED_FORM_CONSTANTS, constantsAt);
    heap.set(recursion.a, aAt);
    heap.set(recursion.b, bAt);
    heap.set(recursion.diag, diagAt);
    heap.set(out, outAt);
    for (let l = 0; l <= lMax; l++) {
      heap.fill((l & 1) === 0 ? 1 : -1, signsAt + l * l, signsAt + (l + 1) * (l + 1));
    }
    heap.fill(1, onesAt, onesAt + nHarm);
    heap.set(positions, positionsAt);
    int32.set(Array.from(centres), 2 * centresAt);
    int32.set(Array.from(sources), 2 * sourcesAt);
    int32.set(setup.isSource, 2 * isSourceAt);
    int32.set(setup.centreOf, 2 * centreOfAt);
    int32.set(setup.channels, 2 * channelsAt);
    heap.set(lattice.vectors.flat(), vectorsAt);
    heap.set(lattice.duals.flat(), dualsAt);
    int32.fill(0, 2 * indexAt, 2 * indexAt + slots);
    const bytes = (elements: number[]) => elements.map((a) => a * 8);
    heap.set(
      [
        lMax,
        nHarm,
        ...bytes([translationsAt, translationsAt + translations.length]),
        setup.reach,
        setup.nearRange,
        spline ? setup.splineEnd : 0,
        spline?.start ?? 0,
        spline?.spacing ?? 1,
        spline ? spline.knotCount - 2 : 0,
        ...bytes([knotsAt, ylmAt, factorsAt, nearSAt, nearFactorsAt, constantsAt]),
        ...bytes([aAt, bAt, diagAt, qAt, outAt, signsAt, onesAt]),
        setup.selfTerm,
        ...bytes([positionsAt, centresAt, sourcesAt]),
        sources.length,
        ...bytes([isSourceAt, centreOfAt, channelsAt]),
        setup.speciesCount,
        lattice.vectors.length,
        ...bytes([vectorsAt, dualsAt, indexAt]),
        slots - 1,
        keysAt * 8,
        keptRows,
        0,
        rowsAt * 8,
        width * 8,
        spareAt * 8,
        // The loop's state: centre, source, no pair pending.
        0,
        0,
        0,
      ],
      contextAt,
    );
    this.heap = heap;
    this.contextAt = contextAt * 8;
    this.nearSAt = nearSAt;
    this.nearFactorsAt = nearFactorsAt;
    this.outAt = outAt;
    this.outLength = out.length;
    this.factors = new Float64Array(lMax + 1);
  }

  /** Sums the pairs of the centres from where the last call stopped (the first) up to `end`. */
  sumCentres(end: number): void {
    const { kernels, heap, contextAt, factors } = this;
    const { alpha, lMax, inverseDf } = this.setup;
    for (let near = kernels.ewaldPairs(contextAt, end); near > 0; near = kernels.ewaldPairs(contextAt, end)) {
      for (let i = 0; i < near; i++) {
        nearImageFactors(alpha, heap[this.nearSAt + i], lMax, inverseDf, factors);
        heap.set(factors, this.nearFactorsAt + i * (lMax + 1));
      }
    }
  }

  /** Copies the multipoles out, and frees the kernels for the next far field. */
  finish(out: Float64Array): void {
    out.set(this.heap.subarray(this.outAt, this.outAt + this.outLength));
    free.push(this.kernels);
  }
}
