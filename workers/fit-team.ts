/**
 * The engine worker's fits on several threads: a Gram team (src/learn/team) of Web Workers, one per core but the
 * page's and this worker's (at least one). Its threads share memory, which a browser allows only on a page that
 * is cross-origin isolated (served with COOP/COEP headers, see README); elsewhere the fits use this thread alone,
 * and the page says why.
 */
import { newTeamBuffers } from '../src/learn/team/gram-job.ts';
import {
  GramTeam,
  installedGramTeam,
  installGramTeam,
  type GramHelper,
} from '../src/learn/team/gram-team.ts';

export interface FitThreads {
  /** Threads a large Gram sum is split over (1: not split). */
  readonly threads: number;
  /** Why the fits use one thread on a machine with more cores. */
  readonly note: string | null;
}

/** A helper that has not loaded within this long is not waited for: the fits start on one thread. */
const START_TIMEOUT_MS = 20_000;

function startHelper(): Promise<GramHelper> {
  const worker = new Worker(new URL('./fit-team.worker.ts', import.meta.url), { type: 'module' });
  const buffers = newTeamBuffers();
  worker.postMessage(buffers);
  return new Promise<GramHelper>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a helper thread did not start')), START_TIMEOUT_MS);
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'a helper thread failed')));
    worker.addEventListener('message', () => {
      clearTimeout(timer);
      resolve({ buffers, terminate: () => worker.terminate() });
    });
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
}

let started: Promise<FitThreads> | null = null;

/**
 * Starts and installs the team for this thread's fits (once); resolves with what the page may show about it. A
 * team later dismissed (a helper stopped answering: gram-team.ts) is reported as one thread.
 */
export async function fitThreads(
  cores = globalThis.navigator?.hardwareConcurrency ?? 1,
): Promise<FitThreads> {
  const threads = await (started ??= startTeam(cores));
  if (threads.threads > 1 && !installedGramTeam()) {
    return { threads: 1, note: 'a helper thread stopped answering' };
  }
  return threads;
}

async function startTeam(cores: number): Promise<FitThreads> {
  if (cores < 2) return { threads: 1, note: null };
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== 'function') {
    return {
      threads: 1,
      note:
        'this page is not cross-origin isolated, so its threads cannot share memory (the server must send ' +
        'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
    };
  }
  const helpers = await Promise.allSettled(Array.from({ length: Math.max(1, cores - 2) }, startHelper));
  const ready = helpers.flatMap((h) => (h.status === 'fulfilled' ? [h.value] : []));
  const failed = helpers.find((h) => h.status === 'rejected');
  if (failed) {
    for (const helper of ready) helper.terminate();
    return { threads: 1, note: (failed.reason as Error).message };
  }
  const team = new GramTeam(ready);
  installGramTeam(team);
  return { threads: team.threads, note: null };
}
