/**
 * The engine that produced the numbers on screen: every result from the worker reports its status here, and the
 * header shows the latest (so a lost GPU device shows up with the first result computed without it).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EngineStatus } from '../../workers/protocol.ts';

interface EngineState {
  readonly status: EngineStatus | null;
  /** Why the engine worker was last replaced (null when it never was, or the user dismissed it). */
  readonly lost: string | null;
}

const engineState = createStore<EngineState>()(() => ({ status: null, lost: null }));

export function reportEngineStatus(status: EngineStatus): void {
  engineState.setState({ status });
}

/** The worker was replaced: no result on screen comes from the new one yet. */
export function reportEngineLost(reason: string): void {
  engineState.setState({ status: null, lost: reason });
}

export function dismissEngineLost(): void {
  engineState.setState({ lost: null });
}

export function useEngineStatus(): EngineStatus | null {
  return useStore(engineState, (s) => s.status);
}

export const engineStatusNow = (): EngineStatus | null => engineState.getState().status;

export function useEngineLost(): string | null {
  return useStore(engineState, (s) => s.lost);
}

/** The engine behind a number, in a few words. */
export const engineName = (status: EngineStatus): string =>
  status.backend === 'webgpu' ? 'WebGPU, f32' : 'CPU, f64';
