/**
 * One learner's fields lesson in the worker. Everything that does not depend on l_max or n_max is cached: the exact
 * field on the slice and in the ball for each (structure, centre, channel, r_c, σ); the expansion on the slice is
 * kept for every truncation l ≤ 8 at once, so moving l_max only picks a column, and moving n_max costs one pass over
 * the slice once the radial tables of that n_max exist (the spec's background requests build them all).
 */
import { makeStructure, type Structure } from '../../chem/structure.ts';
import type { D3Dataset } from '../../data/d3.ts';
import type { ChannelExpansion } from '../../lode/field-expansion.ts';
import {
  expansionOnSlice,
  powerPerL,
  sliceHarmonics,
  type SliceHarmonics,
} from '../../lode/field-expansion.ts';
import {
  ballQuadrature,
  relativeL2Error,
  sliceGrid,
  type CartesianPlane,
  type Slice,
  type Vec3,
} from '../../lode/field-grids.ts';
import { createRadialBasis, type RadialBasis, type RadialBasisKind } from '../../lode/radial-basis.ts';
import { columnsUpToLmax, labelName, type InvariantLabel } from '../../lode/features.ts';
import { FIELDS, type Field } from '../../lode/radial-integrals.ts';
import { BoundedCache } from '../../util/bounded-cache.ts';
import type { LessonRuntime, LessonSession, SeriesOptions } from '../lesson.ts';
import {
  ballErrors,
  centreExpansions,
  centreFeatures,
  exactFieldOf,
  fieldSetup,
  type FieldSetup,
} from './model.ts';
import { FIELDS_LMAX, FIELDS_NMAX, SLICE_HALF_WIDTH, SLICE_RESOLUTION, type FieldsValues } from './spec.ts';
import { EXAMPLE_DATASET, exampleStructure, type ExampleData, type ExampleId } from './examples.ts';
import { MAX_PASTED_ATOMS, type PastedStructure } from './paste.ts';
import { boundaryOf, type Boundary } from './periodicity.ts';
import { decodeStructure } from './structure-link.ts';
import { breathe } from '../../util/event-loop.ts';

/**
 * What a request carries: the lesson's session values (a pasted structure among them, packed as in links), a pasted
 * structure too large for links, and (background) which part.
 */
export type FieldsRequest = Omit<FieldsValues, 'show'> & {
  readonly pastedStructure?: PastedStructure;
  /** 'errors': only the ball errors at this n_max (background work for the error-against-n_max chart). */
  readonly part?: 'all' | 'errors';
};

export interface FieldsSeries {
  /** The structure as its fields are computed: with its cell and pbc flags when periodic. */
  readonly structure: Pick<Structure, 'species' | 'positions' | 'cell' | 'pbc'>;
  /** Whether the structure has a periodic cell that the request ignores ("treat as a cluster"). */
  readonly cellIgnored: boolean;
  readonly centre: number;
  /** The structure's elements (the species channels), in channel order. */
  readonly channels: readonly string[];
  readonly slice: {
    readonly resolution: number;
    readonly halfWidth: number;
    readonly axes: readonly [Vec3, Vec3];
    /** Row-major (see Slice.points), the exact field and its expansion at (n_max, l_max); NaN outside r_c. */
    readonly exact: Float32Array;
    readonly expansion: Float32Array;
    /** Relative L2 error of the expansion on the slice, inside the cutoff sphere. */
    readonly error: number;
    /** The truncation the expansion was computed at. */
    readonly nMax: number;
    readonly lMax: number;
  };
  /** Σ_n Σ_m c²_nlm for l = 0..8 at the chosen n_max, for both fields. */
  readonly power: Record<Field, number[]>;
  /** Relative L2 error in the ball at the chosen n_max, for l_max = 0..8. */
  readonly errorByLmax: Record<Field, number[]>;
  /** The same at the chosen l_max for n_max = 1..12 (null until the background has built that n_max's tables). */
  readonly errorByNmax: Record<Field, (number | null)[]>;
  /**
   * The centre's ρ⊗V features at (n_max, l_max) in f64 (as exported), in the engine's column order (l, then ρ channel a1 n1, then V
   * channel a2 n2: `channels`² columns per l), with their labels.
   */
  readonly features: {
    readonly channels: number;
    readonly values: Float64Array;
    readonly labels: string[];
    /** The structure's boundary as the features see it (a periodic structure treated as a cluster is 'cluster'). */
    readonly boundary: Boundary;
  };
}

/** The structure a request means, periodic or treated as a cluster. */
function structureKey(request: FieldsRequest): string {
  const given =
    request.structure !== 'pasted'
      ? request.structure
      : request.pastedStructure
        ? JSON.stringify(request.pastedStructure)
        : `link:${request.pasted}`;
  return JSON.stringify([given, request.pbc]);
}

