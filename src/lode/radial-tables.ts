/**
 * Spline tables of the radial integrals F^f_nl(d): cubic Hermite on d ∈ [0, r_c + 6σ] (values and slopes from the
 * exact quadrature), and beyond that the exact far field — zero for the density, the multipole tail
 * F^V_nl(d) = 4π/(2l+1) d^{−(l+1)} ∫ R_n r^{l+2} dr for the potential.
 *
 * Tables depend only on the hyper-parameters; they are built once, cached, and exported as flat arrays so that the
 * GPU engine interpolates exactly the same knots.
 */
import type { LodeHypers } from './hypers.ts';
import { createRadialBasis } from './radial-basis.ts';
import { createRadialIntegrator, quadratureSize, type Field } from './radial-integrals.ts';

/** Knots per σ: the cubic Hermite error falls as h⁴; at σ/40 it is ≤ 1e−8 of max|F| (tested). */
const KNOTS_PER_SIGMA = 40;
/** The table ends where the density is gone (exp(−18) ≈ 1.5e−8) and the potential is pure multipole. */
export const TABLE_RANGE_SIGMAS = 6;

export interface RadialTable {
  readonly field: Field;
  readonly nMax: number;
  readonly lMax: number;
  /** Knot spacing h (Å); knot k sits at d = k·h. */
  readonly spacing: number;
  readonly knotCount: number;
  /** Last tabulated distance r_c + 6σ (Å). */
  readonly rangeEnd: number;
  /**
   * Knot data, flat: [((k·(lMax+1) + l)·nMax + n)·2 + 0] = F_nl(d_k), [... + 1] = h·dF_nl/dd(d_k). Slopes are
   * pre-multiplied by h so the Hermite interpolant is a fixed polynomial in t = d/h − k.
   */
  readonly knots: Float64Array;
  /** Far-field coefficients 4π/(2l+1)·∫R_n r^{l+2}dr at [l·nMax + n] (potential), or zeros (density). */
  readonly tail: Float64Array;
  /** ∫R_n r⁴ dr at [n]: |x|² projects on R_n Y_00 as √(4π) times this (a periodic background's potential). */
  readonly squareMoments: Float64Array;
}

export type RadialTables = Readonly<Record<Field, RadialTable>>;

/**
 * Reports table building as (done, total) in units of one k-node pass (about one Bessel evaluation each): first
 * the integrator's setup, then the knots; about every 1% of each, ending with done = total.
 */
export type TableProgress = (done: number, total: number) => void;

/** The knot grid of the tables for `hypers`, and the quadrature that fills it. */
function tableGrid(hypers: LodeHypers) {
  const { nMax, lMax, cutoff, sigma } = hypers;
  const rangeEnd = cutoff + TABLE_RANGE_SIGMAS * sigma;
  const knotCount = Math.ceil((rangeEnd / sigma) * KNOTS_PER_SIGMA) + 1;
  return {
    rangeEnd,
    knotCount,
    spacing: rangeEnd / (knotCount - 1),
    width: nMax * (lMax + 1),
    ...quadratureSize(cutoff, sigma, rangeEnd),
  };
}

/** Knots of the tables for `hypers`: slices of the tables are ranges of them. */
export const radialTableKnotCount = (hypers: LodeHypers): number => tableGrid(hypers).knotCount;

/**
 * Knots [from, to) of both tables, built apart from the rest (in another thread) and joined by joinRadialTables:
 * each knot is computed alone, so joined slices have the bits of tables built whole.
 */
export interface RadialTableSlice {
  readonly from: number;
  readonly to: number;
  /** Knot data of the density and of the potential, laid out as RadialTable.knots from knot `from`. */
  readonly knots: readonly [Float64Array, Float64Array];
  /** The basis' multipole moments (RadialIntegrator.moments up to l = max(l_max, 2)), alike in every slice. */
  readonly moments: Float64Array;
}

/**
 * Builds knots [from, to) of the density and potential tables together (they share all Bessel evaluations). Progress
 * counts the integrator's setup, then this slice's knots.
 */
export function buildRadialTableSlice(
  hypers: LodeHypers,
  from: number,
  to: number,
  onProgress?: TableProgress,
): RadialTableSlice {
  const { rangeEnd, knotCount, spacing, width, rNodes, kNodes } = tableGrid(hypers);
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= knotCount))
    throw new RangeError(`table slice: knots [${from}, ${to}) are not within [0, ${knotCount})`);
  const basis = createRadialBasis(hypers.radialBasis ?? 'gto', hypers.nMax, hypers.cutoff);
  const setupWork = rNodes * kNodes;
  const totalWork = setupWork + (to - from) * kNodes;
  const integrator = createRadialIntegrator(
    basis,
    hypers.sigma,
    hypers.lMax,
    rangeEnd,
    onProgress && ((done) => onProgress(done * rNodes, totalWork)),
  );
  const reportEvery = Math.max(1, Math.ceil((to - from) / 100));
  const knots: [Float64Array, Float64Array] = [
    new Float64Array((to - from) * width * 2),
    new Float64Array((to - from) * width * 2),
  ];
  const value = new Float64Array(2 * width);
  const deriv = new Float64Array(2 * width);
  for (let k = from; k < to; k++) {
    integrator.integrals(k * spacing, value, deriv);
    knots.forEach((table, f) => {
      for (let i = 0; i < width; i++) {
        table[((k - from) * width + i) * 2] = value[f * width + i];
        table[((k - from) * width + i) * 2 + 1] = spacing * deriv[f * width + i];
      }
    });
    if (onProgress && ((k + 1 - from) % reportEvery === 0 || k + 1 === to))
      onProgress(setupWork + (k + 1 - from) * kNodes, totalWork);
  }
  return { from, to, knots, moments: integrator.moments(Math.max(hypers.lMax, 2)) };
}

