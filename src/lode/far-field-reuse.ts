/**
 * Reuse of the Ewald far field (ewald.ts) along a sequence of periodic structures in which most atoms stay put, such
 * as a molecule moved over a fixed slab along a binding curve. The far field is linear in its sources, so for atoms
 * F that sit where they sat in the previous structure (same index, species and position; same lattice and settings):
 *  - centres in F: [sources F, computed once and kept] + [sources outside F, computed per structure];
 *  - other centres: every source, per structure.
 * The per-structure parts have few sources (or few centres), and the part over the moving sources chooses its own η
 * for that: with few sources, a wide real-space sum is cheap and the reciprocal sum needs few waves. The kept part
 * itself comes from the previous structure's whole far field less its moving atoms' part, where that was computed.
 * Each part is exact to the requested accuracy, so the sum matches a direct computation to that accuracy (not bit
 * for bit).
 */
import { farFieldSteps, type FarField, type FarFieldRequest } from './ewald.ts';
import type { Lattice } from './lattice.ts';

/** F must hold at least this share of the atoms before its part is computed and kept. */
const KEPT_SHARE = 0.5;

/** Part of the far field kept for atoms that do not move. */
interface KeptPart {
  readonly request: FarFieldRequest;
  /** Atom indices of F, ascending. */
  readonly fixed: Int32Array;
  /** The centres in F (atom indices, the request's order) and their far field with sources F. */
  readonly centres: Int32Array;
  readonly farField: FarField;
}

export interface FarFieldReuse {
  /** The far field of a request's centres, as ewald.ts's farFieldSteps (yields the fraction done). */
  steps(request: FarFieldRequest): Generator<number, FarField>;
  /** Structures so far whose fixed atoms' part was reused (for tests and benchmarks). */
  readonly reused: number;
}

const sameVectors = (a: Lattice, b: Lattice) =>
  a.kind === b.kind &&
  a.vectors.length === b.vectors.length &&
  a.vectors.every((v, k) => v.every((x, d) => x === b.vectors[k][d]));

/**
 * Whether two structures of one request may share a kept part: the same lattice and atom count. A structure outside
 * this relation ends a chain of far fields (the kept part is dropped); see farFieldMayReuse.
 */
function mayShareFarField(
  a: { readonly lattice: Lattice; readonly atoms: number },
  b: { readonly lattice: Lattice; readonly atoms: number },
): boolean {
  return sameVectors(a.lattice, b.lattice) && a.atoms === b.atoms;
}

/** Atoms' species channels and positions. */
interface Placed {
  readonly channels: Int32Array;
  readonly positions: Float64Array;
}

const placed = (request: FarFieldRequest): Placed => ({
  channels: request.channels,
  positions: request.structure.positions,
});

/** Does atom j have the same species and position in both? */
function samePlace(a: Placed, b: Placed, j: number): boolean {
  const p = a.positions;
  const q = b.positions;
  return (
    a.channels[j] === b.channels[j] &&
    p[3 * j] === q[3 * j] &&
    p[3 * j + 1] === q[3 * j + 1] &&
    p[3 * j + 2] === q[3 * j + 2]
  );
}

/** A periodic structure as farFieldMayReuse sees it: its lattice, atoms and centres. */
export interface ReuseCandidate extends Placed {
  readonly lattice: Lattice;
  readonly centres: readonly number[];
}

/**
 * Whether the far field of `next`, computed right after `before` (the request's periodic structure before it), may
 * depend on what was kept from the structures before: they may share far fields, and one of next's centres stays
 * where it was (same species and position), so that a kept part could hold it. Otherwise next's far field is computed
 * whole, the bits of a request that starts with it.
 */
export function farFieldMayReuse(before: ReuseCandidate, next: ReuseCandidate): boolean {
  return (
    mayShareFarField(
      { lattice: before.lattice, atoms: before.channels.length },
      { lattice: next.lattice, atoms: next.channels.length },
    ) && next.centres.some((j) => samePlace(before, next, j))
  );
}

const shareable = (request: FarFieldRequest) => ({
  lattice: request.lattice,
  atoms: request.channels.length,
});

/** Requests whose far fields may be combined: the same lattice, atom count and settings. */
function compatible(a: FarFieldRequest, b: FarFieldRequest): boolean {
  const h = a.hypers;
  const g = b.hypers;
  return (
    mayShareFarField(shareable(a), shareable(b)) &&
    a.nearRange === b.nearRange &&
    h.lMax === g.lMax &&
    h.sigma === g.sigma &&
    h.cutoff === g.cutoff &&
    h.species.length === g.species.length &&
    a.options.accuracy === b.options.accuracy &&
    a.options.eta === b.options.eta
  );
}

const sameList = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.prototype.every.call(a, (x: number, k: number) => x === b[k]);

/** Runs `steps` to the end, yielding its fractions mapped onto [start, start + share). */
function* scaled<T>(steps: Generator<number, T>, start: number, share: number): Generator<number, T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield start + share * step.value;
  }
}