function pastedStructure(pasted: PastedStructure): Structure {
  const { species, positions, cell, pbc } = pasted;
  if (
    !Array.isArray(species) ||
    !Array.isArray(positions) ||
    positions.length !== 3 * species.length ||
    (cell === undefined) !== (pbc === undefined) ||
    (cell && !(Array.isArray(cell) && cell.length === 9)) ||
    (pbc && !(Array.isArray(pbc) && pbc.length === 3 && pbc.every((p) => typeof p === 'boolean')))
  )
    throw new RangeError('the pasted structure is malformed');
  if (species.length > MAX_PASTED_ATOMS)
    throw new RangeError(
      `the pasted structure has ${species.length} atoms; at most ${MAX_PASTED_ATOMS} are shown`,
    );
  return makeStructure(species, positions, { ...(cell && pbc && { cell, pbc }) });
}

/** The structure without its cell: the atoms alone, as the CLI's --no-pbc sees them. */
const asCluster = (structure: Structure): Structure =>
  makeStructure(structure.species, structure.positions, { info: structure.info, arrays: structure.arrays });

/** The datasets some examples are taken from, fetched on first use. */
export interface ExampleSources {
  readonly chargedDimers: () => Promise<readonly Structure[]>;
  readonly liWater: () => Promise<D3Dataset>;
}

async function exampleData(id: ExampleId, sources: ExampleSources): Promise<ExampleData> {
  switch (EXAMPLE_DATASET[id]) {
    case 'charge-charge':
      return { chargedDimers: await sources.chargedDimers() };
    case 'd3-li-water':
      return { liWater: await sources.liWater() };
    default:
      return {};
  }
}

export class FieldsSession implements LessonSession {
  private readonly ball = new BoundedCache<number, ReturnType<typeof ballQuadrature>>(2);
  private readonly bases = new BoundedCache<string, RadialBasis>(32);
  private readonly slices = new BoundedCache<string, Slice>(2);
  private readonly harmonics = new BoundedCache<string, SliceHarmonics>(2);
  private readonly exactSlices = new BoundedCache<string, Float64Array>(4);
  private readonly expandedSlices = new BoundedCache<string, Float64Array>(4);
  private readonly exactBall = new BoundedCache<string, Float64Array>(8);
  private readonly errors = new BoundedCache<string, number[]>(256);
  private readonly examples = new Map<ExampleId, Structure>();
  private readonly linked = new BoundedCache<string, Promise<PastedStructure>>(4);
  private readonly features = new BoundedCache<
    string,
    { readonly values: Float64Array; readonly labels: readonly InvariantLabel[] }
  >(4);

  constructor(private readonly sources: ExampleSources) {}

  private async structureOf(request: FieldsRequest): Promise<Structure> {
    if (request.structure === 'pasted') {
      if (request.pastedStructure) return pastedStructure(request.pastedStructure);
      if (!request.pasted)
        throw new RangeError('no structure pasted yet: paste or drop an extended-XYZ file below');
      const packed = request.pasted;
      return pastedStructure(await this.linked.get(packed, () => decodeStructure(packed)));
    }
    const id = request.structure as ExampleId;
    let structure = this.examples.get(id);
    if (!structure) {
      structure = exampleStructure(id, await exampleData(id, this.sources));
      this.examples.set(id, structure);
    }
    return structure;
  }

  private basis(kind: RadialBasisKind, nMax: number, cutoff: number): RadialBasis {
    return this.bases.get(JSON.stringify([kind, nMax, cutoff]), () => createRadialBasis(kind, nMax, cutoff));
  }

  /** Ball errors for both fields at n_max, for every l_max; cached. */
  private errorsAt(
    setup: FieldSetup,
    key: string,
    nMax: number,
    expansions: Record<Field, ChannelExpansion>,
  ): Record<Field, number[]> {
    const { cutoff, basis } = setup.hypers;
    const ball = this.ball.get(cutoff, () => ballQuadrature(cutoff));
    const radial = this.basis(basis, nMax, cutoff);
    const errorsOf = (field: Field) =>
      this.errors.get(JSON.stringify([key, field, basis, nMax]), () => {
        const exact = this.exactBall.get(JSON.stringify([key, field]), () =>
          exactFieldOf(setup, field, ball.points),
        );
        return ballErrors(expansions[field], exact, ball, radial);
      });
    return { density: errorsOf('density'), potential: errorsOf('potential') };
  }

  async series(values: Readonly<Record<string, unknown>>, options: SeriesOptions = {}): Promise<unknown> {
    return this.seriesFor(values as FieldsRequest, options);
  }

