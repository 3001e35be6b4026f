/**
 * The structure factors of the Ewald reciprocal sum (structureFactors in ewald.ts) on the WebAssembly SIMD kernels
 * (kernels.wat): the phase tables (phaseTables, in TypeScript: cos and sin are not WebAssembly instructions) are
 * copied in, and the kernel sums e^{−ik·r_j} over the sources for two waves at a time. It equals the TypeScript
 * loops bit for bit (every product and sum in the same order, separate multiplies and adds: the 'simd' build).
 */
import { switchableKernels, workspaceOf } from '../learn/wasm/kernels.ts';
import type { ReciprocalWaves } from './ewald.ts';

const own = switchableKernels();

/** Whether the structure factors use the kernels: this engine runs them (WebAssembly SIMD), and they are on. */
export const simdStructureFactorsEnabled = own.enabled;

/** Turns the kernels on or off for the structure factors (tests and benchmarks compare them with ewald.ts's loops). */
export const setSimdStructureFactors = own.switchTo;

/**
 * The kernel's view of the waves: per plane the byte offsets 16·n0 and 16·n1 into the first two tables' rows and
 * its slots [first, end) (each plane padded to an even count by repeating its last wave), and per slot 16·n2.
 */
interface WaveLayout {
  readonly planes: Int32Array;
  readonly offsets: Int32Array;
  /** The slots of all planes. */
  readonly slots: number;
}

/** The layouts of the waves met (the structures of a bulk request share theirs). */
const layouts = new WeakMap<ReciprocalWaves, WaveLayout>();

function layoutOf(waves: ReciprocalWaves): WaveLayout {
  let layout = layouts.get(waves);
  if (layout) return layout;
  const { indices, planes } = waves;
  const planeCount = planes.length - 1;
  const planeRows = new Int32Array(4 * planeCount);
  const offsets: number[] = [];
  for (let p = 0; p < planeCount; p++) {
    const first = planes[p];
    planeRows.set([16 * indices[3 * first], 16 * indices[3 * first + 1], offsets.length], 4 * p);
    for (let k = first; k < planes[p + 1]; k++) offsets.push(16 * indices[3 * k + 2]);
    if ((planes[p + 1] - first) % 2 === 1) offsets.push(offsets[offsets.length - 1]);
    planeRows[4 * p + 3] = offsets.length;
  }
  layout = { planes: planeRows, offsets: Int32Array.from(offsets), slots: offsets.length };
  layouts.set(waves, layout);
  return layout;
}

/** conj(S_a(k)) = Σ_{j∈a} e^{−ik·r_j} over the sources, per species a: [a·K + k] (K waves); see structureFactors. */
export function simdStructureFactors(
  waves: ReciprocalWaves,
  tables: readonly Float64Array[],
  sources: ArrayLike<number>,
  channels: Int32Array,
  speciesCount: number,
): { re: Float64Array; im: Float64Array } {
  const kernels = own.instance();
  if (!kernels) throw new Error('the WebAssembly SIMD kernels are not supported by this engine');
  const waveCount = waves.indices.length / 3;
  const re = new Float64Array(speciesCount * waveCount);
  const im = new Float64Array(speciesCount * waveCount);
  // An empty set of waves still has one (empty) plane, which the kernel does not expect.
  if (waveCount === 0) return { re, im };
  const { planes, offsets, slots } = layoutOf(waves);
  const { bounds } = waves;
  const planeCount = planes.length / 4;
  const { heap, at } = workspaceOf(kernels, [
    ...tables.map((table) => table.length),
    // i32 arrays take half as many doubles.
    2 * sources.length,
    2 * planeCount,
    // Every plane has an even number of slots.
    slots / 2,
    2 * speciesCount * slots,
  ]);
  const [tablesAt, sourcesAt, planesAt, offsetsAt, sumsAt] = [at.slice(0, 3), ...at.slice(3)];
  tables.forEach((table, d) => heap.set(table, tablesAt[d]));
  const int32 = new Int32Array(heap.buffer);
  int32.set(planes, 2 * planesAt);
  int32.set(offsets, 2 * offsetsAt);
  heap.fill(0, sumsAt, sumsAt + 2 * speciesCount * slots);
  // Byte address of atom j's entry n = 0 in table d.
  const rowOf = (d: number, j: number) => 8 * (tablesAt[d] + (j * (2 * bounds[d] + 1) + bounds[d]) * 2);
  for (let q = 0; q < sources.length; q++) {
    const j = sources[q];
    const row = 2 * sourcesAt + 4 * q;
    for (let d = 0; d < 3; d++) int32[row + d] = rowOf(d, j);
    int32[row + 3] = 8 * (sumsAt + 2 * channels[j] * slots);
  }
  kernels.structureFactors(8 * sourcesAt, sources.length, 8 * planesAt, planeCount, 8 * offsetsAt, 8 * slots);
  for (let a = 0; a < speciesCount; a++) {
    for (let p = 0; p < planeCount; p++) {
      const first = waves.planes[p];
      const from = sumsAt + 2 * a * slots + planes[4 * p + 2];
      const count = waves.planes[p + 1] - first;
      re.set(heap.subarray(from, from + count), a * waveCount + first);
      im.set(heap.subarray(from + slots, from + slots + count), a * waveCount + first);
    }
  }
  return { re, im };
}
