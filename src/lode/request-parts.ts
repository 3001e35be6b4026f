/**
 * Splitting a feature request into parts that engines compute independently, and joining their outputs into the
 * result of the whole request, bit for bit what one engine computes: every output row depends on one structure
 * only, and a per-centre row on one centre only, so parts are runs of whole structures or, for per-centre rows of a
 * large finite structure, runs of its centres. (Structure rows of one structure sum over its centres in one loop; split,
 * the sum would round differently, so such a structure stays whole.)
 */
import type { CentreSelection, FeatureRequest, FeatureResult, FeatureTimings } from './feature-spec.ts';
import type { Structure } from '../chem/structure.ts';
import { farFieldMayReuse } from './far-field-reuse.ts';
import { planResult, type FeatureArrays, type FeaturePlan } from './feature-plan.ts';

/** A request as it travels to an engine in another thread: progress and cancellation stay with the caller. */
export type PartRequest = Omit<FeatureRequest, 'onProgress' | 'onStageProgress' | 'signal'>;

/** A part's rows: its invariants and vectors. */
export type PartRows = Pick<FeatureArrays, 'invariants' | 'vectors'>;

/**
 * Where a part's engine puts its rows: straight into their place in the whole result (views of its shared memory,
 * zeros until then), or into memory of its own (`spares`: buffers of earlier outputs to reuse, given to it).
 */
export type PartMemory = { readonly into: PartRows } | { readonly spares: ArrayBuffer[] };

/** What a part's engine sends back: how long it took, and its rows unless it wrote them into the result. */
export type PartOutput = FeatureArrays | Pick<FeatureArrays, 'timings'>;

export interface RequestPart {
  /** The part's structures: `count` of them from `first`. */
  readonly first: number;
  readonly count: number;
  /** Positions [from, to) in the centre list of the part's one structure, when only some of its centres are in it. */
  readonly centres?: { readonly from: number; readonly to: number };
  /** The part's rows: `rows` of them from `firstRow` of the whole result. */
  readonly firstRow: number;
  readonly rows: number;
}

/**
 * Work of a structure in arbitrary units: the expansion runs over centres × atoms, the products over centres (here
 * weighted as this many atoms). Only the balance between parts depends on it.
 */
const PRODUCTS_PER_CENTRE = 16;

function costOf(plan: FeaturePlan, structure: number): number {
  const centres = plan.centres[structure].length;
  return Math.max(1, centres * (plan.channels[structure].length + PRODUCTS_PER_CENTRE));
}

function rowsOf(plan: FeaturePlan, first: number, count: number): number {
  const end = first + count;
  const next = end < plan.firstRow.length ? plan.firstRow[end] : plan.rowInfo.length;
  return next - plan.firstRow[first];
}

/**
 * Consecutive parts of about equal work, about `wanted` of them (fewer when there is less to share), covering every
 * structure and row in order. Per-centre rows of a finite structure with more work than a part are split by centres
 * (not those of a periodic one: its Ewald far field is summed over pairs of its centres, in an order that a subset
 * of them would change in the last bits, besides repeating the lattice sums in every part). A periodic structure whose
 * far field may reuse part of the one before it (farFieldMayReuse) stays in its part.
 */
export function splitRequest(
  plan: FeaturePlan,
  structures: readonly Structure[],
  wanted: number,
): RequestPart[] {
  const structureCount = plan.centres.length;
  const costs = Array.from({ length: structureCount }, (_, s) => costOf(plan, s));
  const target = costs.reduce((a, b) => a + b, 0) / Math.max(1, wanted);
  const parts: RequestPart[] = [];
  let first = 0;
  let work = 0;
  const close = (end: number) => {
    if (end > first)
      parts.push({
        first,
        count: end - first,
        firstRow: plan.firstRow[first],
        rows: rowsOf(plan, first, end - first),
      });
    first = end;
    work = 0;
  };
  // The last periodic structure so far: a part may not start at a structure whose far field may reuse what was kept
  // from the ones before (far-field-reuse.ts).
  let lastPeriodic = -1;
  const candidate = (s: number) => ({
    lattice: plan.lattices[s]!,
    channels: plan.channels[s],
    positions: structures[s].positions,
    centres: plan.centres[s],
  });
  const chained = (s: number) =>
    plan.lattices[s] !== null && lastPeriodic >= 0 && farFieldMayReuse(candidate(lastPeriodic), candidate(s));
  for (let s = 0; s < structureCount; s++) {
    const centres = plan.centres[s].length;
    if (work >= target && !chained(s)) close(s);
    if (plan.lattices[s]) lastPeriodic = s;
    if (plan.perAtom && !plan.lattices[s] && costs[s] > target && centres > 1) {
      close(s);
      const pieces = Math.min(centres, Math.ceil(costs[s] / target));
      for (let k = 0; k < pieces; k++) {
        const from = Math.floor((k * centres) / pieces);
        const to = Math.floor(((k + 1) * centres) / pieces);
        parts.push({
          first: s,
          count: 1,
          centres: { from, to },
          firstRow: plan.firstRow[s] + from,
          rows: to - from,
        });
      }
      first = s + 1;
      continue;
    }
    work += costs[s];
  }
  close(structureCount);
  return parts;
}

