/**
 * The far part of the exact potential's real-space sum (addRealSpace in periodic-field-values.ts) on the WebAssembly
 * SIMD kernels (kernels.wat, fieldFarSums): per point, the spline of erfc(αs)/s over the images with
 * near ≤ s < radius, two points at a time. It equals the TypeScript loop bit for bit (each point's images in order,
 * the same expressions, separate multiplies and adds). The images inside `near` need erf: they stay in TypeScript.
 */
import { switchableKernels, workspaceOf } from '../learn/wasm/kernels.ts';

const own = switchableKernels();

/** Whether the exact potential's far sums use the kernels: this engine runs them (WebAssembly SIMD), and they are on. */
export const simdFieldFarSumsEnabled = own.enabled;

/** Turns the kernels on or off for the far sums (tests and benchmarks compare them with the TypeScript loop). */
export const setSimdFieldFarSums = own.switchTo;

/** The far terms of φ_SR: where they apply and their spline (realSpaceSpline at l = 0). */
export interface FarTerms {
  readonly near2: number;
  readonly radius2: number;
  readonly start: number;
  readonly perSpacing: number;
  /** The last knot an interval may start at. */
  readonly lastKnot: number;
  /** Per knot its value and spacing × slope. */
  readonly knots: Float64Array;
}

/** One call's far sums in the kernels' memory: forEachGroup gathers each group's images into `nearby`. */
export interface SimdFarSums {
  readonly nearby: Float64Array;
  /** Per point, its far sum once its group is summed. */
  readonly far: Float64Array;
  /** The far sums of the points first..end over the first `count` images of `nearby`. */
  sumGroup(first: number, end: number, count: number): void;
}

/** The kernels' workspace for the points (flat x, y, z) and up to `imageCapacity` images. */
export function simdFarSums(points: Float64Array, imageCapacity: number, terms: FarTerms): SimdFarSums {
  const kernels = own.instance();
  if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
  const count = points.length / 3;
  // A group of odd size reads one point past its last: the last group's lands on a padding point.
  const { heap, at } = workspaceOf(kernels, [
    points.length + 3,
    3 * imageCapacity,
    terms.knots.length,
    count + 1,
  ]);
  const [pointsAt, nearbyAt, knotsAt, farAt] = at;
  heap.set(points, pointsAt);
  heap.fill(0, pointsAt + points.length, pointsAt + points.length + 3);
  heap.set(terms.knots, knotsAt);
  const { start, perSpacing, lastKnot, near2, radius2 } = terms;
  return {
    nearby: heap.subarray(nearbyAt, nearbyAt + 3 * imageCapacity),
    far: heap.subarray(farAt, farAt + count),
    sumGroup(first, end, imageCount) {
      kernels.fieldFarSums(
        8 * (pointsAt + 3 * first),
        end - first,
        8 * nearbyAt,
        imageCount,
        8 * knotsAt,
        start,
        perSpacing,
        lastKnot,
        near2,
        radius2,
        8 * (farAt + first),
      );
    },
  };
}
