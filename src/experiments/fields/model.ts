/**
 * The fields lesson's computations, pure: which atom and channel a request means, the centre's expansions from the
 * engine's radial tables, and the errors of their truncations on the slice and in the ball.
 */
import type { Structure } from '../../chem/structure.ts';
import { channelExpansion, expansionByL, type ChannelExpansion } from '../../lode/field-expansion.ts';
import { relativeL2Error, type BallQuadrature } from '../../lode/field-grids.ts';
import { exactField, type FieldSource } from '../../lode/field-values.ts';
import { StructureInputError } from '../../lode/errors.ts';
import { assertNoOverlaps, expandStructure, speciesChannels } from '../../lode/expansion.ts';
import { ewaldFarField } from '../../lode/ewald.ts';
import { ewaldParameters } from '../../lode/ewald-parameters.ts';
import { computeFeatures, type InvariantLabel } from '../../lode/features.ts';
import { validateHypers, type LodeHypers } from '../../lode/hypers.ts';
import { latticeOf, thickness } from '../../lode/lattice.ts';
import type { RadialBasisKind } from '../../lode/radial-basis.ts';
import { FIELDS, type Field } from '../../lode/radial-integrals.ts';
import { radialTables, type TableProgress } from '../../lode/radial-tables.ts';
import { FIELDS_LMAX } from './spec.ts';

export interface FieldHypers {
  readonly cutoff: number;
  readonly sigma: number;
  readonly basis: RadialBasisKind;
}

/** One centre of one structure, one species channel (null: all), ready for the engine. */
export interface FieldSetup {
  readonly source: FieldSource;
  /** The structure's elements, in channel order (first appearance). */
  readonly species: readonly string[];
  readonly channel: number | null;
  readonly hypers: FieldHypers;
}

/**
 * Checks the centre and channel against the structure, and the structure itself (finite positions, no two atoms on
 * one point, a usable cell when periodic); throws a RangeError that says what is wrong. A periodic structure's fields
 * are those of all its images, summed with the Ewald parameters its features use.
 */
export function fieldSetup(
  structure: Structure,
  centre: number,
  channelName: string,
  hypers: FieldHypers,
): FieldSetup {
  const atoms = structure.species.length;
  if (!Number.isInteger(centre) || centre < 0 || centre >= atoms)
    throw new RangeError(`atom ${centre} does not exist: the structure has ${atoms} atoms (0–${atoms - 1})`);
  const species = [...new Set(structure.species)];
  const channel = channelName === 'all' ? null : species.indexOf(channelName);
  if (channel === -1)
    throw new RangeError(`the structure has no ${channelName} atoms (its channels: ${species.join(', ')})`);
  const engineHypers = lodeHypers(species, hypers, 1);
  let channels: Int32Array;
  let lattice: ReturnType<typeof latticeOf>;
  try {
    channels = speciesChannels(structure, engineHypers);
    lattice = latticeOf(structure);
    assertNoOverlaps(structure, 0, lattice);
  } catch (e) {
    if (e instanceof StructureInputError) throw new RangeError(e.detail);
    throw e;
  }
  const periodic = lattice && {
    lattice,
    parameters: ewaldParameters(
      lattice,
      { atoms: channels.length, thickness: thickness(lattice, structure.positions) },
      engineHypers,
    ),
  };
  return {
    source: {
      structure,
      channels,
      centre,
      sigma: hypers.sigma,
      includeCenter: true,
      ...(periodic && { periodic }),
    },
    species,
    channel,
    hypers,
  };
}

function lodeHypers(species: readonly string[], h: FieldHypers, nMax: number): Required<LodeHypers> {
  return validateHypers({
    cutoff: h.cutoff,
    sigma: h.sigma,
    nMax,
    lMax: FIELDS_LMAX,
    species,
    radialBasis: h.basis,
  });
}

/**
 * The centre's expansions of ρ and V at `nMax` (and l ≤ FIELDS_LMAX), reduced to the setup's channel, from the
 * engine's radial tables (built once per hyper-parameters and cached by the engine; `onTables` reports building).
 */
export function centreExpansions(
  setup: FieldSetup,
  nMax: number,
  onTables?: TableProgress,
): Record<Field, ChannelExpansion> {
  const hypers = lodeHypers(setup.species, setup.hypers, nMax);
  const all = radialTables(hypers, onTables);
  const tables = new Map(FIELDS.map((field) => [field, all[field]] as const));
  const { structure, channels, centre, periodic } = setup.source;
  const centres = [centre];
  const coefficients = expandStructure({
    structure,
    channels,
    centres,
    hypers,
    tables,
    ...(periodic && {
      periodic: {
        lattice: periodic.lattice,
        // The far field with the very parameters of the exact field (fieldSetup), as the features' own.
        farField: ewaldFarField({
          lattice: periodic.lattice,
          positions: structure.positions,
          channels,
          speciesCount: setup.species.length,
          centres,
          lMax: hypers.lMax,
          sigma: hypers.sigma,
          nearRange: all.potential.rangeEnd,
          parameters: periodic.parameters,
        }),
      },
    }),
  });
  const reduce = (field: Field) =>
    channelExpansion(coefficients.get(field)!, setup.species.length, nMax, FIELDS_LMAX, setup.channel);
  return { density: reduce('density'), potential: reduce('potential') };
}

/**
 * The centre's ρ⊗V features (the engine's per-atom row, l ≤ FIELDS_LMAX, every species channel) and their labels.
 * The radial tables are those of centreExpansions, already built.
 */
export function centreFeatures(
  setup: FieldSetup,
  nMax: number,
): { readonly values: Float64Array; readonly labels: readonly InvariantLabel[] } {
  const { structure, centre, periodic } = setup.source;
  const result = computeFeatures({
    structures: [structure],
    hypers: lodeHypers(setup.species, setup.hypers, nMax),
    kinds: ['rho-V'],
    centres: { mode: 'indices', indices: [[centre]] },
    perAtom: true,
    periodic: periodic ? 'periodic' : 'as-clusters',
  });
  return { values: result.invariants, labels: result.invariantLabels };
}

/** The exact field of the setup's channel at points relative to the centre. */
export const exactFieldOf = (setup: FieldSetup, field: Field, points: Float64Array) =>
  exactField(field, setup.source, setup.channel, points);

/** Relative L2 error in the ball of the expansion truncated at each l ≤ FIELDS_LMAX. */
export function ballErrors(
  expansion: ChannelExpansion,
  exact: Float64Array,
  ball: BallQuadrature,
  basis: Parameters<typeof expansionByL>[1],
): number[] {
  const byL = expansionByL(expansion, basis, ball.points);
  const width = expansion.lMax + 1;
  return Array.from({ length: width }, (_, l) =>
    relativeL2Error(exact, byL, { weights: ball.weights, stride: width, offset: l }),
  );
}
