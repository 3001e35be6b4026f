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
 * A periodic structure (some pbc flag true, and not `periodic: 'as-clusters'`) sent to an engine that computes finite
 * clusters only (the WebGPU engine): the CPU engine computes periodic features.
 */
export class PeriodicStructureError extends StructureInputError {
  override name = 'PeriodicStructureError';

  constructor(
    structure: number,
    readonly pbc: readonly [boolean, boolean, boolean],
    /** How many structures of the request are periodic, and how many it has. */
    readonly periodicCount: number,
    readonly total: number,
  ) {
    const others = periodicCount > 1 ? `; ${periodicCount} of the ${total} structures are periodic` : '';
    super(
      structure,
      `periodic (pbc="${flags(pbc)}"${others}), but the WebGPU engine computes finite clusters only; use the CPU ` +
        "engine for periodic features, or set periodic: 'as-clusters' to featurise the atoms as isolated clusters",
    );
  }
}
