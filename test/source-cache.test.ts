// The bounded LRU cache behind source analysis (src/compartment/source-cache.ts): recency order,
// entry and size limits, and immunity to a poisoned Map.prototype. Unit test: never calls lockdown.
import test from 'ava';
import { makeSourceCache } from '../src/compartment/source-cache.js';
import { analyzeSource, resetSourceAnalysisCache, sourceAnalysisCacheSize } from '../src/compartment/analyze-source.js';

test('evicts the least recently used entry when full', t => {
  const cache = makeSourceCache<number>({ maxEntries: 3, maxSourceLength: 100, maxTotalLength: 1000 });
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  t.is(cache.get('a'), 1); // a is now the most recent
  cache.set('d', 4); // evicts b
  t.is(cache.get('b'), undefined);
  t.deepEqual([cache.get('a'), cache.get('c'), cache.get('d')], [1, 3, 4]);
  t.is(cache.size(), 3);
  cache.set('a', 5); // replacing does not grow the cache
  t.is(cache.size(), 3);
  t.is(cache.get('a'), 5);
  cache.clear();
  t.is(cache.size(), 0);
  t.is(cache.get('a'), undefined);
});

test('never caches a source over the size limit, and bounds the total size', t => {
  const cache = makeSourceCache<number>({ maxEntries: 100, maxSourceLength: 10, maxTotalLength: 25 });
  cache.set('x'.repeat(11), 1);
  t.is(cache.size(), 0);
  cache.set('a'.repeat(10), 1);
  cache.set('b'.repeat(10), 2);
  cache.set('c'.repeat(10), 3); // 30 > 25: evicts the a's
  t.is(cache.get('a'.repeat(10)), undefined);
  t.is(cache.get('b'.repeat(10)), 2);
  t.is(cache.get('c'.repeat(10)), 3);
  t.is(cache.size(), 2);
});

test('works with a poisoned Map.prototype and Map iterator', t => {
  const cache = makeSourceCache<number>({ maxEntries: 2, maxSourceLength: 100, maxTotalLength: 1000 });
  const MapIteratorPrototype = Object.getPrototypeOf(new Map().keys());
  const saved = [
    [Map.prototype, Object.getOwnPropertyDescriptors(Map.prototype)],
    [MapIteratorPrototype, Object.getOwnPropertyDescriptors(MapIteratorPrototype)],
  ] as const;
  const results: unknown[] = [];
  const poison = (): never => {
    throw new Error('poisoned');
  };
  try {
    for (const name of ['get', 'set', 'has', 'delete', 'keys', 'entries', 'clear']) {
      Object.defineProperty(Map.prototype, name, { value: poison, configurable: true, writable: true });
    }
    Object.defineProperty(MapIteratorPrototype, 'next', { value: poison, configurable: true, writable: true });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // evicts a through the captured iterator
    results.push(cache.get('a'), cache.get('c'));
    resetSourceAnalysisCache();
    results.push(analyzeSource('x + y', 'expression').freeNames.join(), sourceAnalysisCacheSize());
  } finally {
    for (const [target, descriptors] of saved) Object.defineProperties(target, descriptors);
  }
  // Asserted after restoring: ava itself uses Map.
  t.deepEqual(results, [undefined, 3, 'x,y', 1]);
});
