/** Fits the image-charge model's short-range and image-plane parameters to reference binding energies. */
import { levenbergMarquardt } from '../learn/least-squares.ts';
import { waterOnConductor, type ImageModelParameters, type Surface } from './image-model.ts';

export interface ReferencePoint {
  /** Water [O, H, H] positions (Å). */
  readonly water: readonly number[];
  readonly surface: Surface;
  /** Reference binding energy (eV). */
  readonly energy: number;
}

const ORDER = ['imagePlane', 'smearing', 'repulsionO', 'repulsionH', 'repulsionLength', 'c3'] as const;
/**
 * The optimiser sees prefactors and C3 on a log scale, so that all unknowns are of order one. Bounds: image plane
 * within the first interlayer spacing, a smearing that keeps the induced dipole stable, sensible decay lengths.
 */
const LOG = new Set<string>(['repulsionO', 'repulsionH', 'c3']);
const MIN = [0, 0.4, Math.log(1e-3), Math.log(1e-3), 0.1, Math.log(1e-3)];
const MAX = [1.75, 1.5, Math.log(1e5), Math.log(1e5), 1, Math.log(100)];
export const INITIAL_PARAMETERS: ImageModelParameters = {
  imagePlane: 1,
  smearing: 0.6,
  repulsionO: 500,
  repulsionH: 50,
  repulsionLength: 0.4,
  c3: 3,
};

const toVector = (p: ImageModelParameters) => ORDER.map((key) => (LOG.has(key) ? Math.log(p[key]) : p[key]));
const fromVector = (v: readonly number[]): ImageModelParameters =>
  Object.fromEntries(
    ORDER.map((key, i) => [key, LOG.has(key) ? Math.exp(v[i]!) : v[i]!]),
  ) as unknown as ImageModelParameters;

export interface ImageModelFit {
  readonly parameters: ImageModelParameters;
  /** Root-mean-square and mean absolute error (eV) over the reference points, and the weighted RMS. */
  readonly rmse: number;
  readonly mae: number;
  readonly iterations: number;
}

/**
 * Weighted least squares (Levenberg–Marquardt with bounds). Weights 1/(|E| + `scale`) keep the few strongly
 * repulsive points from dominating the attractive well and the long-range tail.
 */
export function fitImageModel(
  points: readonly ReferencePoint[],
  initial: ImageModelParameters = INITIAL_PARAMETERS,
  scale = 0.05,
): ImageModelFit {
  const result = levenbergMarquardt(
    {
      start: toVector(initial),
      lower: MIN,
      upper: MAX,
      residuals: (v) => {
        const params = fromVector(Array.from(v));
        return Float64Array.from(
          points,
          (p) =>
            (waterOnConductor(p.water, p.surface, params).energy - p.energy) / (Math.abs(p.energy) + scale),
        );
      },
    },
    { maxIterations: 300 },
  );
  const parameters = fromVector(Array.from(result.x));
  const errors = points.map((p) => waterOnConductor(p.water, p.surface, parameters).energy - p.energy);
  return {
    parameters,
    rmse: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length),
    mae: errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length,
    iterations: result.iterations,
  };
}
