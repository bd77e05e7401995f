// Test helper for the attack suite: after the attacks ran, two compartments must share no mutable
// state: every object reachable from both global objects (own properties, accessors and prototypes,
// walked without calling getters) is frozen.
import type { Compartment } from '../../src/index.js';

interface Assertions {
  deepEqual: (actual: unknown, expected: unknown, message?: string) => void;
  true: (actual: boolean, message?: string) => void;
}

const reachable = (root: object): Map<object, string> => {
  const seen = new Map<object, string>();
  const queue: [object, string][] = [[root, 'globalThis']];
  while (queue.length > 0) {
    const [object, path] = queue.shift()!;
    if (seen.has(object)) continue;
    seen.set(object, path);
    const proto = Reflect.getPrototypeOf(object);
    if (proto !== null) queue.push([proto, `${path}.__proto__`]);
    for (const key of Reflect.ownKeys(object)) {
      const desc = Reflect.getOwnPropertyDescriptor(object, key)!;
      const name = `${path}.${String(key)}`;
      for (const value of [desc.value, desc.get, desc.set]) {
        if ((typeof value === 'object' && value !== null) || typeof value === 'function') queue.push([value, name]);
      }
    }
  }
  return seen;
};

/** Asserts that nothing mutable is reachable from both compartments' global objects. */
export const assertNoSharedMutableState = (t: Assertions, c1: Compartment, c2: Compartment): void => {
  const one = reachable(c1.globalThis);
  const two = reachable(c2.globalThis);
  const mutable: string[] = [];
  let shared = 0;
  for (const [object, path] of one) {
    if (!two.has(object)) continue;
    shared += 1;
    if (!Object.isFrozen(object)) mutable.push(path);
  }
  t.true(shared > 100, 'the shared intrinsics were walked');
  t.deepEqual(mutable, [], 'every object both compartments reach is frozen');
  t.true(!one.has(c2.globalThis) && !two.has(c1.globalThis), 'neither reaches the other global object');
};

/** Runs `source` in a fresh compartment and then checks it against another fresh one. */
export const runThenCompare = (t: Assertions, make: () => Compartment, source: string): void => {
  const attacked = make();
  try {
    attacked.evaluate(source);
  } catch {
    // the attack may fail: what matters is what it leaves behind
  }
  assertNoSharedMutableState(t, attacked, make());
};
