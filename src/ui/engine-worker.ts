/** The one engine worker of the page, shared by every view that computes; it follows the link's engine choice. */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from '../../workers/protocol.ts';
import { viewStore } from './use-view.ts';

let worker: Comlink.Remote<EngineWorkerApi> | null = null;

export function engineWorker(): Comlink.Remote<EngineWorkerApi> {
  if (!worker) {
    const remote = Comlink.wrap<EngineWorkerApi>(
      new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' }),
    );
    // Messages are handled in order, so the policy is in place before any request made after this.
    void remote.setEnginePolicy(viewStore.getState().view.engine);
    viewStore.subscribe((s, previous) => {
      if (s.view.engine !== previous.view.engine) void remote.setEnginePolicy(s.view.engine);
    });
    worker = remote;
  }
  return worker;
}
