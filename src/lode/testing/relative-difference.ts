/** Largest |value − reference| over the largest |reference|: the relative deviation of a whole array. */
export function maxRelativeDifference(reference: ArrayLike<number>, value: ArrayLike<number>): number {
  if (reference.length !== value.length) {
    throw new RangeError(`lengths differ: ${reference.length} and ${value.length}`);
  }
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    worst = Math.max(worst, Math.abs(value[i] - reference[i]));
  }
  return worst / scale;
}
