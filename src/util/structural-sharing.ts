/**
 * `next` with every part that equals the matching part of `previous` replaced by that part of `previous`: plain
 * objects, arrays and typed arrays are compared by content, anything else by identity (Object.is). A result that
 * equals `previous` entirely is `previous` itself. Lessons receive a fresh copy of their series from the worker on
 * every refresh; sharing what did not change lets memoised views skip redrawing it.
 */
export function shareEqualParts<T>(previous: unknown, next: T): T {
  return share(previous, next) as T;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

type Numbers = ArrayLike<number> & { readonly constructor: unknown };

function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (ArrayBuffer.isView(next) && !(next instanceof DataView)) {
    const a = previous as Numbers;
    const b = next as unknown as Numbers;
    if (!ArrayBuffer.isView(previous) || a.constructor !== b.constructor || a.length !== b.length)
      return next;
    for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i])) return next;
    return previous;
  }
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    const out = next.map((item, i) => share(previous[i], item));
    return out.length === previous.length && out.every((item, i) => item === previous[i]) ? previous : out;
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(previous)) return next;
    const keys = Object.keys(next);
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = share(previous[key], next[key]);
    const same =
      keys.length === Object.keys(previous).length &&
      keys.every((key) => key in previous && out[key] === previous[key]);
    return same ? previous : out;
  }
  return next;
}
