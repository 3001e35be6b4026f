/**
 * Gives the event loop a turn (a macrotask, so that a worker reads its messages: a newer request, a ping), then
 * throws the signal's reason if the request was cancelled meanwhile. Long synchronous work calls it between stages.
 */
export function breathe(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => signal?.throwIfAborted());
}

/** Runs a generator to its result, breathing at each of its yields (long work written as steps). */
export async function runBreathing<T>(steps: Generator<void, T, void>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await breathe(signal);
  }
}