  async seriesFor(
    request: FieldsRequest,
    { signal, onProgress }: SeriesOptions = {},
  ): Promise<FieldsSeries | null> {
    const given = await this.structureOf(request);
    const cellIgnored = request.pbc === 'cluster' && boundaryOf(given) !== 'cluster';
    const structure = request.pbc === 'cluster' ? asCluster(given) : given;
    const hypers = { cutoff: request.cutoff, sigma: request.sigma, basis: request.basis as RadialBasisKind };
    const setup = fieldSetup(structure, request.centre, request.channel, hypers);
    // Everything but the radial basis: the exact fields do not depend on it.
    const key = JSON.stringify([
      structureKey(request),
      request.centre,
      request.channel,
      hypers.cutoff,
      hypers.sigma,
    ]);
    const expansions = centreExpansions(setup, request.nMax, (done, total) =>
      onProgress?.({ stage: `radial tables for n_max = ${request.nMax}`, fraction: done / total }),
    );
    await breathe(signal);
    const ballAtN = this.errorsAt(setup, key, request.nMax, expansions);
    if (request.part === 'errors') return null;
    await breathe(signal);
    const field = request.field as Field;
    const halfWidth = SLICE_HALF_WIDTH * hypers.cutoff;
    const plane = request.plane === 'normal' ? request.normal : (request.plane as CartesianPlane);
    // The slice and its harmonics depend on the plane and r_c only (the half-width is a multiple of r_c).
    const geometryKey = JSON.stringify([plane, halfWidth]);
    const slice = this.slices.get(geometryKey, () => sliceGrid(plane, halfWidth, SLICE_RESOLUTION));
    const harmonics = this.harmonics.get(geometryKey, () =>
      sliceHarmonics(slice, FIELDS_LMAX, hypers.cutoff),
    );
    const sliceKey = JSON.stringify([key, field, plane]);
    // A periodic structure's V is an Ewald sum at every pixel: the one step of the slice that takes seconds.
    if (!this.exactSlices.peek(sliceKey))
      onProgress?.({ stage: `exact ${field} on the ${SLICE_RESOLUTION}² slice`, fraction: 0 });
    const exact = this.exactSlices.get(sliceKey, () => exactFieldOf(setup, field, slice.points));
    await breathe(signal);
    const byL = this.expandedSlices.get(JSON.stringify([sliceKey, hypers.basis, request.nMax]), () =>
      expansionOnSlice(expansions[field], this.basis(hypers.basis, request.nMax, hypers.cutoff), harmonics),
    );
    const width = FIELDS_LMAX + 1;
    const expansion = new Float32Array(exact.length);
    for (let q = 0; q < exact.length; q++) expansion[q] = byL[q * width + request.lMax];
    // Features use every channel: the key leaves the chosen one out.
    const featureKey = JSON.stringify([structureKey(request), request.centre, hypers, request.nMax]);
    const row = this.features.get(featureKey, () => centreFeatures(setup, request.nMax));
    const columns = columnsUpToLmax(row.labels, request.lMax);
    const errorByNmax = Object.fromEntries(
      FIELDS.map((f) => [
        f,
        Array.from({ length: FIELDS_NMAX }, (_, i) => {
          const errors = this.errors.peek(JSON.stringify([key, f, hypers.basis, i + 1]));
          return errors ? errors[request.lMax] : null;
        }),
      ]),
    ) as Record<Field, (number | null)[]>;
    return {
      structure: {
        species: structure.species,
        positions: structure.positions,
        ...(structure.cell && { cell: structure.cell }),
        ...(structure.pbc && { pbc: structure.pbc }),
      },
      cellIgnored,
      centre: request.centre,
      channels: setup.species,
      slice: {
        resolution: slice.resolution,
        halfWidth,
        axes: slice.axes,
        exact: Float32Array.from(exact),
        expansion,
        error: relativeL2Error(exact, byL, { stride: width, offset: request.lMax }),
        nMax: request.nMax,
        lMax: request.lMax,
      },
      power: { density: [...powerPerL(expansions.density)], potential: [...powerPerL(expansions.potential)] },
      errorByLmax: ballAtN,
      errorByNmax,
      features: {
        channels: setup.species.length * request.nMax,
        values: Float64Array.from(columns, (i) => row.values[i]!),
        labels: Array.from(columns, (i) => labelName(row.labels[i]!)),
        boundary: boundaryOf(structure),
      },
    };
  }
}

export async function createSession(runtime: LessonRuntime): Promise<FieldsSession> {
  return new FieldsSession({
    chargedDimers: () => runtime.dataset('charge-charge'),
    liWater: () => runtime.dataset('d3-li-water'),
  });
}
