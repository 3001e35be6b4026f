import { useEffect, useState } from 'react';
import { DatasetCache, DATASETS, httpReader, type DatasetId, type DatasetOf } from '../data/catalog.ts';

/** The page's datasets: each fetched and validated once (the worker holds its own copy). */
const datasets = new DatasetCache(httpReader(import.meta.env.BASE_URL));

export type DatasetState<T> =
  | { status: 'loading'; title: string }
  | { status: 'ready'; dataset: T; title: string }
  | { status: 'failed'; message: string; title: string };

/** A catalog dataset for a view; a failure is shown with the dataset's title. */
export function useDataset<I extends DatasetId>(id: I): DatasetState<DatasetOf<I>> {
  const { title } = DATASETS[id];
  const [state, setState] = useState<DatasetState<DatasetOf<I>>>({ status: 'loading', title });
  useEffect(() => {
    let live = true;
    datasets.get(id).then(
      (dataset) => live && setState({ status: 'ready', dataset, title }),
      (e: unknown) =>
        live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e), title }),
    );
    return () => {
      live = false;
    };
  }, [id, title]);
  return state;
}
