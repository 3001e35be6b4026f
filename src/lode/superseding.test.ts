/** The CPU engine under the worker's SupersedingChannels: a superseded request really stops. */
import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { SupersedingChannels } from '../util/superseding.ts';
import { cpuEngine } from './features.ts';

describe('CPU engine cancellation', () => {
  it('a superseded CPU computation stops early with an AbortError, the latest one completes', async () => {
    const channels = new SupersedingChannels();
    const structures = Array.from({ length: 400 }, (_, i) =>
      makeStructure(['O', 'H', 'H'], [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0.01 * i]),
    );
    const hypers = { cutoff: 3, sigma: 0.3, nMax: 6, lMax: 4, species: ['H', 'O'] };
    let firstProgress = 0;
    const stale = channels.start('drag');
    const staleRun = cpuEngine.compute({
      structures,
      hypers,
      kinds: ['rho-V'],
      signal: stale.signal,
      onProgress: (done) => (firstProgress = done),
    });
    const fresh = channels.start('drag');
    const freshRun = cpuEngine.compute({
      structures: structures.slice(0, 2),
      hypers,
      kinds: ['rho-V'],
      signal: fresh.signal,
    });
    await expect(staleRun).rejects.toMatchObject({ name: 'AbortError' });
    expect(firstProgress).toBeLessThan(structures.length);
    expect((await freshRun).rows).toBe(2);
  });
});
