/**
 * The datasets the app can load, by id: file in public/data, how it is read and validated, and the credit line shown
 * with it. Both threads use it through a DatasetCache, so each dataset is fetched and validated once per thread.
 */
import { parseExtXyz } from '../chem/extxyz.ts';
import { loadD1 } from './d1.ts';
import { loadD2 } from './d2.ts';
import { loadD3 } from './d3.ts';

interface DatasetEntry<T> {
  readonly file: string;
  readonly title: string;
  /** Where the numbers come from, in one line (shown on screen next to what the dataset feeds). */
  readonly provenance: string;
  readonly format: 'json' | 'text';
  /** Validates and types the raw file (JSON value or text); throws a typed error on bad input. */
  readonly load: (raw: unknown) => T;
}

const entry = <T>(e: DatasetEntry<T>) => e;

export const DATASETS = {
  'd1-ssi': entry({
    file: 'd1-ssi.json',
    title: 'D1: 3380 organic side-chain dimers (SSI), 13 points each',
    provenance: 'GFN2-xTB binding curves computed for this project (public/data/README.md)',
    format: 'json',
    load: loadD1,
  }),
  'd2-h2o-co2': entry({
    file: 'd2-h2o-co2.json',
    title: 'D2: H2O–CO2 binding curves, 33 orientations',
    provenance: 'GFN2-xTB and PBE0-D3(BJ) (NWChem) computed for this project (public/data/README.md)',
    format: 'json',
    load: loadD2,
  }),
  'd3-li-water': entry({
    file: 'd3-li-water.json',
    title: 'D3: a water molecule above Li(100), 81 configurations × 31 heights',
    provenance: 'image-charge model fitted to CP2K PBE-D3 (public/data/README.md)',
    format: 'json',
    load: loadD3,
  }),
  'charge-charge': entry({
    file: 'charge-charge.xyz',
    title: "The paper's 130 charged-dimer frames",
    provenance: 'DFT, from lab-cosmo/atomistic-cookbook (BSD-3-Clause, public/data/charge-charge.LICENSE)',
    format: 'text',
    load: (raw) => parseExtXyz(String(raw)),
  }),
};

export type DatasetId = keyof typeof DATASETS;
export type DatasetOf<I extends DatasetId> = ReturnType<(typeof DATASETS)[I]['load']>;

/** Reads a catalog file (JSON value or text) by its file name. */
export type DatasetReader = (file: string, format: 'json' | 'text') => Promise<unknown>;

/** A reader over HTTP for a page or worker served from `base` (Vite's BASE_URL). */
export function httpReader(base: string): DatasetReader {
  return async (file, format) => {
    const response = await fetch(`${base}data/${file}`);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${file}`);
    return format === 'json' ? response.json() : response.text();
  };
}

/** Each dataset fetched and validated once; a failed load is forgotten so that a retry fetches again. */
export class DatasetCache {
  private readonly loaded = new Map<DatasetId, Promise<unknown>>();

  constructor(private readonly read: DatasetReader) {}

  get<I extends DatasetId>(id: I): Promise<DatasetOf<I>> {
    let entry = this.loaded.get(id);
    if (!entry) {
      const { file, format, load } = DATASETS[id];
      entry = this.read(file, format).then((raw) => load(raw));
      entry.catch(() => this.loaded.delete(id));
      this.loaded.set(id, entry);
    }
    return entry as Promise<DatasetOf<I>>;
  }
}
