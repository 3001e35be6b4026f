/**
 * Typed errors of the learning library, so that callers (the UI, a worker, the CLI) can tell bad input from a
 * cancelled fit without parsing messages. Every check happens before any expensive work starts.
 */

/** Bad input: `parameter` names the argument or option at fault. */
export class LearnInputError extends Error {
  override name = 'LearnInputError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

/** Arrays whose lengths do not match the stated rows × columns, or two inputs that disagree on a dimension. */
export class ShapeMismatchError extends LearnInputError {
  override name = 'ShapeMismatchError';
}

/** A NaN or ±Infinity in the input; `index` is the flat index of the first one. */
export class NonFiniteValueError extends LearnInputError {
  override name = 'NonFiniteValueError';
  constructor(
    parameter: string,
    readonly index: number,
  ) {
    super(parameter, `value at index ${index} is not finite`);
  }
}

/** Fewer rows than the procedure needs (k folds need ≥ k rows, a committee needs enough to subsample, ...). */
export class TooFewSamplesError extends LearnInputError {
  override name = 'TooFewSamplesError';
  constructor(
    parameter: string,
    readonly needed: number,
    readonly got: number,
    why: string,
  ) {
    super(parameter, `needs at least ${needed} samples (${why}), got ${got}`);
  }
}

/** Thrown between folds, members or draws once the caller's AbortSignal has fired. */
export class FitCancelledError extends Error {
  override name = 'FitCancelledError';
  constructor(readonly stage: string) {
    super(`fit cancelled during ${stage}`);
  }
}
