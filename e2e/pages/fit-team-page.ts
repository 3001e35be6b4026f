/**
 * The Chromium side of e2e/fit-threads.spec.ts: window.splitGram runs a Gram sum in a worker (the page's own
 * thread may not wait on shared memory) whose fits use the team of Web Workers the engine worker would start.
 */
import type { GramProbeResult } from './fit-team-probe.worker.ts';

declare global {
  interface Window {
    splitGram(rows: number, cols: number, seed: number): Promise<GramProbeResult>;
  }
}

window.splitGram = (rows, cols, seed) => {
  const worker = new Worker(new URL('./fit-team-probe.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GramProbeResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<GramProbeResult>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ rows, cols, seed });
  }).finally(() => worker.terminate());
};
