// A bounded least-recently-used cache keyed by source text, for per-source analysis results.
// Bounded by entry count and by total characters of the keys it retains; sources above a size
// limit are never cached. Uses only the Map methods captured in commons, so a poisoned
// Map.prototype cannot read or corrupt it. No side effects until used.
import { Map, mapDelete, mapFirstKey, mapGet, mapSet } from '../commons.js';

/** An LRU cache from source text to `V`. */
export interface SourceCache<V> {
  /** The cached value for `source`, which becomes the most recently used; undefined on a miss. */
  get(source: string): V | undefined;
  /** Caches `value` for `source` unless the source is over the size limit; evicts the least recently used. */
  set(source: string, value: V): void;
  clear(): void;
  /** The number of cached sources. */
  size(): number;
}

export interface SourceCacheLimits {
  readonly maxEntries: number;
  /** Sources longer than this (in UTF-16 code units) are not cached. */
  readonly maxSourceLength: number;
  /** The retained sources' total length never exceeds this. */
  readonly maxTotalLength: number;
}

export const makeSourceCache = <V>(limits: SourceCacheLimits): SourceCache<V> => {
  const { maxEntries, maxSourceLength, maxTotalLength } = limits;
  let map = new Map<string, V>();
  let count = 0;
  let totalLength = 0;

  const evictOldest = (): void => {
    const oldest = mapFirstKey(map);
    if (oldest === undefined) return;
    mapDelete(map, oldest);
    count -= 1;
    totalLength -= oldest.length;
  };

  return {
    get(source) {
      const value = mapGet(map, source);
      if (value !== undefined) {
        // Reinsert so that Map insertion order is recency order.
        mapDelete(map, source);
        mapSet(map, source, value);
      }
      return value;
    },
    set(source, value) {
      if (source.length > maxSourceLength) return;
      if (mapDelete(map, source)) {
        count -= 1;
        totalLength -= source.length;
      }
      while (count > 0 && (count >= maxEntries || totalLength + source.length > maxTotalLength)) evictOldest();
      mapSet(map, source, value);
      count += 1;
      totalLength += source.length;
    },
    clear() {
      map = new Map<string, V>();
      count = 0;
      totalLength = 0;
    },
    size: () => count,
  };
};
