/**
 * Expansion coefficients c^f_{a n l m}(i) = Σ_{j∈a} F^f_nl(|r_ji|) Y_lm(r̂_ji) of the density and potential fields
 * around chosen centres of one finite structure. Layout per centre: [lm·Q + q], q = a·nMax + n, Q = species·nMax
 * (channels contiguous, so the products in products.ts run over long unit-stride rows).
 * The potential sums over every atom of the structure; the density only over atoms within r_c + 6σ. For periodic
 * structures both run over periodic images, the potential's distant ones through the Ewald far field (ewald.ts).
 */
import type { Structure } from '../chem/structure.ts';
import { StructureInputError } from './errors.ts';
import type { FarField } from './ewald.ts';
import {
  latticeTranslations,
  NO_TRANSLATION,
  reduceDisplacement,
  type Lattice,
  type Vec3,
} from './lattice.ts';
import type { LodeHypers } from './hypers.ts';
import { SimdExpansion, simdExpansionEnabled } from './expansion-simd.ts';
import type { Field } from './radial-integrals.ts';
import { evaluateRadialTable, type RadialTable } from './radial-tables.ts';
import { harmonicCount, realSphericalHarmonics } from './spherical-harmonics.ts';

/** Two distinct atoms closer than this (Å) are the same point: an input error, not a feature. */
const OVERLAP_DISTANCE = 1e-8;

export function coefficientCount(hypers: LodeHypers): number {
  return hypers.species.length * hypers.nMax * harmonicCount(hypers.lMax);
}

/** Species channel of every atom; throws on atoms of species outside `channels` (structure `index`). */
export function channelsOf(species: readonly string[], channels: readonly string[], index = 0): Int32Array {
  const out = new Int32Array(species.length);
  species.forEach((s, i) => {
    const a = channels.indexOf(s);
    if (a < 0) {
      throw new StructureInputError(
        index,
        `atom ${i} is ${s}, which is not in the species list [${channels.join(', ')}]`,
      );
    }
    out[i] = a;
  });
  return out;
}

/** Species channel of every atom; throws on atoms of species outside hypers.species or non-finite positions. */
export function speciesChannels(structure: Structure, hypers: LodeHypers, index = 0): Int32Array {
  const channels = channelsOf(structure.species, hypers.species, index);
  for (const x of structure.positions) {
    if (!Number.isFinite(x)) throw new StructureInputError(index, 'positions contain NaN or infinite values');
  }
  return channels;
}

/**
 * Throws when two distinct atoms (or, with a lattice, an atom and a periodic image of another) sit on the same point:
 * their direction, and so the features, are undefined.
 */
export function assertNoOverlaps(structure: Structure, index = 0, lattice: Lattice | null = null): void {
  const p = structure.positions;
  const n = structure.species.length;
  const min2 = OVERLAP_DISTANCE * OVERLAP_DISTANCE;
  const translations = lattice ? latticeTranslations(lattice, OVERLAP_DISTANCE) : NO_TRANSLATION;
  const d = new Float64Array(3);
  const check = (i: number, j: number) => {
    for (let x = 0; x < 3; x++) d[x] = p[3 * j + x] - p[3 * i + x];
    if (lattice) reduceDisplacement(lattice, d);
    for (let t = 0; t < translations.length; t += 4) {
      const dx = d[0] + translations[t];
      const dy = d[1] + translations[t + 1];
      const dz = d[2] + translations[t + 2];
      if (dx * dx + dy * dy + dz * dz < min2) {
        throw new StructureInputError(
          index,
          `atoms ${Math.min(i, j)} and ${Math.max(i, j)} sit on the same point`,
        );
      }
    }
  };
  if (n <= ALL_PAIRS_MAX) {
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        if (!lattice) {
          // The general check copies and reduces the displacement: a cluster's pairs are tested in place first.
          const dx = p[3 * i] - p[3 * j];
          const dy = p[3 * i + 1] - p[3 * j + 1];
          const dz = p[3 * i + 2] - p[3 * j + 2];
          if (dx * dx + dy * dy + dz * dz >= min2) continue;
        }
        check(j, i);
      }
    }
    return;
  }
  // Candidates from a fine grid instead of all pairs (a slab of 328 atoms took longer to check than to featurise):
  // two atoms on the same point share a grid cell, or sit in neighbouring ones (across the wrap, for a lattice) with
  // both near the face between them, so an atom looks across only the faces it is near (almost never).
  const grid = overlapGrid(p, n, lattice);
  const cells = new Map<number, number[]>();
  const steps: number[][] = [[0], [0], [0]];
  for (let i = 0; i < n; i++) {
    const [c0, c1, c2] = grid.cell(i);
    for (let k = 0; k < 3; k++) {
      const step = steps[k];
      step.length = 1;
      if (grid.nearLowerFace(i, k)) step.push(-1);
      if (grid.nearUpperFace(i, k)) step.push(1);
    }
    for (const o0 of steps[0]) {
      for (const o1 of steps[1]) {
        for (const o2 of steps[2]) {
          const near = cells.get(grid.key(c0 + o0, c1 + o1, c2 + o2));
          if (near) for (const j of near) check(j, i);
        }
      }
    }
    const own = grid.key(c0, c1, c2);
    const list = cells.get(own);
    if (list) list.push(i);
    else cells.set(own, [i]);
  }
}

