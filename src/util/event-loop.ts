/**
 * Gives the event loop a turn (a macrotask, so that a worker reads its messages: a newer request, a ping), then
 * throws the signal's reason if the request was cancelled meanwhile. Long synchronous work calls it between stages.
 */
export function breathe(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => signal?.throwIfAborted());
}
