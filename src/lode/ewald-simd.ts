/**
 * The real-space image sums of the Ewald far field (addRealSpace in ewald.ts) on the WebAssembly SIMD kernels
 * (kernels.wat): a displacement's images (the far pairs' spline, the harmonics, the row of sums) and a pair's update
 * of the multipoles. They equal the TypeScript loops bit for bit (every sum in the same order, separate multiplies
 * and adds: the 'simd' build). The near images' −φ_LR needs erfc and exp: the kernel lists their distances, and
 * nearImageFactors (the TypeScript's own function) gives their factors.
 *
 * A far-field sum is a generator that may be suspended while another starts: each SimdEwald holds a kernel instance
 * (a memory) of its own while it lives, taken from a pool of free ones.
 */
import { createKernels, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import { nearImageFactors, type RealSpaceSpline } from './ewald-radials.ts';
import { harmonicCount, recursionFor } from './spherical-harmonics.ts';

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
  try {
    const created = createKernels(VARIANT);
    supported = true;
    return created;
  } catch {
    supported = false;
    return null;
  }
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

/**
 * realSphericalHarmonicsUpTo4's constants (spherical-harmonics.ts), the same expressions: the kernel's closed form
 * multiplies by them in the same order (the byte-for-byte tests of the far field compare the two).
 */
const CLOSED_FORM_CONSTANTS = [
  0.5 * Math.sqrt(1 / Math.PI),
  Math.sqrt(3 / (4 * Math.PI)),
  0.5 * Math.sqrt(15 / Math.PI),
  0.25 * Math.sqrt(5 / Math.PI),
  0.25 * Math.sqrt(15 / Math.PI),
  0.25 * Math.sqrt(35 / (2 * Math.PI)),
  0.5 * Math.sqrt(105 / Math.PI),
  0.25 * Math.sqrt(21 / (2 * Math.PI)),
  0.25 * Math.sqrt(7 / Math.PI),
  0.25 * Math.sqrt(105 / Math.PI),
  0.75 * Math.sqrt(35 / Math.PI),
  0.75 * Math.sqrt(35 / (2 * Math.PI)),
  0.75 * Math.sqrt(5 / Math.PI),
  0.75 * Math.sqrt(5 / (2 * Math.PI)),
  (3 / 16) * Math.sqrt(1 / Math.PI),
  (3 / 8) * Math.sqrt(5 / Math.PI),
  (3 / 16) * Math.sqrt(35 / Math.PI),
];

/** f64 slots of the kernels' context (kernels.wat, $images). */
const CONTEXT_SLOTS = 25;

/** What the real-space sums of one far field need (see addRealSpace). */
export interface RealSpaceSetup {
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
  /** The rows kept (the displacement table's maxRows). */
  readonly rows: number;
}

/**
 * One far field's real-space sums in a kernel instance: rows of displacements' image sums, and the multipoles they
 * are added to, copied in at the start and out by finish().
 */
export class SimdEwald {
  private readonly kernels: KernelExports;
  private readonly heap: Float64Array;
  private readonly lMax: number;
  private readonly alpha: number;
  private readonly inverseDf: Float64Array;
  /** Byte addresses of the context, the first row, the spare row (rows not kept); element offsets of the rest. */
  private readonly contextAt: number;
  private readonly rowsAt: number;
  private readonly rowBytes: number;
  private readonly spareAt: number;
  private readonly nearSAt: number;
  private readonly nearFactorsAt: number;
  private readonly outAt: number;
  private readonly outLength: number;
  private readonly factors: Float64Array;

  constructor(setup: RealSpaceSetup, out: Float64Array) {
    const kernels = takeKernels();
    if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
    this.kernels = kernels;
    const { lMax, translations, spline } = setup;
    const nHarm = harmonicCount(lMax);
    const width = nHarm + 2;
    const images = translations.length / 4;
    const recursion = recursionFor(lMax);
    const knots = spline?.knots ?? new Float64Array(0);
    const { heap, at } = workspaceOf(kernels, [
      translations.length,
      knots.length,
      // The closed form writes all 25 harmonics of l ≤ 4.
      Math.max(nHarm, harmonicCount(4)),
      nHarm,
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
      width,
      setup.rows * width,
      CONTEXT_SLOTS,
    ]);
    const [translationsAt, knotsAt, ylmAt, perHarmonicAt, factorsAt, nearSAt, nearFactorsAt, constantsAt] =
      at;
    const [aAt, bAt, diagAt, qAt, outAt, signsAt, onesAt, spareAt, rowsAt, contextAt] = at.slice(8);
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
        ...bytes([knotsAt, ylmAt, perHarmonicAt, factorsAt, nearSAt, nearFactorsAt, constantsAt]),
        ...bytes([aAt, bAt, diagAt, qAt, outAt, signsAt, onesAt]),
        setup.selfTerm,
      ],
      contextAt,
    );
    this.heap = heap;
    this.lMax = lMax;
    this.alpha = setup.alpha;
    this.inverseDf = setup.inverseDf;
    this.contextAt = contextAt * 8;
    this.rowsAt = rowsAt * 8;
    this.rowBytes = width * 8;
    this.spareAt = spareAt * 8;
    this.nearSAt = nearSAt;
    this.nearFactorsAt = nearFactorsAt;
    this.outAt = outAt;
    this.outLength = out.length;
    this.factors = new Float64Array(lMax + 1);
  }

  /** Byte address of a row (−1: the spare row, for displacements that are not kept). */
  private rowAt(row: number): number {
    return row < 0 ? this.spareAt : this.rowsAt + row * this.rowBytes;
  }

  /** Sums the images of displacement (x, y, z) into the row. */
  sumImages(row: number, x: number, y: number, z: number): void {
    const { kernels, heap, contextAt, factors, lMax } = this;
    const near = kernels.ewaldNearImages(contextAt, x, y, z);
    for (let i = 0; i < near; i++) {
      nearImageFactors(this.alpha, heap[this.nearSAt + i], lMax, this.inverseDf, factors);
      heap.set(factors, this.nearFactorsAt + i * (lMax + 1));
    }
    kernels.ewaldImages(contextAt, this.rowAt(row), x, y, z);
  }

  /** Adds the row to the multipoles at element `base`, and with (−1)^l at `mirror` unless it is −1. */
  addPair(row: number, base: number, mirror: number): void {
    this.kernels.ewaldPair(this.contextAt, this.rowAt(row), base, mirror);
  }

  /** Copies the multipoles out, and frees the kernels for the next far field. */
  finish(out: Float64Array): void {
    out.set(this.heap.subarray(this.outAt, this.outAt + this.outLength));
    free.push(this.kernels);
  }
}
