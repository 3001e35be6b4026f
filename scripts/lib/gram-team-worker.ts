/** A helper thread of the fits' Gram team: given its shared memory, says it is ready and serves jobs there. */
import { parentPort } from 'node:worker_threads';
import { serveGramJobs } from '../../src/learn/team/gram-helper.ts';
import type { TeamBuffers } from '../../src/learn/team/gram-job.ts';

parentPort!.once('message', (buffers: TeamBuffers) => {
  parentPort!.postMessage('ready');
  serveGramJobs(buffers);
});
