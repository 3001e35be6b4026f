/**
 * A helper thread of the fits' Gram team (see fit-team.ts): given its shared memory, says it is ready and serves
 * jobs there until terminated.
 */
import { serveGramJobs } from '../src/learn/team/gram-helper.ts';
import type { TeamBuffers } from '../src/learn/team/gram-job.ts';

self.onmessage = (event: MessageEvent<TeamBuffers>) => {
  self.postMessage('ready');
  serveGramJobs(event.data);
};
