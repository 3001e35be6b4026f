/** A Gram team on Node worker threads (see src/learn/team/gram-team.ts), for the benchmarks and tests. */
import { Worker } from 'node:worker_threads';
import { newTeamBuffers } from '../../src/learn/team/gram-job.ts';
import { GramTeam, type GramHelper } from '../../src/learn/team/gram-team.ts';

const ENTRY = new URL('./gram-team-worker.mjs', import.meta.url);

/** A helper thread; resolves once it serves jobs in its shared memory. */
export function startNodeGramHelper(): Promise<GramHelper> {
  const worker = new Worker(ENTRY);
  const buffers = newTeamBuffers();
  worker.postMessage(buffers);
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve({ buffers, terminate: () => void worker.terminate() }));
  });
}

/** A team of `threads` threads in all: this one and threads − 1 helpers. */
export async function createNodeGramTeam(threads: number, patienceMs?: number): Promise<GramTeam> {
  const helpers = await Promise.all(Array.from({ length: Math.max(0, threads - 1) }, startNodeGramHelper));
  return new GramTeam(helpers, patienceMs);
}
