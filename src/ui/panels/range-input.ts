/** What two typed boxes of a range control mean: the range to apply (or none) and what to tell the user. */
import { formatParam, parseParam, type ParamDefinition } from '../../experiments/params.ts';

type RangeDefinition = Extract<ParamDefinition, { kind: 'range' }>;

export interface RangeInput {
  /** The range to apply; null keeps the current one. */
  readonly value: readonly [number, number] | null;
  readonly message: string;
}

/**
 * Values are rounded to the link's precision first (so whatever is applied survives a link), then clamped to the
 * definition's interval; a box that is not a number, or a range that would be empty, is refused.
 */
export function readRangeInput(definition: RangeDefinition, texts: readonly [string, string]): RangeInput {
  const typed = texts.map((text) => (text.trim() === '' ? Number.NaN : Number(Number(text).toFixed(3))));
  if (!typed.every(Number.isFinite)) return { value: null, message: 'Not a number: the range was kept.' };
  const clamped = typed.map((x) => Math.min(definition.max, Math.max(definition.min, x)));
  if (clamped[0]! >= clamped[1]!)
    return { value: null, message: '"From" must be below "to": the range was kept.' };
  const value: [number, number] = [clamped[0]!, clamped[1]!];
  // Guard: what is applied must decode from a link as itself.
  if (!parseParam(definition, formatParam(definition, value)).ok) {
    return { value: null, message: 'This range cannot be kept in a link: the range was kept.' };
  }
  const limited = clamped.some((x, i) => x !== typed[i]);
  const unit = definition.unit ? ` ${definition.unit}` : '';
  return { value, message: limited ? `Limited to ${definition.min}–${definition.max}${unit}.` : '' };
}
