// A least-recently-used cache with a fixed number of entries: a Map keeps insertion order, so
// the first key is the oldest; a hit is moved to the end by deleting and setting it again.
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  hits = 0;
  misses = 0;

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.hits = this.misses = 0;
  }
}

/** Keeps `value` for `key` in a per-word cache and returns it. Bounded by emptying the cache when it
 * is full: in the language core's hot loops that costs nothing per hit, where an LRU's reordering
 * would (a long run of unseen words, garbage input, cannot grow it without limit either way). */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V, max = 200_000): V {
  if (cache.size > max) cache.clear();
  cache.set(key, value);
  return value;
}
