/**
 * The Chromium side of e2e/fit-threads.spec.ts: window.splitGram runs a Gram sum (and solves with it) in a worker (the page's own
 * thread may not wait on shared memory) whose fits use the team of Web Workers the engine worker would start.
 */
import type { GramProbeRequest, GramProbeResult } from './fit-team-probe.worker.ts';

declare global {
  interface Window {
    splitGram(request: GramProbeRequest): Promise<GramProbeResult>;
  }
}

window.splitGram = (request) => {
  const worker = new Worker(new URL('./fit-team-probe.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GramProbeResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<GramProbeResult>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
};