/**
 * Up to this many atoms every pair is checked: cheaper than the grid's 27 cell lookups per atom (a batch of 30 000
 * dimers spent most of its validation in the grid).
 */
const ALL_PAIRS_MAX = 48;
/** Cells per unit of a fractional coordinate, and the cell size (Å) of a Cartesian one; both ≫ OVERLAP_DISTANCE. */
const FRACTIONAL_CELLS = 2 ** 16;
const CARTESIAN_CELL = 1e-3;
/** Cartesian cell indices wrap modulo this (a collision only adds a candidate pair, as do those of the key's hash). */
const KEY_RANGE = 2 ** 17;

/**
 * The grid of assertNoOverlaps: fractional coordinates along the lattice vectors (wrapped, periodic cell indices)
 * and, for a slab, the coordinate along its normal; Cartesian coordinates for a cluster.
 */
function overlapGrid(p: Float64Array, n: number, lattice: Lattice | null) {
  const axes: { direction: Vec3; periodic: boolean }[] = lattice
    ? [
        ...lattice.duals.map((g) => ({ direction: g, periodic: true })),
        ...(lattice.normal ? [{ direction: lattice.normal, periodic: false }] : []),
      ]
    : [
        { direction: [1, 0, 0], periodic: false },
        { direction: [0, 1, 0], periodic: false },
        { direction: [0, 0, 1], periodic: false },
      ];
  // Within this many cells of a face, an atom may have a partner on the same point across it: |Δ(d·r)| ≤
  // |d|·OVERLAP_DISTANCE, widened fourfold for the rounding of the coordinates.
  const margins = axes.map(
    ({ direction: d, periodic }) =>
      (periodic ? FRACTIONAL_CELLS : 1 / CARTESIAN_CELL) *
      4 *
      Math.hypot(d[0], d[1], d[2]) *
      OVERLAP_DISTANCE,
  );
  const indices = new Int32Array(3 * n);
  // Per atom and axis: 1 near the lower face of its cell, 2 near the upper one.
  const faces = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    axes.forEach(({ direction: d, periodic }, k) => {
      const x = p[3 * i] * d[0] + p[3 * i + 1] * d[1] + p[3 * i + 2] * d[2];
      const scaled = periodic ? (x - Math.floor(x)) * FRACTIONAL_CELLS : x / CARTESIAN_CELL;
      const cell = Math.floor(scaled);
      indices[3 * i + k] = periodic ? cell % FRACTIONAL_CELLS : cell;
      const within = scaled - cell;
      faces[3 * i + k] = (within < margins[k] ? 1 : 0) | (1 - within < margins[k] ? 2 : 0);
    });
  }
  const wrap = (c: number, k: number) => {
    const range = axes[k]?.periodic ? FRACTIONAL_CELLS : KEY_RANGE;
    return (((c % range) + range) % range) % KEY_RANGE;
  };
  return {
    cell: (i: number) => [indices[3 * i], indices[3 * i + 1], indices[3 * i + 2]] as const,
    nearLowerFace: (i: number, k: number) => (faces[3 * i + k] & 1) !== 0,
    nearUpperFace: (i: number, k: number) => (faces[3 * i + k] & 2) !== 0,
    // A small-integer hash: the Map looks such keys up several times faster than the exact 51-bit index.
    key: (c0: number, c1: number, c2: number) =>
      (Math.imul(wrap(c0, 0), 73856093) ^
        Math.imul(wrap(c1, 1), 19349663) ^
        Math.imul(wrap(c2, 2), 83492791)) &
      0x3fffffff,
  };
}

