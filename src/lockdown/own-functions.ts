// The registry of functions Permafrost itself made to replace or extend intrinsics (tamed Date
// methods, inert constructors, override accessors, harden, lockdown, ...). The whitelist walker
// accepts a non-native function on a shared intrinsic only if it is registered here, so a closure
// planted before lockdown is refused; Function.prototype.toString shows registered functions as
// native code, as it does for the built-ins they stand for. No side effects beyond the registry.
import { WeakSet, getOwnPropertyDescriptor, isObject, ownKeys, weaksetAdd, weaksetHas } from '../commons.js';

const own = new WeakSet<object>();

/** Registers functions as Permafrost's own. Returns the first, for inline use. */
export const markOwn = <F>(fn: F, ...more: unknown[]): F => {
  if (isObject(fn)) weaksetAdd(own, fn);
  for (let i = 0; i < more.length; i += 1) {
    const f = more[i];
    if (isObject(f)) weaksetAdd(own, f);
  }
  return fn;
};

/** Registers every function held by `object`'s own properties (values, getters and setters). */
export const markOwnMethods = <O extends object>(object: O): O => {
  const keys = ownKeys(object);
  for (let i = 0; i < keys.length; i += 1) {
    const desc = getOwnPropertyDescriptor(object, keys[i]!)!;
    if (typeof desc.value === 'function') weaksetAdd(own, desc.value);
    if (typeof desc.get === 'function') weaksetAdd(own, desc.get);
    if (typeof desc.set === 'function') weaksetAdd(own, desc.set);
  }
  return object;
};

/** Whether Permafrost made `fn`. */
export const isOwnFunction = (fn: unknown): boolean => isObject(fn) && weaksetHas(own, fn);
