/** Test helper: comparing arrays of doubles bit for bit. */

/** Index of the first value whose bits differ (−0 and NaN payloads count), or −1; the lengths must agree. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} and ${b.length}`);
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}
