// The public `harden`: one function object, the same before and after lockdown (so that it can be
// the whitelisted %Harden% and `Object[Symbol.for('harden')]`). Before lockdown it throws, because
// freezing objects whose prototypes are not yet tamed and frozen gives a false sense of safety.
// No side effects.
import { codes, makeTypeError } from './errors.js';
import type { Harden } from './types.js';

let implementation: Harden | undefined;

/** Called by lockdown once, with the real hardener. */
export const setHardenImplementation = (impl: Harden): void => {
  implementation = impl;
};

/**
 * Transitively freezes `root`: its own properties (string and symbol keys, data values and
 * accessor functions, without calling getters) and its prototypes. Returns `root`.
 * Available after `lockdown()`.
 */
export const harden: Harden = <T>(root: T): T => {
  if (implementation === undefined) {
    throw makeTypeError('harden()', 'call lockdown() first', codes.NOT_LOCKED_DOWN);
  }
  return implementation(root);
};
