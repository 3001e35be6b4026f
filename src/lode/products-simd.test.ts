import { describe, expect, it } from 'vitest';
import { randomCluster } from '../chem/builders.ts';
import { kernelVariant, selectKernelVariant } from '../learn/wasm/kernels.ts';
import { seededRandom } from '../util/random.ts';
import { computeFeatures } from './features.ts';
import { channelPairs, powerSpectrumScales, writePowerSpectrum } from './products.ts';
import { setSimdProducts, SimdPowerSpectra, simdProductsEnabled } from './products-simd.ts';
import type { Field } from './radial-integrals.ts';
import { firstDifference } from './testing/bits.ts';
import { maxRelativeDifference } from './testing/relative-difference.ts';

const random = seededRandom(11);
const randomArray = (length: number) => Float64Array.from({ length }, () => 2 * random() - 1);

/** Σ_{centres} Σ_m c1_{q1 lm} c2_{q2 lm} straight from the definition, column order (l, pair). */
function naiveSpectrum(
  c1: Float64Array,
  c2: Float64Array,
  centres: readonly number[],
  lMax: number,
  channels: number,
  symmetric: boolean,
): number[] {
  const perCentre = (lMax + 1) ** 2 * channels;
  const out: number[] = [];
  for (let l = 0; l <= lMax; l++) {
    for (const [q1, q2] of channelPairs(channels, symmetric)) {
      let sum = 0;
      for (const c of centres) {
        for (let lm = l * l; lm < (l + 1) ** 2; lm++) {
          sum += c1[c * perCentre + lm * channels + q1] * c2[c * perCentre + lm * channels + q2];
        }
      }
      out.push(sum);
    }
  }
  return out;
}

it('runs here (WebAssembly SIMD in Node and Chromium)', () => {
  expect(simdProductsEnabled()).toBe(true);
});

describe('power spectra on the WebAssembly SIMD kernel', () => {
  // Channel counts on and off the kernel's 4-wide blocks; centre lists of one, several and repeated centres.
  it.each([1, 3, 4, 6, 8, 13])(
    '%i channels: the definition to 1e−12, the TypeScript loops bit for bit',
    (channels) => {
      const centres = 5;
      for (const lMax of [0, 1, 4]) {
        const perCentre = (lMax + 1) ** 2 * channels;
        const rho = randomArray(centres * perCentre);
        const potential = randomArray(centres * perCentre);
        const fields = new Map<Field, Float64Array>([
          ['density', rho],
          ['potential', potential],
        ]);
        const spectra = new SimdPowerSpectra(fields, centres, lMax, channels);
        for (const group of [[2], [0, 1, 4], [3, 3]]) {
          for (const [f1, f2, symmetric] of [
            ['density', 'potential', false],
            ['density', 'density', true],
            ['potential', 'potential', true],
          ] as const) {
            const [c1, c2] = [fields.get(f1)!, fields.get(f2)!];
            const width = (lMax + 1) * (symmetric ? (channels * (channels + 1)) / 2 : channels ** 2);
            const [offset, after] = [3, 2];
            // Overwrites the block, and nothing on either side of it.
            const start = randomArray(offset + width + after);
            const simd = Float64Array.from(start);
            spectra.write(f1, f2, group, symmetric, simd, offset);
            const typescript = Float64Array.from(start);
            const bases = group.map((c) => c * perCentre);
            const scale = powerSpectrumScales(lMax, channels, symmetric);
            writePowerSpectrum(c1, c2, bases, lMax, channels, symmetric, typescript, offset, scale);
            const naive = naiveSpectrum(c1, c2, group, lMax, channels, symmetric);
            const expected = naive.map((sum, j) => sum * scale[j]);
            const block = simd.subarray(offset, offset + width);
            expect(maxRelativeDifference(expected, Array.from(block))).toBeLessThan(1e-12);
            expect(Array.from(simd)).toEqual(Array.from(typescript));
            expect(Array.from(simd.subarray(0, offset))).toEqual(Array.from(start.subarray(0, offset)));
            expect(Array.from(simd.subarray(offset + width))).toEqual(
              Array.from(start.subarray(offset + width)),
            );
          }
        }
      }
    },
  );
});

it('leaves the engine’s features as the TypeScript loops make them, vectors included', () => {
  const species = ['C', 'H', 'N', 'O'];
  const structures = [8, 40, 120].map((atoms) =>
    randomCluster({ atoms, density: 0.1, minDistance: 0.8, seed: atoms + 1, species }),
  );
  const request = {
    structures,
    hypers: { nMax: 8, lMax: 4, cutoff: 3, sigma: 0.3, species },
    kinds: ['rho-V', 'rho-rho', 'V-V'],
    vectorKinds: ['rho-V'],
  } as const;
  const simd = computeFeatures(request);
  setSimdProducts(false);
  let typescript;
  try {
    typescript = computeFeatures(request);
  } finally {
    setSimdProducts(true);
  }
  expect(firstDifference(simd.invariants, typescript.invariants)).toBe(-1);
  expect(firstDifference(simd.vectors, typescript.vectors)).toBe(-1);
});

it('gives the same bits whichever kernel build the fits use', () => {
  const previous = kernelVariant();
  const coefficients = randomArray(3 * 9 * 6);
  const sums = (['fma', 'simd'] as const).map((variant) => {
    selectKernelVariant(variant);
    const out = new Float64Array(3 * 36);
    const fields = new Map<Field, Float64Array>([['density', coefficients]]);
    new SimdPowerSpectra(fields, 3, 2, 6).write('density', 'density', [0, 2], false, out, 0);
    return Array.from(out);
  });
  selectKernelVariant(previous);
  expect(sums[0]).toEqual(sums[1]);
});

it('rejects a centre outside the structure and a field it was not given', () => {
  const spectra = new SimdPowerSpectra(new Map([['density', randomArray(2 * 4)]]), 2, 0, 4);
  const out = new Float64Array(10);
  expect(() => spectra.write('density', 'density', [2], true, out, 0)).toThrow(RangeError);
  expect(() => spectra.write('density', 'potential', [0], false, out, 0)).toThrow(/potential/);
});
