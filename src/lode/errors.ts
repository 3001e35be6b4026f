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

const flags = (pbc: readonly boolean[]) => pbc.map((p) => (p ? 'T' : 'F')).join(' ');

/**
 * A periodic structure (some pbc flag true) in a request that did not choose `periodic: 'as-clusters'`. The engines
 * compute features of finite clusters only; featurising a periodic structure as one must be asked for.
 */
export class PeriodicStructureError extends StructureInputError {
  override name = 'PeriodicStructureError';
  /** What is wrong, without the advice (callers with their own way to opt in, such as the CLI, reuse it). */
  readonly reason: string;

  constructor(
    structure: number,
    readonly pbc: readonly [boolean, boolean, boolean],
    /** How many structures of the request are periodic, and how many it has. */
    readonly periodicCount: number,
    readonly total: number,
  ) {
    const others = periodicCount > 1 ? `; ${periodicCount} of the ${total} structures are periodic` : '';
    const reason = `periodic (pbc="${flags(pbc)}"${others}), but features of periodic systems are not implemented`;
    super(
      structure,
      `${reason}; set periodic: 'as-clusters' in the request to featurise periodic structures as isolated ` +
        'clusters (the cell is ignored)',
    );
    this.reason = reason;
  }
}
