/** D3's targets as flat arrays in the order of the features' rows (curve after curve, heights in order). */
import type { D3Dataset } from '../../data/d3.ts';

/** Binding energies (eV) of every point at the dataset's level of theory. */
export function curveEnergies(dataset: D3Dataset): Float64Array {
  return Float64Array.from(dataset.curves.flatMap((c) => c.points.map((p) => p.energies[dataset.level]!)));
}

/** Induced dipoles P^W (e·Å) of every point, points × 3. */
export function curveDipoles(dataset: D3Dataset): Float64Array {
  return Float64Array.from(dataset.curves.flatMap((c) => c.inducedDipoles.flat()));
}
