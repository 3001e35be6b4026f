/** The one engine worker of the page, shared by every view that computes. */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from '../../workers/protocol.ts';

let worker: Comlink.Remote<EngineWorkerApi> | null = null;

export function engineWorker(): Comlink.Remote<EngineWorkerApi> {
  worker ??= Comlink.wrap<EngineWorkerApi>(
    new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' }),
  );
  return worker;
}
