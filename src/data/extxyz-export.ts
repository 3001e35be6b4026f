/** Extended-XYZ export of any dataset: one frame per binding-curve point, energies in the frame info. */
import { writeExtXyz } from '../chem/extxyz.ts';
import type { BindingCurve } from './curves.ts';

export function datasetToExtXyz(dataset: { readonly curves: readonly BindingCurve[] }): string {
  return writeExtXyz(dataset.curves.flatMap((curve) => curve.points.map((point) => point.structure)));
}
