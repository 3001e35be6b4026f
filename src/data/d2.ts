/** Loader of D2 (H2O–CO2 binding curves, public/data/d2-h2o-co2.json). */
import { dimerStructure, moleculeStructure, readProvenance, type BindingCurve } from './curves.ts';
import type { ProvenanceRecord } from './formats.ts';
import { dimerMolecule } from './geometry.ts';
import { JsonReader } from './validate.ts';

export interface D2Dataset {
  readonly provenance: readonly ProvenanceRecord[];
  /** Levels of theory, the first being the one computed for every point. */
  readonly levels: readonly string[];
  readonly trainingWindow: readonly [number, number];
  /** Separation (Å) of the dissociated-limit check points. */
  readonly dissociatedSeparation: number;
  readonly curves: readonly (BindingCurve & {
    /** Binding energy per level at the dissociated-limit check separation. */
    readonly dissociated: Readonly<Record<string, number>>;
  })[];
}

export function loadD2(json: unknown): D2Dataset {
  const reader = new JsonReader('d2-h2o-co2');
  const root = reader.object(json, '(root)');
  reader.literal(root.format, 'format', ['lode-d2-h2o-co2/1']);
  const separations = reader.numbers(root.separations, 'separations');
  const window = reader.numbers(root.trainingWindow, 'trainingWindow', 2);
  if (!(window[0]! < window[1]!)) reader.fail('trainingWindow', 'expected [min, max] with min < max');
  const dissociatedSeparation = reader.number(root.dissociatedSeparation, 'dissociatedSeparation');
  const orientations = reader.array(root.orientations, 'orientations').map((value, i) => {
    const o = reader.object(value, `orientations[${i}]`);
    return {
      id: reader.string(o.id, `orientations[${i}].id`),
      water: reader.molecule(o.water, `orientations[${i}].water`),
      co2: reader.molecule(o.co2, `orientations[${i}].co2`),
    };
  });
  if (orientations.length === 0) reader.fail('orientations', 'no orientation');
  const levels = reader.array(root.levels, 'levels').map((value, l) => {
    const entry = reader.object(value, `levels[${l}]`);
    const field = `levels[${l}]`;
    return {
      level: reader.string(entry.level, `${field}.level`),
      energies: reader
        .array(entry.energies, `${field}.energies`, orientations.length)
        .map((row, i) => reader.optionalNumbers(row, `${field}.energies[${i}]`, separations.length)),
      dissociated: reader.optionalNumbers(entry.dissociated, `${field}.dissociated`, orientations.length),
    };
  });
  if (levels.length === 0) reader.fail('levels', 'no level of theory');
  const names = new Set<string>();
  levels.forEach(({ level }, l) => {
    if (names.has(level)) reader.fail(`levels[${l}].level`, 'the same level of theory appears twice');
    names.add(level);
  });

  const curves = orientations.map((o, i) => {
    const byLevel = (pick: (level: (typeof levels)[number]) => number | null) =>
      Object.fromEntries(levels.flatMap((l) => (pick(l) === null ? [] : [[l.level, pick(l)!]])));
    const points = separations.map((r, k) => {
      const energies = byLevel((l) => l.energies[i]![k]!);
      const dimer = dimerMolecule(o.water, o.co2, [0, 0, 1], r);
      const info = { dataset: 'd2-h2o-co2', curve: o.id, separation: r };
      return {
        structure: dimerStructure(dimer, o.water.species.length, info, energies),
        coordinate: r,
        energies,
      };
    });
    return {
      id: o.id,
      monomers: [
        moleculeStructure(o.water, { curve: o.id }),
        moleculeStructure(o.co2, { curve: o.id }),
      ] as const,
      points,
      dissociated: byLevel((l) => l.dissociated[i]!),
    };
  });
  return {
    provenance: readProvenance(reader, root.provenance),
    levels: levels.map((l) => l.level),
    trainingWindow: [window[0]!, window[1]!],
    dissociatedSeparation,
    curves,
  };
}
