import { printable } from '../util/printable.ts';

/**
 * Bad structures handed to the engine (unknown species, overlapping atoms, non-finite coordinates). Control
 * characters of quoted input are escaped.
 */
export class StructureInputError extends Error {
  override name = 'StructureInputError';
  /** What is wrong, without the structure's number. */
  readonly detail: string;
  constructor(
    readonly structure: number,
    message: string,
  ) {
    super(`structure ${structure}: ${printable(message)}`);
    this.detail = printable(message);
  }
}
