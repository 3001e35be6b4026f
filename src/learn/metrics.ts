/**
 * Error metrics. Standard deviations are population ones (divide by n), so RMSE% = RMSE / std(targets) · 100 is
 * 100 % for the constant prediction mean(targets).
 */
import { ShapeMismatchError } from './errors.ts';

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function standardDeviation(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / values.length);
}

function checkPair(predicted: ArrayLike<number>, target: ArrayLike<number>): void {
  if (predicted.length !== target.length) {
    throw new ShapeMismatchError(
      'predicted',
      `has ${predicted.length} values, targets have ${target.length}`,
    );
  }
}

export function sumSquaredError(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  checkPair(predicted, target);
  let s = 0;
  for (let i = 0; i < target.length; i++) s += (predicted[i] - target[i]) ** 2;
  return s;
}

export function rmse(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  return Math.sqrt(sumSquaredError(predicted, target) / target.length);
}

export function rmsePercent(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  return (100 * rmse(predicted, target)) / standardDeviation(target);
}

export function mae(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  checkPair(predicted, target);
  let s = 0;
  for (let i = 0; i < target.length; i++) s += Math.abs(predicted[i] - target[i]);
  return s / target.length;
}

/** RMSE of 3-vectors (rows × 3): sqrt(mean_r |ŷ_r − y_r|²), the norm of the error vector averaged over rows. */
export function vectorRmse(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  checkPair(predicted, target);
  return Math.sqrt(sumSquaredError(predicted, target) / (target.length / 3));
}

/** vectorRmse / sqrt(mean_r |y_r − ȳ|²) · 100, with ȳ the mean target vector. */
export function vectorRmsePercent(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  const rows = target.length / 3;
  let spread = 0;
  for (let k = 0; k < 3; k++) {
    const component = Float64Array.from({ length: rows }, (_, r) => target[3 * r + k]);
    spread += standardDeviation(component) ** 2;
  }
  return (100 * vectorRmse(predicted, target)) / Math.sqrt(spread);
}

export interface Summary {
  readonly mean: number;
  /** Population standard deviation over the values (0 for a single value). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export function summarize(values: readonly number[]): Summary {
  return {
    mean: mean(values),
    std: standardDeviation(values),
    min: Math.min(...values),
    max: Math.max(...values),
    values: [...values],
  };
}
