/** What the loaders return: binding curves of rigid dimers as structures with their targets. */
import { makeStructure, type InfoValue, type Structure } from '../chem/structure.ts';
import type { MoleculeJson, ProvenanceRecord } from './formats.ts';
import type { JsonReader } from './validate.ts';

export interface BindingPoint {
  /** The dimer; info carries the dataset, curve id, coordinate and binding energies, arrays.fragment 0 | 1. */
  readonly structure: Structure;
  /** The scan coordinate (Å): centre-of-mass separation (D2) or displacement from the database geometry (D1). */
  readonly coordinate: number;
  /** Binding energy (eV) per level of theory that has this point. */
  readonly energies: Readonly<Record<string, number>>;
}

export interface BindingCurve {
  readonly id: string;
  /** The isolated monomers: the dissociated limit, whose binding energy is 0 by construction. */
  readonly monomers: readonly [Structure, Structure];
  readonly points: readonly BindingPoint[];
}

/** `binding_energy_gfn2_xtb` for `GFN2-xTB`: an extended-XYZ-safe info key per level. */
export function energyKey(level: string): string {
  return `binding_energy_${level
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;
}

export function moleculeStructure(m: MoleculeJson, info: Record<string, InfoValue>): Structure {
  return makeStructure(m.species, m.positions, { info: { charge: m.charge, ...info } });
}

/** A dimer structure whose info holds every level's energy under energyKey(level). */
export function dimerStructure(
  dimer: MoleculeJson,
  sizeA: number,
  info: Record<string, InfoValue>,
  energies: Readonly<Record<string, number>>,
  periodicity: Pick<Structure, 'cell' | 'pbc'> = {},
): Structure {
  const fragment = Int32Array.from(dimer.species, (_, i) => (i < sizeA ? 0 : 1));
  const levels = Object.fromEntries(Object.entries(energies).map(([level, e]) => [energyKey(level), e]));
  return makeStructure(dimer.species, dimer.positions, {
    ...periodicity,
    info: { charge: dimer.charge, ...info, ...levels },
    arrays: { fragment: { type: 'I', width: 1, values: fragment } },
  });
}

/** Provenance records: the fields a reader relies on are checked, the rest is passed through. */
export function readProvenance(reader: JsonReader, value: unknown): ProvenanceRecord[] {
  return reader.array(value, 'provenance').map((entry, i) => {
    const record = reader.object(entry, `provenance[${i}]`);
    for (const key of ['level', 'program', 'version', 'method', 'basis', 'command', 'date'] as const) {
      reader.string(record[key], `provenance[${i}].${key}`);
    }
    return record as unknown as ProvenanceRecord;
  });
}

/**
 * The curve's dimer with monomer B moved rigidly along the curve's direction to scan coordinate `shift` (Å), which
 * may lie between the stored points: the displacement from the database geometry (D1), the water's height (D3).
 */
export function displacedDimer(curve: BindingCurve, shift: number): Structure {
  // The first and last points are furthest apart: the direction from them carries the least rounding.
  const first = curve.points[0];
  const last = curve.points[curve.points.length - 1];
  const base = first.structure;
  const fragment = base.arrays.fragment.values as Int32Array;
  const b = fragment.indexOf(1);
  const span = last.coordinate - first.coordinate;
  const direction = [0, 1, 2].map(
    (k) => (last.structure.positions[3 * b + k] - base.positions[3 * b + k]) / span,
  );
  const positions = Float64Array.from(base.positions, (v, i) =>
    fragment[Math.floor(i / 3)] === 1 ? v + (shift - first.coordinate) * direction[i % 3] : v,
  );
  return makeStructure(base.species, positions, {
    ...(base.cell ? { cell: base.cell } : {}),
    ...(base.pbc ? { pbc: base.pbc } : {}),
    info: { ...base.info, displacement: shift },
    arrays: base.arrays,
  });
}
