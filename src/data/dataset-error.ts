import { printable } from '../util/printable.ts';

/**
 * A dataset file that does not have the shape its loader expects: names the dataset and the offending field. The
 * message is one line: control characters of quoted values are escaped (see printable).
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly dataset: string;
  /** JSON path of the offending field, e.g. `dimers[3].energies[12]`. */
  readonly field: string;
  /** The message without the location prefix. */
  readonly detail: string;

  constructor(dataset: string, field: string, detail: string) {
    const safe = printable(detail);
    super(`${dataset}: ${printable(field)}: ${safe}`);
    this.dataset = dataset;
    this.field = field;
    this.detail = safe;
  }
}