/** A periodic structure's lattice and the Ewald far field of every centre (ewald.ts). */
export interface PeriodicInput {
  readonly lattice: Lattice;
  /** Needed when the potential is expanded; null for the density alone. */
  readonly farField: FarField | null;
}

export interface ExpansionInput {
  readonly structure: Structure;
  readonly channels: Int32Array;
  readonly centres: ArrayLike<number>;
  readonly hypers: Required<LodeHypers>;
  readonly tables: ReadonlyMap<Field, RadialTable>;
  /** Periodic structures only: every source image nearer than the tables' range enters; the rest is the far field. */
  readonly periodic?: PeriodicInput;
  /** Called with (centres done, centres) about every 1/64 of the centres of a structure, and at the end. */
  readonly onCentres?: (done: number, total: number) => void;
  /**
   * The coefficients may be left in memory that the next expandStructure call reuses (the kernels'), for a caller
   * that is done with them by then: a copy per structure saved, and the fresh memory it would take (page faults).
   */
  readonly transient?: boolean;
}

/**
 * Coefficients for every requested field: map field → Float64Array(centres × coefficientCount). The structure must
 * have passed speciesChannels and assertNoOverlaps. A finite structure's distant atoms enter as multipole tails; a
 * periodic structure's images beyond the table range enter through the far field's multipole sums.
 */
export function expandStructure(input: ExpansionInput): Map<Field, Float64Array> {
  const { structure, channels, centres, hypers, tables, periodic, onCentres, transient = false } = input;
  const reportEvery = Math.max(1, Math.ceil(centres.length / 64));
  const { nMax, lMax, includeCenter } = hypers;
  const nHarm = harmonicCount(lMax);
  const perCentre = coefficientCount(hypers);
  const speciesCount = hypers.species.length;
  const channelCount = speciesCount * nMax;
  const pos = structure.positions;
  const natoms = channels.length;
  const out = new Map<Field, Float64Array>();
  const rangeEnd = tables.values().next().value?.rangeEnd ?? 0;
  const lattice = periodic?.lattice ?? null;
  const translations = lattice ? latticeTranslations(lattice, rangeEnd) : NO_TRANSLATION;
  // Where the WebAssembly SIMD kernels run, they take each centre's pair loop and the multipole tails, into their
  // memory (copied out at the end); the loops below are their reference and fallback.
  const kernel =
    simdExpansionEnabled() && tables.size > 0
      ? new SimdExpansion([...tables.values()], centres.length * perCentre, speciesCount, {
          positions: pos,
          channels,
          lattice,
          translations,
          includeCenter,
        })
      : null;
  const plan = [...tables].map(([field, table], f) => {
    const coeffs = kernel ? kernel.coefficients[f] : new Float64Array(centres.length * perCentre);
    out.set(field, coeffs);
    // Beyond the table the potential is a pure multipole tail F_nl = t_nl d^{−(l+1)}: sum d^{−(l+1)} Y_lm per
    // species first and multiply by t_nl once per centre (25 instead of 200 updates per distant pair at l_max 4).
    const multipoles =
      field !== 'potential' ? null : kernel ? kernel.multipoles[f] : new Float64Array(speciesCount * nHarm);
    return { table, coeffs, multipoles };
  });
  const farField = periodic?.farField;
  const ylm = new Float64Array(nHarm);
  const scratch = new Float64Array(nHarm);
  const radial = new Float64Array(nMax * (lMax + 1));
  const d0 = new Float64Array(3);
  const y00 = 1 / Math.sqrt(4 * Math.PI);

  for (let c = 0; c < centres.length; c++) {
    const i = centres[c];
    if (kernel) kernel.centre(i, c * perCentre);
    else {
      for (let j = 0; j < natoms; j++) {
        d0[0] = pos[3 * j] - pos[3 * i];
        d0[1] = pos[3 * j + 1] - pos[3 * i + 1];
        d0[2] = pos[3 * j + 2] - pos[3 * i + 2];
        if (lattice) reduceDisplacement(lattice, d0);
        // Translations come by length: none past rangeEnd + |d0| can bring the image within rangeEnd.
        const reach = lattice
          ? rangeEnd + Math.sqrt(d0[0] * d0[0] + d0[1] * d0[1] + d0[2] * d0[2])
          : Infinity;
        const channelBase = c * perCentre + channels[j] * nMax;
        for (let t = 0; t < translations.length; t += 4) {
          if (translations[t + 3] >= reach) break;
          const dx = d0[0] + translations[t];
          const dy = d0[1] + translations[t + 1];
          const dz = d0[2] + translations[t + 2];
          const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
          // Periodic images beyond the tables are the far field's.
          if (lattice && d >= rangeEnd) continue;
          const self = j === i && d === 0;
          if (self && !includeCenter) continue;
          if (!self) realSphericalHarmonics(lMax, dx, dy, dz, ylm, 0, scratch);
          for (const { table, coeffs, multipoles } of plan) {
            if (d >= table.rangeEnd) {
              if (multipoles) addMultipole(multipoles, channels[j] * nHarm, lMax, d, ylm);
              continue;
            }
            evaluateRadialTable(table, d, radial);
            if (self) {
              // Only l = 0 survives at d = 0 (Y_00 is constant).
              for (let n = 0; n < nMax; n++) coeffs[channelBase + n] += radial[n] * y00;
              continue;
            }
            for (let l = 0; l <= lMax; l++) {
              const fl = l * nMax;
              for (let k = l * l; k < (l + 1) * (l + 1); k++) {
                const y = ylm[k];
                const row = channelBase + k * channelCount;
                for (let n = 0; n < nMax; n++) coeffs[row + n] += radial[fl + n] * y;
              }
            }
          }
        }
      }
    }
    for (let f = 0; f < plan.length; f++) {
      const { table, coeffs, multipoles } = plan[f];
      if (!multipoles) continue;
      if (farField) {
        const sums = farField.multipoles.subarray(c * speciesCount * nHarm, (c + 1) * speciesCount * nHarm);
        for (let k = 0; k < sums.length; k++) multipoles[k] += sums[k];
        addBackground(farField.curvature, table.squareMoments, coeffs, c * perCentre, nMax);
      }
      if (kernel) kernel.flush(f, c * perCentre);
      else flushMultipoles(multipoles, table.tail, coeffs, c * perCentre, nMax, lMax, channelCount);
    }
    if (onCentres && ((c + 1) % reportEvery === 0 || c + 1 === centres.length))
      onCentres(c + 1, centres.length);
  }
  if (kernel && !transient) for (const [field, coeffs] of out) out.set(field, coeffs.slice());
  return out;
}

