/** A dataset file that does not have the shape its loader expects: names the dataset and the offending field. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly dataset: string;
  /** JSON path of the offending field, e.g. `dimers[3].energies[12]`. */
  readonly field: string;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(dataset: string, field: string, detail: string) {
    super(`${dataset}: ${field}: ${detail}`);
    this.dataset = dataset;
    this.field = field;
    this.detail = detail;
  }
}
