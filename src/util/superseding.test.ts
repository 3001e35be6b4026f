import { describe, expect, it } from 'vitest';
import { makeStructure } from '../chem/structure.ts';
import { cpuEngine } from '../lode/features.ts';
import { SupersedingChannels } from './superseding.ts';

describe('superseding channels', () => {
  it('a new job on a channel aborts the previous one; other channels are untouched', () => {
    const channels = new SupersedingChannels();
    const first = channels.start('lmax');
    const other = channels.start('separation');
    const second = channels.start('lmax');
    expect(first.signal.aborted).toBe(true);
    expect((first.signal.reason as DOMException).name).toBe('AbortError');
    expect(second.signal.aborted).toBe(false);
    expect(other.signal.aborted).toBe(false);
    channels.finish('lmax', first);
    expect(channels.active).toBe(2);
    channels.finish('lmax', second);
    channels.finish('separation', other);
    expect(channels.active).toBe(0);
  });

  it('jobs without a channel never cancel each other', () => {
    const channels = new SupersedingChannels();
    const a = channels.start();
    const b = channels.start();
    expect(a.signal.aborted || b.signal.aborted).toBe(false);
  });

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
