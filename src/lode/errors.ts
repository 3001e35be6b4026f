/** Bad structures handed to the engine (unknown species, overlapping atoms, non-finite coordinates). */
export class StructureInputError extends Error {
  override name = 'StructureInputError';
  constructor(
    readonly structure: number,
    message: string,
  ) {
    super(`structure ${structure}: ${message}`);
  }
}
