import { loadD2, type D2Dataset } from '../data/d2.ts';
import { useMountPromise } from './use-mount-promise.ts';

export type DatasetState =
  { status: 'loading' } | { status: 'ready'; dataset: D2Dataset } | { status: 'failed'; message: string };

async function fetchD2(): Promise<DatasetState> {
  const response = await fetch(`${import.meta.env.BASE_URL}data/d2-h2o-co2.json`);
  if (!response.ok) throw new Error(`HTTP ${response.status} for the H2O–CO2 dataset`);
  return { status: 'ready', dataset: loadD2(await response.json()) };
}

/** Fetches and validates the H2O–CO2 dataset (public/data) once. */
export function useD2Dataset(): DatasetState {
  return useMountPromise<DatasetState>(fetchD2, { status: 'loading' }, (message) => ({
    status: 'failed',
    message,
  }));
}
