import { useState } from 'react';
import { shareEqualParts } from '../util/structural-sharing.ts';

/**
 * `value`, with the parts equal to those of the value of the previous render kept as they were (shareEqualParts):
 * the same object as before when nothing changed, so memoised children skip rendering. Kept in state, the
 * pattern React gives for information from previous renders.
 */
export function useSharedParts<T>(value: T): T {
  const [previous, setPrevious] = useState(value);
  const shared = shareEqualParts(previous, value);
  if (shared !== previous) setPrevious(shared);
  return shared;
}
