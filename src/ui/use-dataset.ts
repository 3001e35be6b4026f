import { useEffect, useState } from 'react';
import { loadD2, type D2Dataset } from '../data/d2.ts';

export type DatasetState =
  { status: 'loading' } | { status: 'ready'; dataset: D2Dataset } | { status: 'failed'; message: string };

/** Fetches and validates the H2O–CO2 dataset (public/data) once. */
export function useD2Dataset(): DatasetState {
  const [state, setState] = useState<DatasetState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    fetch(`${import.meta.env.BASE_URL}data/d2-h2o-co2.json`)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status} for the H2O–CO2 dataset`);
        return response.json() as Promise<unknown>;
      })
      .then((json) => live && setState({ status: 'ready', dataset: loadD2(json) }))
      .catch(
        (e: unknown) =>
          live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
