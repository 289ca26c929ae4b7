/**
 * A bounded least-recently-used map. Compiled kernels hold WebAssembly memories (or GL
 * programs and textures), so the number alive must stay bounded however many shapes a program
 * uses; an evicted value is handed to `onEvict`, which destroys it.
 */

/**
 * A map of at most `capacity` entries that evicts the least recently used one.
 *
 * @example
 * ```ts
 * const cache = new LruCache<string, number>(2, (key) => console.log('evicted', key));
 * cache.getOrCreate('a', () => 1);
 * cache.getOrCreate('b', () => 2);
 * cache.getOrCreate('c', () => 3); // logs "evicted a"
 * ```
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;
  readonly #onEvict: (key: K, value: V) => void;

  /**
   * @param capacity The most entries kept (at least 1).
   * @param onEvict Called with each entry that leaves the cache (eviction or `clear`).
   */
  constructor(capacity: number, onEvict: (key: K, value: V) => void) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruCache: capacity must be a positive integer, got ${capacity}`);
    }
    this.#capacity = capacity;
    this.#onEvict = onEvict;
  }

  /** The number of entries now held. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, created by `create` on a miss; either way it becomes the newest. */
  getOrCreate(key: K, create: () => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // Map iteration order is insertion order: re-inserting makes the entry the newest.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = create();
    this.#entries.set(key, value);
    while (this.#entries.size > this.#capacity) {
      const [oldestKey, oldest] = this.#entries.entries().next().value as [K, V];
      this.#entries.delete(oldestKey);
      this.#onEvict(oldestKey, oldest);
    }
    return value;
  }

  /** Removes every entry, handing each to `onEvict`. */
  clear(): void {
    const all = [...this.#entries];
    this.#entries.clear();
    for (const [key, value] of all) this.#onEvict(key, value);
  }
}
