/**
 * LODE Explorer learning library: ridge, streaming ridge, cross-validation, calibrated committees, learning
 * curves, kernel mixing, tensor (λ = 1) ridge, binding-energy models and a fixed point-charge baseline.
 * Pure TypeScript in f64, no DOM: runs in a Web Worker and in Node. See README.md in this folder.
 */
export * from './errors.ts';
export type { FitControl, Progress } from './control.ts';
export { fromRows, hstack, matrix64, selectRows, selectValues, type Matrix64 } from './matrix.ts';
export * from './metrics.ts';
export { permutation, kFolds, subsample } from './sampling.ts';
export {
  predictRidge,
  predictRidgeModels,
  type RidgeData,
  type RidgeForm,
  type RidgeModel,
  type RidgeOptions,
  type RidgeSettings,
} from './ridge-model.ts';
export { fitRidge, ridgeProblem, type RidgeProblem, type SharedProblem } from './ridge.ts';
export { CONDITION_LIMIT, type Solver } from './linalg.ts';
export type { NormalStats, RowBlock } from './normal-equations.ts';
export {
  RidgeAccumulator,
  residualSumOfSquares,
  type StreamingCvResult,
  type StreamingOptions,
} from './streaming.ts';
export {
  cvRidge,
  cvRidgeGrouped,
  cvRidgeGroupedSteps,
  defaultAlphas,
  logGrid,
  type CvOptions,
  type CvResult,
  type CvScore,
  type FoldOptions,
} from './cv.ts';
export * from './committee.ts';
export * from './learning-curve.ts';
export * from './group-learning.ts';
export { kernelBlock, linearKernel, mixKernels, normalizeRows, squaredKernel } from './kernel-matrices.ts';
export * from './kernel-ridge.ts';
export * from './tensor.ts';
export * from './binding.ts';
// Monomers of a dimer for the binding features; connectivity lives with the structures in src/chem.
export { bondedFragments, splitFragments } from '../chem/fragments.ts';
export * from './point-charges.ts';
