/**
 * The engine that produced the numbers on screen: every result from the worker reports its status here, and the
 * header shows the latest (so a lost GPU device shows up with the first result computed without it).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EngineStatus } from '../../workers/protocol.ts';

const engineStatus = createStore<{ status: EngineStatus | null }>()(() => ({ status: null }));

export function reportEngineStatus(status: EngineStatus): void {
  engineStatus.setState({ status });
}

export function useEngineStatus(): EngineStatus | null {
  return useStore(engineStatus, (s) => s.status);
}

/** The engine behind a number, in a few words. */
export const engineName = (status: EngineStatus): string =>
  status.backend === 'webgpu' ? 'WebGPU, f32' : 'CPU, f64';
