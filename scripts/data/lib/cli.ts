/** Options shared by the dataset generators. */

export interface DataOptions {
  /** Only the first N items (orientations, dimers) of the generator's reproducible order. */
  readonly subset?: number;
  /** Only these item ids. */
  readonly only?: readonly string[];
  /** Program processes run at a time. */
  readonly jobs: number;
  /** Cache of per-point results. */
  readonly workDir: string;
  /** Generator-specific flags (`--name value`). */
  readonly extra: ReadonlyMap<string, string>;
}

export class DataUsageError extends Error {
  override readonly name = 'DataUsageError';
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new DataUsageError(`${flag} needs a positive integer, got ${value}`);
  return n;
}

export function parseDataArgs(argv: readonly string[], known: readonly string[] = []): DataOptions {
  let subset: number | undefined;
  let only: string[] | undefined;
  let jobs = 2;
  let workDir = 'data-work';
  const extra = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new DataUsageError(`${flag} needs a value`);
    i++;
    if (flag === '--subset') subset = positiveInteger(flag, value);
    else if (flag === '--only') only = value.split(',').filter(Boolean);
    else if (flag === '--jobs') jobs = positiveInteger(flag, value);
    else if (flag === '--work-dir') workDir = value;
    else if (known.includes(flag)) extra.set(flag, value);
    else throw new DataUsageError(`unknown option ${flag}`);
  }
  return { jobs, workDir, extra, ...(subset ? { subset } : {}), ...(only ? { only } : {}) };
}

/** Applies --only / --subset to items in their reproducible order. */
export function selectItems<T extends { readonly id: string }>(
  items: readonly T[],
  options: DataOptions,
): T[] {
  if (options.only) {
    const unknown = options.only.filter((id) => !items.some((item) => item.id === id));
    if (unknown.length) throw new DataUsageError(`unknown ids: ${unknown.join(', ')}`);
    return items.filter((item) => options.only!.includes(item.id));
  }
  return options.subset ? items.slice(0, options.subset) : [...items];
}
