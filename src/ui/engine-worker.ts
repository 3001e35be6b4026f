/**
 * The one engine worker of the page, shared by every view that computes; it follows the link's engine choice.
 * A worker that dies (an error event, or no answer to a ping within PING_TIMEOUT_MS while requests are pending) is
 * terminated and replaced: its pending requests reject with WorkerLostError, so that views can ask again, and the
 * header is told why.
 */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from '../../workers/protocol.ts';
import { LossGuard } from '../util/loss-guard.ts';
import { reportEngineLost } from './engine-status.ts';
import { viewStore } from './use-view.ts';

export class WorkerLostError extends Error {
  override name = 'WorkerLostError';
}

const PING_EVERY_MS = 3000;
/**
 * Longer than any synchronous stretch of work in the worker, with room for a slow or busy machine: long work gives
 * the event loop a turn between its steps (feature chunks, cross-validation folds, committee members, learning-curve
 * fits), each a second or two at most on a laptop, and the dimer dataset builds its structures per class as used.
 */
const PING_TIMEOUT_MS = 15_000;

type Remote = Comlink.Remote<EngineWorkerApi>;

interface Instance {
  readonly remote: Remote;
  /** Its calls, rejected with WorkerLostError when this worker is given up. */
  readonly calls: LossGuard;
  fail(reason: string): void;
}

let instance: Instance | null = null;
let pending = 0;
let watchdog: number | undefined;

function start(): Instance {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<EngineWorkerApi>(worker);
  const calls = new LossGuard();
  const started: Instance = {
    remote,
    calls,
    fail(reason) {
      if (instance !== started) return;
      instance = null;
      worker.terminate();
      calls.fail(new WorkerLostError(`The engine stopped (${reason}); it was restarted.`));
      reportEngineLost(reason);
    },
  };
  worker.addEventListener('error', (e) => started.fail(`the worker crashed: ${e.message || 'error'}`));
  worker.addEventListener('messageerror', () =>
    started.fail('the worker sent a message that could not be read'),
  );
  // Messages are handled in order, so the policy is in place before any request made after this.
  void remote.setEnginePolicy(viewStore.getState().view.engine);
  return started;
}

function current(): Instance {
  instance ??= start();
  return instance;
}

viewStore.subscribe((s, previous) => {
  if (instance && s.view.engine !== previous.view.engine) void instance.remote.setEnginePolicy(s.view.engine);
});

/** While requests are pending, pings the worker; one left unanswered for PING_TIMEOUT_MS gives the worker up. */
function watch(): void {
  if (watchdog !== undefined) return;
  watchdog = window.setInterval(() => {
    if (pending === 0) {
      window.clearInterval(watchdog);
      watchdog = undefined;
      return;
    }
    const watched = instance;
    if (!watched) return;
    const timer = window.setTimeout(() => watched.fail('the worker stopped answering'), PING_TIMEOUT_MS);
    watched.remote.ping().then(
      () => window.clearTimeout(timer),
      () => undefined,
    );
  }, PING_EVERY_MS);
}

function call<T>(request: (remote: Remote) => Promise<T>): Promise<T> {
  const worker = current();
  pending++;
  watch();
  return worker.calls.guard(request(worker.remote)).finally(() => pending--);
}

type Args<K extends keyof Remote> = Remote[K] extends (...args: infer A) => unknown ? A : never;

const api = {
  lesson: (...args: Args<'lesson'>) => call((r) => r.lesson(...args)),
  featurize: (...args: Args<'featurize'>) => call((r) => r.featurize(...args)),
  cancel: (channel: string) => call((r) => r.cancel(channel)),
  fitThreads: () => call((r) => r.fitThreads()),
};

export function engineWorker(): typeof api {
  return api;
}
