// The `__hardenTaming__` lockdown option, as in ses: 'safe' keeps the real harden; 'unsafe' swaps in
// a fake that returns its argument untouched (it neither freezes nor records anything), so that one
// can measure what hardening costs. Returns what to install; never writes globals. No side effects.
import { defineProperty, freeze, getOwnPropertyDescriptor, kindOf } from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import type { Harden } from '../types.js';
import { descriptor } from './descriptor.js';

export type HardenTaming = 'safe' | 'unsafe';

const isFake = (harden: Harden): boolean => getOwnPropertyDescriptor(harden, 'isFake')?.value === true;

/**
 * Returns `safeHarden` under 'safe' (the default). Under 'unsafe', returns a frozen identity
 * function with an own `isFake: true` property (ses's shape, which its whitelist permits), or
 * `safeHarden` itself if that is already fake. Lockdown should then also install
 * {@link makeUnsafeHardenPredicates}, as ses does, so that code testing `Object.isFrozen` believes it.
 */
export const tameHarden = (safeHarden: Harden, taming: HardenTaming = 'safe'): Harden => {
  if (taming === 'safe') return safeHarden;
  if (taming !== 'unsafe') {
    throw makeTypeError(
      'lockdown()',
      `__hardenTaming__ must be "safe" or "unsafe", not a ${kindOf(taming)}${typeof taming === 'string' ? ` "${taming}"` : ''}`,
      codes.BAD_OPTION_VALUE,
    );
  }
  if (isFake(safeHarden)) return safeHarden;
  const fakeHarden = <T>(root: T): T => root;
  // Same attributes as ses's `fakeHarden.isFake = true` followed by freeze.
  defineProperty(fakeHarden, 'isFake', descriptor({ value: true, writable: false, enumerable: true, configurable: false }));
  return freeze(fakeHarden);
};

/** The replacements ses installs under 'unsafe': `Object.isExtensible` and the others lie in unison. */
export interface UnsafeHardenPredicates {
  readonly objectIsExtensible: (x: unknown) => boolean;
  readonly objectIsFrozen: (x: unknown) => boolean;
  readonly objectIsSealed: (x: unknown) => boolean;
  readonly reflectIsExtensible: (x: object) => boolean;
}

/**
 * Fresh, frozen predicates for lockdown to install as `Object.isExtensible`, `Object.isFrozen`,
 * `Object.isSealed` and `Reflect.isExtensible` under 'unsafe' (everything reads as frozen).
 */
export const makeUnsafeHardenPredicates = (): UnsafeHardenPredicates =>
  freeze({
    objectIsExtensible: freeze((_x: unknown) => false),
    objectIsFrozen: freeze((_x: unknown) => true),
    objectIsSealed: freeze((_x: unknown) => true),
    reflectIsExtensible: freeze((_x: object) => false),
  });
