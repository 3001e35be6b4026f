/** Loader of D3 (water above Li(100), public/data/d3-li-water.json). */
import type { Cell, Structure } from '../chem/structure.ts';
import { dimerStructure, readProvenance, type BindingCurve, type BindingPoint } from './curves.ts';
import type { MoleculeJson, ProvenanceRecord } from './formats.ts';
import { JsonReader } from './validate.ts';

export type Vector3 = readonly [number, number, number];

export interface D3Dataset {
  readonly provenance: readonly ProvenanceRecord[];
  /** The level of theory of the energies (provenance[0].level). */
  readonly level: string;
  readonly heights: readonly number[];
  readonly curves: readonly (BindingCurve & {
    /** Per point (same order as points): the water's induced dipole P^W (e·Å). */
    readonly inducedDipoles: readonly Vector3[];
  })[];
}

export function loadD3(json: unknown): D3Dataset {
  const reader = new JsonReader('d3-li-water');
  const root = reader.object(json, '(root)');
  reader.literal(root.format, 'format', ['lode-d3-li-water/1']);
  const provenance = readProvenance(reader, root.provenance);
  if (provenance.length === 0) reader.fail('provenance', 'no level of theory');
  const level = provenance[0]!.level;

  const slabJson = reader.object(root.slab, 'slab');
  const symbol = reader.element(slabJson.symbol, 'slab.symbol');
  const slabPositions = reader.numbers(slabJson.positions, 'slab.positions');
  if (slabPositions.length === 0 || slabPositions.length % 3 !== 0)
    reader.fail('slab.positions', 'expected a non-empty list of x, y, z triples');
  const slab: MoleculeJson = {
    species: Array.from({ length: slabPositions.length / 3 }, () => symbol),
    positions: slabPositions,
    charge: 0,
  };
  const [a, b, c] = reader.numbers(root.cell, 'cell', 3);
  if (!(a! > 0 && b! > 0 && c! > 0)) reader.fail('cell', 'lengths must be positive');
  const cell: Cell = [a!, 0, 0, 0, b!, 0, 0, 0, c!];
  const periodicity = { cell, pbc: [true, true, false] as const };
  const top = reader.number(root.top, 'top');
  const [siteX, siteY] = reader.numbers(root.site, 'site', 2);
  const heights = reader.numbers(root.heights, 'heights');

  const waters = reader.array(root.waters, 'waters').map((value, i) => {
    const w = reader.object(value, `waters[${i}]`);
    const positions = reader.numbers(w.positions, `waters[${i}].positions`, 9);
    if (positions[0] !== 0 || positions[1] !== 0 || positions[2] !== 0)
      reader.fail(`waters[${i}].positions`, 'the O atom must be at the origin');
    return { id: reader.string(w.id, `waters[${i}].id`), positions };
  });
  const energies = reader
    .array(root.energies, 'energies', waters.length)
    .map((row, i) => reader.numbers(row, `energies[${i}]`, heights.length));
  const dipoles = reader
    .array(root.inducedDipoles, 'inducedDipoles', waters.length)
    .map((row, i) =>
      reader
        .array(row, `inducedDipoles[${i}]`, heights.length)
        .map((v, k) => reader.numbers(v, `inducedDipoles[${i}][${k}]`, 3) as unknown as Vector3),
    );

  const slabStructure = (info: Record<string, string>): Structure =>
    dimerStructure(slab, slab.species.length, info, {}, periodicity);
  const curves = waters.map((w, i) => {
    const lowest = Math.min(w.positions[2]!, w.positions[5]!, w.positions[8]!);
    const water = (height: number): MoleculeJson => ({
      species: ['O', 'H', 'H'],
      positions: w.positions.map((x, k) => x + [siteX!, siteY!, top + height - lowest][k % 3]!),
      charge: 0,
    });
    const points: BindingPoint[] = heights.map((height, k) => {
      const energy = { [level]: energies[i]![k]! };
      const placed = water(height);
      const pair: MoleculeJson = {
        species: [...slab.species, ...placed.species],
        positions: [...slab.positions, ...placed.positions],
        charge: 0,
      };
      const info = { dataset: 'd3-li-water', curve: w.id, height, induced_dipole: [...dipoles[i]![k]!] };
      return {
        structure: dimerStructure(pair, slab.species.length, info, energy, periodicity),
        coordinate: height,
        energies: energy,
      };
    });
    const isolated = dimerStructure(water(heights.at(-1) ?? 0), 3, { curve: w.id }, {});
    return {
      id: w.id,
      monomers: [slabStructure({ curve: w.id }), isolated] as const,
      points,
      inducedDipoles: dipoles[i]!,
    };
  });
  return { provenance, level, heights, curves };
}
