/**
 * A macrotask turn without a timer's delay. Browsers hold back a setTimeout(0) nested more than five deep by at least
 * 4 ms, and a long computation that breathes every few milliseconds nests each turn in the previous one: in the
 * engine worker that was a third of the time spent on features. A message to a port of our own is a task as well
 * (queued behind the messages already waiting, such as a newer request or a ping), without the delay; Node has
 * setImmediate for the same.
 */
function channelTurns(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

let turn: (() => Promise<void>) | undefined;

const nextTurn = () =>
  (turn ??=
    typeof setImmediate === 'function'
      ? () => new Promise<void>((resolve) => setImmediate(resolve))
      : channelTurns())();

/**
 * Gives the event loop a turn (a macrotask, so that a worker reads its messages: a newer request, a ping), then
 * throws the signal's reason if the request was cancelled meanwhile. Long synchronous work calls it between stages.
 */
export function breathe(signal?: AbortSignal): Promise<void> {
  return nextTurn().then(() => signal?.throwIfAborted());
}

/** Runs a generator to its result, breathing at each of its yields (long work written as steps). */
export async function runBreathing<T>(steps: Generator<void, T, void>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await breathe(signal);
  }
}
