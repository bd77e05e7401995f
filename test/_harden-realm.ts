// Test helper for harden tests that never call lockdown: fixtures are built inside a fresh realm
// (node:vm), so that hardening their prototypes freezes that realm's intrinsics, not the ones ava
// runs on. Also an invariant checker: everything reachable is frozen (typed arrays: sealed).
import vm from 'node:vm';

export interface Realm {
  /** Evaluates sloppy-mode script source in the realm and returns its completion value. */
  evaluate<T = any>(source: string): T;
}

export const makeRealm = (): Realm => {
  const context = vm.createContext({});
  return { evaluate: <T>(source: string): T => vm.runInContext(source, context) as T };
};

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!
  .get!;
/** True for typed arrays of any realm (a brand check, not a property lookup). */
export const isTypedArray = (x: unknown): boolean => Reflect.apply(typedArrayTag, x, []) !== undefined;

const typedArrayLengthGetter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length')!
  .get!;
/** A typed array's element count, whatever its prototype chain says `length` is. */
export const typedArrayLength = (x: object): number => Reflect.apply(typedArrayLengthGetter, x, []) as number;

const isCanonicalNumeric = (key: string | symbol): boolean =>
  typeof key === 'string' && (key === '-0' || String(Number(key)) === key);

const isObject = (x: unknown): x is object => (typeof x === 'object' && x !== null) || typeof x === 'function';

/** Every object reachable from `root` through own properties (without calling getters) and prototypes. */
export const reachable = (root: unknown): Set<object> => {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (!isObject(x) || seen.has(x)) continue;
    seen.add(x);
    for (const key of Reflect.ownKeys(x)) {
      const desc = Reflect.getOwnPropertyDescriptor(x, key)!;
      if ('value' in desc) stack.push(desc.value);
      else stack.push(desc.get, desc.set);
    }
    stack.push(Reflect.getPrototypeOf(x));
  }
  return seen;
};

/** Describes why `x` is not hardened-shaped, or returns undefined if it is. */
export const notFrozenBecause = (x: object): string | undefined => {
  if (Reflect.isExtensible(x)) return 'extensible';
  const typed = isTypedArray(x);
  for (const key of Reflect.ownKeys(x)) {
    if (typed && isCanonicalNumeric(key)) continue;
    const desc = Reflect.getOwnPropertyDescriptor(x, key)!;
    if (desc.configurable) return `${String(key)} configurable`;
    if ('value' in desc && desc.writable) return `${String(key)} writable`;
  }
  return undefined;
};

/** Objects reachable from `root` that are not frozen (typed arrays: sealed, non-elements locked). */
export const unfrozenReachable = (root: unknown): { object: object; why: string }[] => {
  const problems: { object: object; why: string }[] = [];
  for (const object of reachable(root)) {
    const why = notFrozenBecause(object);
    if (why !== undefined) problems.push({ object, why });
  }
  return problems;
};