/** c[a·nMax + n] (l = 0) += κ_a √(4π) ∫R_n r⁴ dr: the projection of a bulk background's κ_a|x|². */
function addBackground(
  curvature: Float64Array,
  squareMoments: Float64Array,
  coeffs: Float64Array,
  base: number,
  nMax: number,
): void {
  const norm = Math.sqrt(4 * Math.PI);
  curvature.forEach((kappa, a) => {
    for (let n = 0; n < nMax; n++) coeffs[base + a * nMax + n] += kappa * norm * squareMoments[n];
  });
}

/** sums[base + lm] += d^{−(l+1)} Y_lm(d̂). */
function addMultipole(sums: Float64Array, base: number, lMax: number, d: number, ylm: Float64Array): void {
  const inv = 1 / d;
  let pow = inv;
  for (let l = 0; l <= lMax; l++) {
    for (let k = l * l; k < (l + 1) * (l + 1); k++) sums[base + k] += pow * ylm[k];
    pow *= inv;
  }
}

/** c[lm·Q + a·nMax + n] += t_nl · sums[a, lm], then clears the sums for the next centre. */
function flushMultipoles(
  sums: Float64Array,
  tail: Float64Array,
  coeffs: Float64Array,
  base: number,
  nMax: number,
  lMax: number,
  channelCount: number,
): void {
  const nHarm = (lMax + 1) * (lMax + 1);
  const species = sums.length / nHarm;
  for (let a = 0; a < species; a++) {
    for (let l = 0; l <= lMax; l++) {
      for (let k = l * l; k < (l + 1) * (l + 1); k++) {
        const m = sums[a * nHarm + k];
        if (m === 0) continue;
        const row = base + k * channelCount + a * nMax;
        for (let n = 0; n < nMax; n++) coeffs[row + n] += tail[l * nMax + n] * m;
      }
    }
  }
  sums.fill(0);
}
