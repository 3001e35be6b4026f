/** An atomic structure: the common currency of every layer (reader, engine, learning, viewer). */

/** 3×3 cell, rows are the lattice vectors a, b, c (Å), row-major. */
export type Cell = readonly [number, number, number, number, number, number, number, number, number];

/** Per-atom extra column (forces, charges, tags...) kept from extended XYZ. */
export interface AtomArray {
  /** 'R' real, 'I' integer, 'S' string, 'L' logical — the extended-XYZ type letter. */
  readonly type: 'R' | 'I' | 'S' | 'L';
  /** Columns per atom (e.g. 3 for forces). */
  readonly width: number;
  /** Row-major values, length = natoms·width. */
  readonly values: Float64Array | Int32Array | string[] | boolean[];
}

export type InfoValue = number | string | boolean | number[] | string[] | boolean[];

export interface Structure {
  /** Element symbols, one per atom. */
  readonly species: readonly string[];
  /** Cartesian positions (Å), flat [x0, y0, z0, x1, ...]. */
  readonly positions: Float64Array;
  readonly cell?: Cell;
  readonly pbc?: readonly [boolean, boolean, boolean];
  /** Frame-level key=value metadata. */
  readonly info: Readonly<Record<string, InfoValue>>;
  /** Per-atom columns other than species and positions. */
  readonly arrays: Readonly<Record<string, AtomArray>>;
}

export function atomCount(s: Structure): number {
  return s.species.length;
}

export function makeStructure(
  species: readonly string[],
  positions: ArrayLike<number>,
  extra: Partial<Pick<Structure, 'cell' | 'pbc' | 'info' | 'arrays'>> = {},
): Structure {
  if (positions.length !== 3 * species.length) {
    throw new RangeError(`positions has ${positions.length} values, expected ${3 * species.length}`);
  }
  return {
    species: [...species],
    positions: Float64Array.from(positions),
    info: extra.info ?? {},
    arrays: extra.arrays ?? {},
    ...(extra.cell ? { cell: extra.cell } : {}),
    ...(extra.pbc ? { pbc: extra.pbc } : {}),
  };
}
