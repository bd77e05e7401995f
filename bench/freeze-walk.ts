// The "native" baseline for harden workloads: a bare recursive Object.freeze walk over own
// property values (data values and accessor functions, via Reflect.ownKeys and
// Object.getOwnPropertyDescriptor, never calling getters) and prototypes, with a visited Set.

/**
 * Freezes everything reachable from `root`. `known` objects (the realm's shared prototypes, frozen
 * once in setup) are not walked again, as harden does not walk intrinsics it already hardened.
 */
export const freezeWalk = <T>(root: T, known: readonly object[] = []): T => {
  const visited = new Set<unknown>(known);
  const visit = (x: unknown): void => {
    if ((typeof x !== 'object' || x === null) && typeof x !== 'function') return;
    if (visited.has(x)) return;
    visited.add(x);
    Object.freeze(x);
    for (const key of Reflect.ownKeys(x)) {
      const desc = Object.getOwnPropertyDescriptor(x, key)!;
      if ('value' in desc) visit(desc.value);
      else {
        visit(desc.get);
        visit(desc.set);
      }
    }
    visit(Object.getPrototypeOf(x));
  };
  visit(root);
  return root;
};
