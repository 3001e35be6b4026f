import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnginePool } from '../src/lode/engine-pool.ts';
import { cpuEngine } from '../src/lode/features.ts';
import { cpuEngineForCores } from './cpu-engine-pool.ts';

afterEach(() => vi.unstubAllGlobals());

describe('cpuEngineForCores', () => {
  it('leaves the page one core and gives the others to a pool of workers', () => {
    vi.stubGlobal('Worker', function Worker() {});
    const engine = cpuEngineForCores(8);
    expect(engine).toBeInstanceOf(EnginePool);
    expect((engine as EnginePool).size).toBe(7);
    expect((cpuEngineForCores(3) as EnginePool).size).toBe(2);
  });

  it("has the workers write into the result's shared memory only where the page is cross-origin isolated", () => {
    vi.stubGlobal('Worker', function Worker() {});
    vi.stubGlobal('crossOriginIsolated', true);
    expect((cpuEngineForCores(3) as EnginePool).sharesMemory).toBe(true);
    vi.stubGlobal('crossOriginIsolated', false);
    expect((cpuEngineForCores(3) as EnginePool).sharesMemory).toBe(false);
  });

  it('computes in the engine worker itself on one or two cores, or where a worker cannot start workers', () => {
    vi.stubGlobal('Worker', function Worker() {});
    expect(cpuEngineForCores(1)).toBe(cpuEngine);
    expect(cpuEngineForCores(2)).toBe(cpuEngine);
    vi.stubGlobal('Worker', undefined);
    expect(cpuEngineForCores(8)).toBe(cpuEngine);
  });
});
