import { describe, expect, it } from 'vitest';
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

  it('cancel aborts the job on one channel only', () => {
    const channels = new SupersedingChannels();
    const background = channels.start('background');
    const main = channels.start('lesson');
    channels.cancel('background');
    channels.cancel('nothing-here');
    expect(background.signal.aborted).toBe(true);
    expect((background.signal.reason as DOMException).name).toBe('AbortError');
    expect(main.signal.aborted).toBe(false);
    expect(channels.active).toBe(1);
  });
});