export function createFarFieldReuse(): FarFieldReuse {
  let previous: FarFieldRequest | null = null;
  /** The previous request's whole far field, when it was computed directly. */
  let previousWhole: FarField | null = null;
  let kept: KeptPart | null = null;
  let reused = 0;

  /** The kept part if it still applies to `request`: its atoms in place and its centres among the request's. */
  function keptFor(request: FarFieldRequest): KeptPart | null {
    if (!kept || !compatible(kept.request, request)) return null;
    const [then, now] = [placed(kept.request), placed(request)];
    for (const j of kept.fixed) if (!samePlace(then, now, j)) return null;
    const inFixed = new Uint8Array(request.channels.length);
    for (const j of kept.fixed) inFixed[j] = 1;
    const fixedCentres = Array.from(request.centres).filter((i) => inFixed[i] === 1);
    return sameList(fixedCentres, kept.centres) ? kept : null;
  }

  /** A new kept part over the atoms that did not move since the previous request, when they are enough. */
  function* keep(request: FarFieldRequest): Generator<number, KeptPart | null> {
    if (!previous || !compatible(previous, request)) return null;
    const atoms = request.channels.length;
    const fixed: number[] = [];
    const [then, now] = [placed(previous), placed(request)];
    for (let j = 0; j < atoms; j++) if (samePlace(then, now, j)) fixed.push(j);
    if (fixed.length === atoms || fixed.length < KEPT_SHARE * atoms) return null;
    const inFixed = new Uint8Array(atoms);
    for (const j of fixed) inFixed[j] = 1;
    const centres = Int32Array.from(Array.from(request.centres).filter((i) => inFixed[i] === 1));
    // Nothing to keep for: the far field of moving centres is computed whole.
    if (centres.length === 0) return null;
    const farField = previousWhole
      ? yield* lessMoving(previous, previousWhole, inFixed, centres)
      : yield* farFieldSteps({ ...request, centres, sources: fixed });
    if (!farField) return null;
    return { request, fixed: Int32Array.from(fixed), centres, farField };
  }

  function* steps(request: FarFieldRequest): Generator<number, FarField> {
    if (previous && !mayShareFarField(shareable(previous), shareable(request))) kept = null;
    let part = keptFor(request);
    let start = 0;
    if (part) {
      reused++;
    } else {
      part = yield* scaled(keep(request), 0, 0.5);
      // keep() works only when it returns a part.
      if (part) start = 0.5;
    }
    previous = request;
    previousWhole = null;
    if (!part) {
      // What a structure computes depends on the one before it only: a kept part it did not use is dropped.
      kept = null;
      previousWhole = yield* scaled(farFieldSteps(request), start, 1 - start);
      return previousWhole;
    }
    kept = part;
    const atoms = request.channels.length;
    const inFixed = new Uint8Array(atoms);
    for (const j of part.fixed) inFixed[j] = 1;
    const moving = Array.from({ length: atoms }, (_, j) => j).filter((j) => inFixed[j] === 0);
    const movingCentres = Array.from(request.centres).filter((i) => inFixed[i] === 0);
    const share = (1 - start) / 2;
    const fromMoving = yield* scaled(
      farFieldSteps({ ...request, centres: part.centres, sources: moving }),
      start,
      share,
    );
    const ofMoving = yield* scaled(
      farFieldSteps({ ...request, centres: movingCentres }),
      start + share,
      share,
    );
    return combine(request, part, fromMoving, movingCentres, ofMoving);
  }

  return {
    steps,
    get reused() {
      return reused;
    },
  };
}

/**
 * The far field at `centres` of the atoms flagged in `inFixed`, from a request's whole far field less the part of its
 * other atoms; null when a centre was not among the request's.
 */
function* lessMoving(
  request: FarFieldRequest,
  whole: FarField,
  inFixed: Uint8Array,
  centres: Int32Array,
): Generator<number, FarField | null> {
  const rowOf = new Map<number, number>();
  Array.from(request.centres).forEach((i, c) => rowOf.set(i, c));
  if (centres.some((i) => !rowOf.has(i))) return null;
  const moving = Array.from(inFixed.keys()).filter((j) => inFixed[j] === 0);
  const part = yield* farFieldSteps({ ...request, centres, sources: moving });
  const width = part.multipoles.length / Math.max(1, centres.length);
  const multipoles = new Float64Array(part.multipoles.length);
  centres.forEach((i, k) => {
    const row = rowOf.get(i)! * width;
    for (let x = 0; x < width; x++) {
      multipoles[k * width + x] = whole.multipoles[row + x] - part.multipoles[k * width + x];
    }
  });
  const curvature = whole.curvature.map((kappa, a) => kappa - part.curvature[a]);
  return { multipoles, curvature };
}

/** The request's far field from the kept part, the moving sources at the kept centres, and the moving centres. */
function combine(
  request: FarFieldRequest,
  part: KeptPart,
  fromMoving: FarField,
  movingCentres: readonly number[],
  ofMoving: FarField,
): FarField {
  const { centres, hypers } = request;
  const width = hypers.species.length * (hypers.lMax + 1) ** 2;
  const multipoles = new Float64Array(centres.length * width);
  const rowOf = new Map<number, number>();
  Array.from(centres).forEach((i, c) => rowOf.set(i, c));
  part.centres.forEach((i, k) => {
    const row = rowOf.get(i)! * width;
    for (let x = 0; x < width; x++) {
      multipoles[row + x] = part.farField.multipoles[k * width + x] + fromMoving.multipoles[k * width + x];
    }
  });
  movingCentres.forEach((i, k) => {
    multipoles.set(ofMoving.multipoles.subarray(k * width, (k + 1) * width), rowOf.get(i)! * width);
  });
  const curvature = part.farField.curvature.map((kappa, a) => kappa + fromMoving.curvature[a]);
  return { multipoles, curvature };
}
