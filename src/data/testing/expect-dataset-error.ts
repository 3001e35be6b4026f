/** Test helper: a loader must reject the JSON with a DatasetError naming the dataset and the faulty field. */
import { expect } from 'vitest';
import { DatasetError } from '../dataset-error.ts';

export function expectDatasetError(
  load: (json: unknown) => unknown,
  json: unknown,
  dataset: string,
  field: string,
): void {
  try {
    load(json);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).field).toBe(field);
    expect((error as DatasetError).message).toContain(dataset);
    return;
  }
  throw new Error('corrupted dataset was accepted');
}