/** The tables for `hypers` from slices that cover their knots in order. */
export function joinRadialTables(hypers: LodeHypers, slices: readonly RadialTableSlice[]): RadialTables {
  const { nMax, lMax } = hypers;
  const { rangeEnd, knotCount, spacing, width } = tableGrid(hypers);
  const knots = [new Float64Array(knotCount * width * 2), new Float64Array(knotCount * width * 2)];
  let next = 0;
  for (const slice of slices) {
    if (slice.from !== next || slice.knots.some((k) => k.length !== (slice.to - slice.from) * width * 2))
      throw new RangeError(`table slices: expected knots from ${next}, got [${slice.from}, ${slice.to})`);
    slice.knots.forEach((k, f) => knots[f].set(k, slice.from * width * 2));
    next = slice.to;
  }
  if (next !== knotCount) throw new RangeError(`table slices end at knot ${next} of ${knotCount}`);
  const { moments } = slices[0];
  const squareMoments = moments.slice(2 * nMax, 3 * nMax);
  const tail = new Float64Array(width);
  for (let l = 0; l <= lMax; l++) {
    for (let n = 0; n < nMax; n++) tail[l * nMax + n] = ((4 * Math.PI) / (2 * l + 1)) * moments[l * nMax + n];
  }
  const table = (field: Field, f: number, tailCoefficients: Float64Array): RadialTable => ({
    field,
    nMax,
    lMax,
    spacing,
    knotCount,
    rangeEnd,
    knots: knots[f],
    tail: tailCoefficients,
    squareMoments,
  });
  return { density: table('density', 0, new Float64Array(width)), potential: table('potential', 1, tail) };
}

/** Builds the density and potential tables together, in this thread. */
export function buildRadialTables(hypers: LodeHypers, onProgress?: TableProgress): RadialTables {
  return joinRadialTables(hypers, [
    buildRadialTableSlice(hypers, 0, radialTableKnotCount(hypers), onProgress),
  ]);
}

const tableCache = new Map<string, RadialTables>();

/** What the tables depend on: tables of hyper-parameters with the same key are the same. */
export function radialTableKey(h: LodeHypers): string {
  return JSON.stringify([h.cutoff, h.sigma, h.nMax, h.lMax, h.radialBasis ?? 'gto']);
}

/**
 * Cached by (r_c, σ, n_max, l_max, basis): the species list and centres do not change the tables. `onProgress` is
 * called only when the tables are built (not when they come from the cache).
 */
export function radialTables(hypers: LodeHypers, onProgress?: TableProgress): RadialTables {
  const key = radialTableKey(hypers);
  let tables = tableCache.get(key);
  if (!tables) {
    tables = buildRadialTables(hypers, onProgress);
    tableCache.set(key, tables);
  }
  return tables;
}

/** Caches tables built elsewhere (by joinRadialTables, in another thread) for `hypers`. */
export function installRadialTables(hypers: LodeHypers, tables: RadialTables): void {
  tableCache.set(radialTableKey(hypers), tables);
}

export function clearRadialTableCache(): void {
  tableCache.clear();
}

/** F_nl(d) for all (n, l) into out[l·nMax + n]. */
export function evaluateRadialTable(table: RadialTable, d: number, out: Float64Array): void {
  const width = table.nMax * (table.lMax + 1);
  if (d >= table.rangeEnd) {
    const inv = 1 / d;
    let pow = inv;
    for (let l = 0; l <= table.lMax; l++) {
      for (let n = 0; n < table.nMax; n++) out[l * table.nMax + n] = table.tail[l * table.nMax + n] * pow;
      pow *= inv;
    }
    return;
  }
  const x = d / table.spacing;
  const k = Math.min(Math.floor(x), table.knotCount - 2);
  const t = x - k;
  const t2 = t * t;
  const t3 = t2 * t;
  const h00 = 2 * t3 - 3 * t2 + 1;
  const h10 = t3 - 2 * t2 + t;
  const h01 = -2 * t3 + 3 * t2;
  const h11 = t3 - t2;
  const knots = table.knots;
  const base0 = k * width * 2;
  const base1 = base0 + width * 2;
  for (let i = 0; i < width; i++) {
    out[i] =
      h00 * knots[base0 + 2 * i] +
      h10 * knots[base0 + 2 * i + 1] +
      h01 * knots[base1 + 2 * i] +
      h11 * knots[base1 + 2 * i + 1];
  }
}

/** A table as the GPU engine uploads it: the same knots and tail in f32, plus the scalars that index them. */
export interface FlatRadialTable {
  readonly nMax: number;
  readonly lMax: number;
  readonly spacing: number;
  readonly knotCount: number;
  readonly rangeEnd: number;
  /** Layout of RadialTable.knots: [((k·(lMax+1) + l)·nMax + n)·2 + {0: value, 1: h·slope}]. */
  readonly knots: Float32Array<ArrayBuffer>;
  readonly tail: Float32Array<ArrayBuffer>;
}

export function flattenForGpu(table: RadialTable): FlatRadialTable {
  const { nMax, lMax, spacing, knotCount, rangeEnd } = table;
  return {
    nMax,
    lMax,
    spacing,
    knotCount,
    rangeEnd,
    knots: Float32Array.from(table.knots),
    tail: Float32Array.from(table.tail),
  };
}