/** The request an engine computes for one part (the whole request's plan gives each structure's centres). */
export function partRequest(request: PartRequest, plan: FeaturePlan, part: RequestPart): PartRequest {
  const { first, count } = part;
  const selection: CentreSelection = request.centres ?? { mode: 'all' };
  let centres = selection;
  if (part.centres) {
    centres = { mode: 'indices', indices: [plan.centres[first].slice(part.centres.from, part.centres.to)] };
  } else if (selection.mode === 'indices') {
    centres = { mode: 'indices', indices: selection.indices.slice(first, first + count) };
  }
  return {
    structures: request.structures.slice(first, first + count),
    hypers: request.hypers,
    kinds: request.kinds,
    vectorKinds: request.vectorKinds,
    centres,
    perAtom: request.perAtom,
    periodic: request.periodic,
    ewald: request.ewald,
  };
}

/**
 * The whole request's result, joined from its parts' outputs as they arrive, in any order. Timings add up the parts'
 * work (tables: the longest wait for them, as the parts' engines build or are given them in parallel).
 *
 * With `shared` memory (SharedArrayBuffer) the parts' engines write their rows straight into the result (placeOf),
 * in their own threads: nothing is copied here, and the first writes to the result's memory (page faults where the
 * memory is new to the process: on some machines as costly as computing the rows) are shared out between them.
 * Otherwise each part's rows are copied in as they arrive. The memory is new for every join: a part of a cancelled
 * request that is still writing can never reach a later request's result.
 */
export class PartJoin {
  private readonly invariants: Float64Array;
  private readonly vectors: Float64Array;
  private readonly timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };

  constructor(
    private readonly plan: FeaturePlan,
    private readonly parts: readonly RequestPart[],
    private readonly shared: boolean,
  ) {
    const { layout, rowInfo } = plan;
    this.invariants = zeros(rowInfo.length * layout.invariantWidth, shared);
    this.vectors = zeros(rowInfo.length * layout.vectorWidth * 3, shared);
  }

  /** Where part `index`'s rows go in the result's shared memory (views of it), or null when it is not shared. */
  placeOf(index: number): PartRows | null {
    if (!this.shared) return null;
    const { firstRow, rows } = this.parts[index];
    const [invariantWidth, vectorWidth] = this.widths();
    return {
      invariants: this.invariants.subarray(firstRow * invariantWidth, (firstRow + rows) * invariantWidth),
      vectors: this.vectors.subarray(firstRow * vectorWidth, (firstRow + rows) * vectorWidth),
    };
  }

  /**
   * Takes part `index`'s output: its timings, and its rows, copied into place (after which the output's memory is
   * free for reuse) unless they were written there.
   */
  add(index: number, output: PartOutput): void {
    const part = this.parts[index];
    if ('invariants' in output) {
      const [invariantWidth, vectorWidth] = this.widths();
      if (
        output.invariants.length !== part.rows * invariantWidth ||
        output.vectors.length !== part.rows * vectorWidth
      ) {
        throw new Error(`${describePart(index, part)} has the wrong shape`);
      }
      this.invariants.set(output.invariants, part.firstRow * invariantWidth);
      this.vectors.set(output.vectors, part.firstRow * vectorWidth);
    } else if (!this.shared) {
      throw new Error(`${describePart(index, part)} sent no rows`);
    }
    this.timings.tablesMs = Math.max(this.timings.tablesMs, output.timings.tablesMs);
    this.timings.expansionMs += output.timings.expansionMs;
    this.timings.productsMs += output.timings.productsMs;
  }

  /** The request waited `ms` for its tables before its parts began. */
  tablesTook(ms: number): void {
    this.timings.tablesMs = Math.max(this.timings.tablesMs, ms);
  }

  /** The result, once every part is added. */
  result(): FeatureResult {
    const { invariants, vectors, timings } = this;
    return planResult(this.plan, { invariants, vectors, timings });
  }

  /** Values per row of the invariants and of the vectors. */
  private widths(): [number, number] {
    const { layout } = this.plan;
    return [layout.invariantWidth, layout.vectorWidth * 3];
  }
}

const describePart = (index: number, { first, count }: RequestPart) =>
  `part ${index} (structures ${first}…${first + count - 1})`;

/** `length` zeros, in shared memory or not. */
function zeros(length: number, shared: boolean): Float64Array {
  if (!shared) return new Float64Array(length);
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}
