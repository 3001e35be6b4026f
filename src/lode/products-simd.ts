/**
 * The power spectra of products.ts on the WebAssembly SIMD kernel (kernels.wat, powerSpectrum), several times faster
 * than the TypeScript loops and equal to them bit for bit: each sum runs in the same order, with separate multiplies
 * and adds (the 'simd' build, never the fused multiply–adds of 'fma', whose support varies between JavaScript
 * engines, so the f64 reference gives the same bits everywhere). A structure's coefficients are copied into the
 * kernels' memory once and serve all its centre groups and kinds.
 */
import { kernels, workspaceOf } from '../learn/wasm/kernels.ts';
import { pairCount } from './products.ts';
import type { Field } from './radial-integrals.ts';

const VARIANT = 'simd';
let enabled = true;

/** Whether the engine uses the kernels: this JavaScript engine runs them (WebAssembly with SIMD), and they are on. */
export function simdProductsEnabled(): boolean {
  if (!enabled) return false;
  try {
    kernels(VARIANT);
    return true;
  } catch {
    return false;
  }
}

/** Turns the kernels on or off for the engine (benchmarks compare them with the TypeScript loops of products.ts). */
export function setSimdProducts(on: boolean): void {
  enabled = on;
}

export class SimdPowerSpectra {
  /** Doubles per centre in the kernel's layout: (l, m) rows of `stride` channels, padded to a multiple of 4. */
  private readonly perCentre: number;
  private readonly stride: number;
  /** Element offset of each field's coefficients in the kernels' memory. */
  private readonly fieldAt = new Map<Field, number>();
  private readonly basesAt: number;
  private readonly outAt: number;

  /** `fields`: the coefficients of each field, centre after centre, (l, m) rows of `channels` values. */
  constructor(
    fields: ReadonlyMap<Field, Float64Array>,
    private readonly centres: number,
    private readonly lMax: number,
    private readonly channels: number,
  ) {
    const harmonics = (lMax + 1) ** 2;
    this.stride = Math.ceil(channels / 4) * 4;
    this.perCentre = harmonics * this.stride;
    const space = workspaceOf(kernels(VARIANT), [
      ...[...fields].map(() => centres * this.perCentre),
      Math.ceil(centres / 2),
      (lMax + 1) * this.stride * this.stride,
    ]);
    this.basesAt = space.at[fields.size];
    this.outAt = space.at[fields.size + 1];
    [...fields].forEach(([field, values], f) => {
      const at = space.at[f];
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
   * Adds the power spectrum of fields f1 and f2 summed over `centres` (indices) into out[offset + l·pairs + pair] and
   * applies the column factors `scale`, as accumulatePowerSpectrum does.
   */
  accumulate(
    f1: Field,
    f2: Field,
    centres: ArrayLike<number>,
    symmetric: boolean,
    out: Float64Array,
    offset: number,
    scale: Float64Array,
  ): void {
    const { stride, channels, lMax } = this;
    if (centres.length === 0) return;
    const { memory, powerSpectrum } = kernels(VARIANT);
    const bases = new Int32Array(memory.buffer, this.basesAt * 8, centres.length);
    for (let b = 0; b < centres.length; b++) {
      if (centres[b] >= this.centres) throw new RangeError(`centre ${centres[b]} of ${this.centres}`);
      bases[b] = centres[b] * this.perCentre * 8;
    }
    powerSpectrum(
      this.at(f1) * 8,
      this.at(f2) * 8,
      this.basesAt * 8,
      centres.length,
      lMax,
      stride,
      this.outAt * 8,
      symmetric ? 1 : 0,
    );
    const sums = new Float64Array(memory.buffer, this.outAt * 8, (lMax + 1) * stride * stride);
    const nPairs = pairCount(channels, symmetric);
    for (let l = 0; l <= lMax; l++) {
      let j = l * nPairs;
      for (let q1 = 0; q1 < channels; q1++) {
        const row = (l * stride + q1) * stride;
        for (let q2 = symmetric ? q1 : 0; q2 < channels; q2++, j++)
          out[offset + j] = (out[offset + j] + sums[row + q2]) * scale[j];
      }
    }
  }
}
