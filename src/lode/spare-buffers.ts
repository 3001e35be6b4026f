/**
 * `length` zeros in new memory, every page of it first touched by a write. The engine adds its vectors into its
 * output (a read, then a write), and on memory new to the process a read maps a shared page of zeros that the write
 * must then copy: two page faults a page instead of one (measured when the power spectra were added too, 2000 dimers
 * at n_max 4, l_max 3: 49 700 → 24 900 faults and 370 → 330 ms per request on a 2-core VM). The power spectra are
 * now written block by block, but their memory taken this way was still not slower than left untouched (130 frames:
 * 52–54 against 60–64 ms).
 */
export function writtenZeros(length: number): Float64Array {
  return new Float64Array(length).fill(0);
}

/**
 * Memory of the engine pool's finished part outputs, handed back to its workers for their next parts where the pool
 * cannot share its result's memory with them (see PartJoin): the first writes to fresh memory cost a page fault per
 * 4 KiB, which on some virtual machines took as long as computing the rows (≈ 15 µs a page, 4 ms per MB), and a
 * pool would otherwise pay them twice (a part's rows, then the joined result).
 */
export class SpareBuffers {
  private buffers: ArrayBuffer[] = [];

  /** Keeps at most `limit` buffers, the largest. */
  constructor(private readonly limit: number) {}

  add(buffers: Iterable<ArrayBufferLike>): void {
    for (const buffer of buffers) {
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) this.buffers.push(buffer);
    }
    this.buffers.sort((a, b) => b.byteLength - a.byteLength);
    this.buffers.length = Math.min(this.buffers.length, this.limit);
  }

  /** Up to `count` buffers, the largest, given away. */
  take(count: number): ArrayBuffer[] {
    return this.buffers.splice(0, count);
  }

  /** `length` zeros, in the smallest buffer kept that holds them (given away), or in new memory. */
  zeros(length: number): Float64Array {
    const bytes = length * Float64Array.BYTES_PER_ELEMENT;
    if (bytes === 0) return new Float64Array(0);
    const fits = this.buffers.findLastIndex((buffer) => buffer.byteLength >= bytes);
    if (fits < 0) return writtenZeros(length);
    const [buffer] = this.buffers.splice(fits, 1);
    return new Float64Array(buffer, 0, length).fill(0);
  }
}
