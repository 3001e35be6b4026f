/** A Map that keeps only its `capacity` most recently used entries: for results too large to keep them all. */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, computed by `make` (and kept) when missing. */
  get(key: K, make: () => V): V {
    const value = this.entries.has(key) ? this.entries.get(key)! : make();
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  peek(key: K): V | undefined {
    return this.entries.get(key);
  }
}
