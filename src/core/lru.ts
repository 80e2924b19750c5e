// A bounded least-recently-used map for the server's in-process caches: at most `maxEntries` entries and, when a
// weight function is given, at most `maxWeight` in total (e.g. the UTF-16 bytes of cached HTML). Reading an entry makes
// it the most recent; adding past either bound evicts the least recent first. An entry heavier than `maxWeight` alone
// is not kept. A Map keeps insertion order, so re-inserting on read is the recency list.
export interface LruOptions<V> {
  maxEntries: number;
  maxWeight?: number;
  weigh?: (value: V) => number;
}

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly opts: LruOptions<V>) {
    if (!(opts.maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.map.size;
  }

  /** The summed weight of the entries kept (0 without a weight function). */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.delete(key);
    const weight = this.opts.weigh ? this.opts.weigh(value) : 0;
    const max = this.opts.maxWeight ?? Infinity;
    if (weight > max) return this;
    this.map.set(key, { value, weight });
    this.total += weight;
    while (this.map.size > this.opts.maxEntries || this.total > max) {
      const oldest = this.map.keys().next().value as K;
      this.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (!e) return false;
    this.map.delete(key);
    this.total -= e.weight;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}
