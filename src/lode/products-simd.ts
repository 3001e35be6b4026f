/**
 * The power spectra of products.ts on the WebAssembly SIMD kernels (kernels.wat: powerSpectrum sums, then
 * packPowerSpectrum puts them in column order with their factors), several times faster than the TypeScript loops and
 * equal to them bit for bit: each sum runs in the same order, with separate multiplies and adds (the 'simd' build,
 * never the fused multiply–adds of 'fma', whose support varies between JavaScript engines, so the f64 reference gives
 * the same bits everywhere). A structure's coefficients are copied into the kernels' memory once and serve all its
 * centre groups and kinds; a block leaves that memory in one copy.
 */
import { switchableKernels, workspaceOf, type KernelExports } from '../learn/wasm/kernels.ts';
import { pairCount, powerSpectrumScales } from './products.ts';
import type { Field } from './radial-integrals.ts';

/** The products' own kernel instance. */
const own = switchableKernels();
/** (lMax, channels) of the column factors held at the start of the instance's workspace. */
let factorsHeld = '';

/** Whether the engine uses the kernels: this JavaScript engine runs them (WebAssembly with SIMD), and they are on. */
export const simdProductsEnabled = own.enabled;

/** Turns the kernels on or off for the engine (benchmarks compare them with the TypeScript loops of products.ts). */
export const setSimdProducts = own.switchTo;

/**
 * One structure's power spectra. The kernels' memory is shared by all instances: an instance serves until the next
 * one is made.
 */
export class SimdPowerSpectra {
  private readonly kernels: KernelExports;
  /** Doubles per centre in the kernel's layout: (l, m) rows of `stride` channels, padded to a multiple of 4. */
  private readonly perCentre: number;
  private readonly stride: number;
  /** Element offsets in the kernels' memory: each field's coefficients, the column factors (full, symmetric). */
  private readonly fieldAt = new Map<Field, number>();
  private readonly factorsAt: { readonly full: number; readonly symmetric: number };
  private readonly basesAt: number;
  private readonly sumsAt: number;
  private readonly packedAt: number;

  /** `fields`: the coefficients of each field, centre after centre, (l, m) rows of `channels` values. */
  constructor(
    fields: ReadonlyMap<Field, Float64Array>,
    private readonly centres: number,
    private readonly lMax: number,
    private readonly channels: number,
  ) {
    const kernels = own.instance();
    if (!kernels) throw new Error('WebAssembly SIMD is not supported by this engine');
    this.kernels = kernels;
    const harmonics = (lMax + 1) ** 2;
    this.stride = Math.ceil(channels / 4) * 4;
    this.perCentre = harmonics * this.stride;
    const widths = [false, true].map((symmetric) => (lMax + 1) * pairCount(channels, symmetric));
    // The factors come first, so that they stay in place from one structure to the next.
    const space = workspaceOf(kernels, [
      ...widths,
      ...[...fields].map(() => centres * this.perCentre),
      Math.ceil(centres / 2),
      (lMax + 1) * this.stride * this.stride,
      widths[0],
    ]);
    this.factorsAt = { full: space.at[0], symmetric: space.at[1] };
    const key = `${lMax}/${channels}`;
    if (factorsHeld !== key) {
      space.heap.set(powerSpectrumScales(lMax, channels, false), this.factorsAt.full);
      space.heap.set(powerSpectrumScales(lMax, channels, true), this.factorsAt.symmetric);
      factorsHeld = key;
    }
    [this.basesAt, this.sumsAt, this.packedAt] = space.at.slice(2 + fields.size);
    [...fields].forEach(([field, values], f) => {
      const at = space.at[2 + f];
      this.fieldAt.set(field, at);
      if (this.stride === channels) {
        space.heap.set(values.subarray(0, centres * this.perCentre), at);
        return;
      }
      space.heap.fill(0, at, at + centres * this.perCentre);
      for (let row = 0; row < centres * harmonics; row++) {
        space.heap.set(values.subarray(row * channels, (row + 1) * channels), at + row * this.stride);
      }
    });
  }

  private at(field: Field): number {
    const at = this.fieldAt.get(field);
    if (at === undefined) throw new RangeError(`no coefficients of the ${field} field`);
    return at;
  }

  /**
   * Writes the power spectrum of fields f1 and f2 summed over `centres` (indices) into out[offset + l·pairs + pair],
   * each column times its factor from powerSpectrumScales, as writePowerSpectrum does.
   */
  write(
    f1: Field,
    f2: Field,
    centres: ArrayLike<number>,
    symmetric: boolean,
    out: Float64Array,
    offset: number,
  ): void {
    const { stride, channels, lMax } = this;
    const { memory, powerSpectrum, packPowerSpectrum } = this.kernels;
    const width = (lMax + 1) * pairCount(channels, symmetric);
    if (centres.length === 0) {
      out.fill(0, offset, offset + width);
      return;
    }
    const bases = new Int32Array(memory.buffer, this.basesAt * 8, centres.length);
    for (let b = 0; b < centres.length; b++) {
      if (centres[b] >= this.centres) throw new RangeError(`centre ${centres[b]} of ${this.centres}`);
      bases[b] = centres[b] * this.perCentre * 8;
    }
    const upper = symmetric ? 1 : 0;
    powerSpectrum(
      this.at(f1) * 8,
      this.at(f2) * 8,
      this.basesAt * 8,
      centres.length,
      lMax,
      stride,
      this.sumsAt * 8,
      upper,
    );
    const factors = symmetric ? this.factorsAt.symmetric : this.factorsAt.full;
    packPowerSpectrum(this.sumsAt * 8, factors * 8, this.packedAt * 8, lMax, channels, stride, upper);
    out.set(new Float64Array(memory.buffer, this.packedAt * 8, width), offset);
  }
}
