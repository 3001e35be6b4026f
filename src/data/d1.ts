/** Loader of D1 (BioFragment SSI dimer binding curves, public/data/d1-ssi.json). */
import { dimerStructure, moleculeStructure, readProvenance, type BindingCurve } from './curves.ts';
import { DIMER_CLASSES, type DimerClass, type ProvenanceRecord } from './formats.ts';
import { dimerMolecule, type Vec3 } from './geometry.ts';
import { JsonReader } from './validate.ts';

export interface D1Dataset {
  readonly provenance: readonly ProvenanceRecord[];
  /** The level of theory of every energy. */
  readonly level: string;
  readonly curves: readonly (BindingCurve & { readonly class: DimerClass })[];
  /** Database dimers not computed yet. */
  readonly pending: readonly string[];
}

export function loadD1(json: unknown): D1Dataset {
  const reader = new JsonReader('d1-ssi');
  const root = reader.object(json, '(root)');
  reader.literal(root.format, 'format', ['lode-d1-ssi/1']);
  const provenance = readProvenance(reader, root.provenance);
  if (provenance.length !== 1) reader.fail('provenance', 'expected one level of theory');
  const level = provenance[0]!.level;
  const displacements = reader.numbers(root.displacements, 'displacements');
  const curves = reader.array(root.dimers, 'dimers').map((value, i) => {
    const field = `dimers[${i}]`;
    const d = reader.object(value, field);
    const id = reader.string(d.id, `${field}.id`);
    const cls = reader.literal(d.class, `${field}.class`, DIMER_CLASSES);
    const a = reader.molecule(d.a, `${field}.a`);
    const b = reader.molecule(d.b, `${field}.b`);
    const direction = reader.numbers(d.direction, `${field}.direction`, 3) as unknown as Vec3;
    if (Math.abs(Math.hypot(...direction) - 1) > 1e-5)
      reader.fail(`${field}.direction`, 'expected a unit vector');
    const energies = reader.numbers(d.energies, `${field}.energies`, displacements.length);
    // The structures are built when a curve is first used: a lesson works on one class at a time, and building all
    // 3380 × 13 dimers took longer than reading the file (on the page and in the worker alike).
    let built: Pick<BindingCurve, 'monomers' | 'points'> | undefined;
    const structures = () =>
      (built ??= {
        monomers: [moleculeStructure(a, { curve: id }), moleculeStructure(b, { curve: id })],
        points: displacements.map((shift, k) => {
          const info = { dataset: 'd1-ssi', curve: id, class: cls, displacement: shift };
          const target = { [level]: energies[k]! };
          const dimer = dimerMolecule(a, b, direction, shift);
          return {
            structure: dimerStructure(dimer, a.species.length, info, target),
            coordinate: shift,
            energies: target,
          };
        }),
      });
    return {
      id,
      class: cls,
      get monomers() {
        return structures().monomers;
      },
      get points() {
        return structures().points;
      },
    };
  });
  const pending = reader.array(root.pending, 'pending').map((x, i) => reader.string(x, `pending[${i}]`));
  return { provenance, level, curves, pending };
}
