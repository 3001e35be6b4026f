/**
 * Rows of numbers keyed by a displacement vector: the real-space Ewald sum of a pair of atoms depends on their
 * displacement only, and in a crystal most displacements (reduced into the cell) repeat. Open addressing on the
 * vector's bits (+0 and −0 may share a row: their sums differ at most in the sign of a zero); rows are stored in
 * the order they came. The table takes at most `maxRows` rows, then no new ones.
 * Its arrays outlive a clear(): a table taken with takeTable and handed back with giveBackTable is reused, as first
 * writes to fresh memory cost more than the sums it saves.
 */
import { seededRandom } from '../util/random.ts';
import { reduceDisplacement, type Lattice } from './lattice.ts';

const bits = new Float64Array(3);
const words = new Uint32Array(bits.buffer);

export class DisplacementTable {
  /** Row r: the key (x, y, z) at [r·stride], then its `width` numbers from [r·stride + 3]. */
  rows: Float64Array;
  readonly stride: number;
  /** Per slot: 1 + the row of the key there, or 0. */
  private index: Int32Array;
  private count = 0;

  constructor(
    readonly width: number,
    readonly maxRows: number,
    capacity = 1024,
  ) {
    this.stride = width + 3;
    this.index = new Int32Array(2 * capacity);
    this.rows = new Float64Array(this.stride * capacity);
  }

  /** Forgets every row, keeping the arrays. */
  clear(): void {
    this.index.fill(0);
    this.count = 0;
  }

  /** The row of (x, y, z), or −1. */
  find(x: number, y: number, z: number): number {
    return this.index[this.probe(x, y, z)] - 1;
  }

  /** A new row for (x, y, z), absent before (its numbers to be written by the caller), or −1 once the table is full. */
  insert(x: number, y: number, z: number): number {
    if (this.count >= this.maxRows) return -1;
    if (2 * (this.count + 1) > this.index.length) this.grow();
    const row = this.count++;
    this.index[this.probe(x, y, z)] = row + 1;
    const at = row * this.stride;
    this.rows[at] = x;
    this.rows[at + 1] = y;
    this.rows[at + 2] = z;
    return row;
  }

  /** The slot holding (x, y, z), or the empty one where it would go. */
  private probe(x: number, y: number, z: number): number {
    bits[0] = x;
    bits[1] = y;
    bits[2] = z;
    let hash = 0x811c9dc5;
    for (let w = 0; w < 6; w++) hash = Math.imul(hash ^ words[w], 0x01000193);
    const mask = this.index.length - 1;
    const { index, rows, stride } = this;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const row = index[slot] - 1;
      if (row < 0) return slot;
      const at = row * stride;
      if (rows[at] === x && rows[at + 1] === y && rows[at + 2] === z) return slot;
    }
  }

  private grow(): void {
    const capacity = this.index.length;
    const rows = new Float64Array(2 * this.stride * capacity);
    rows.set(this.rows);
    this.rows = rows;
    this.index = new Int32Array(2 * capacity);
    for (let row = 0; row < this.count; row++) {
      const at = row * this.stride;
      this.index[this.probe(rows[at], rows[at + 1], rows[at + 2])] = row + 1;
    }
  }
}

let spare: DisplacementTable | null = null;

/** An empty table: the one last handed back when it fits, or a new one. */
export function takeTable(width: number, maxRows: number): DisplacementTable {
  const table =
    spare?.width === width && spare.maxRows === maxRows ? spare : new DisplacementTable(width, maxRows);
  spare = null;
  table.clear();
  return table;
}

/** Hands a table back for the next takeTable. */
export function giveBackTable(table: DisplacementTable): void {
  spare = table;
}

/** Pairs drawn by distinctDisplacementShare. */
const DRAWN_PAIRS = 2048;

/**
 * The share of a real-space loop's pairs of `atoms` (each unordered pair once, in either order) whose displacement
 * (reduced into the cell) no pair before had: 1 when none repeat, about 2/u in a crystal of u cells (a displacement
 * and its opposite both occur). That is 2D/(n(n−1)) for D distinct displacements among the ordered pairs, D
 * estimated from DRAWN_PAIRS of them drawn at random (seeded: a structure always gets the same estimate): with D
 * equally common, two draws coincide with probability 1/D (common ones weigh more: D is underestimated where they
 * mix with rare ones, as a molecule's pairs with a crystal's).
 */
export function distinctDisplacementShare(
  lattice: Lattice,
  positions: Float64Array,
  atoms: ArrayLike<number>,
): number {
  const n = atoms.length;
  if (n < 2) return 1;
  const random = seededRandom(n);
  const counts = new DisplacementTable(1, DRAWN_PAIRS);
  const d = new Float64Array(3);
  let coincidences = 0;
  for (let draw = 0; draw < DRAWN_PAIRS; draw++) {
    const i = Math.floor(random() * n);
    const other = Math.floor(random() * (n - 1));
    const j = other < i ? other : other + 1;
    for (let x = 0; x < 3; x++) d[x] = positions[3 * atoms[j] + x] - positions[3 * atoms[i] + x];
    reduceDisplacement(lattice, d);
    const row = counts.find(d[0], d[1], d[2]);
    if (row < 0) {
      counts.rows[counts.insert(d[0], d[1], d[2]) * counts.stride + 3] = 1;
    } else {
      coincidences += counts.rows[row * counts.stride + 3]++;
    }
  }
  const distinct = (DRAWN_PAIRS * (DRAWN_PAIRS - 1)) / 2 / Math.max(coincidences, 1);
  return Math.min(1, (2 * distinct) / (n * (n - 1)));
}
