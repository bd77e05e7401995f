// localeTaming 'safe': makes the locale-sensitive methods of the shared prototypes (toLocale*,
// localeCompare) locale-independent and deterministic, so their results depend neither on the
// host's LANG/LC_* nor on its ICU data. 'unsafe' changes nothing. The host's Intl is left alone.
// Side effects ('safe' only): replaces methods on the given intrinsics, which the host shares.
import { markOwn } from './own-functions.js';
import {
  apply,
  arrayIncludes,
  bigintToString,
  defineProperty,
  getOwnPropertyDescriptor,
  getOwnPropertyNames,
  isObject,
  jsonStringify,
  keys,
  numberToString,
  objectHasOwn,
  stringIncludes,
  stringNormalize,
  stringSlice,
  stringStartsWith,
  stringToLowerCase,
  stringToUpperCase,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { dateLocaleFreeMethods } from './date-format.js';

// Concise methods: each has the original's `name`, no [[Construct]] and no `prototype`. The
// ECMA-402 parameters (locales, options) are ignored, so `length` is 0 except localeCompare's 1.
const stringMethods = {
  /**
   * §22.1.3.12 without a locale: -1/0/1 by code-unit order of the NFC forms, since the spec requires
   * 0 for canonically equivalent strings ('o\u0308' and 'ö'). Normalization uses the engine's own
   * Unicode tables, never the host's locale. Coercion: RequireObjectCoercible(this), ToString(this),
   * then ToString(that).
   */
  localeCompare(this: unknown, that: unknown): number {
    const s = stringNormalize(stringSlice(this as string), 'NFC'); // slice(): RequireObjectCoercible + ToString
    const t = stringNormalize(`${that}`, 'NFC');
    return s < t ? -1 : s > t ? 1 : 0;
  },
  toLocaleUpperCase(this: unknown): string {
    return stringToUpperCase(this as string); // brand-free: coerces `this` as the original does
  },
  toLocaleLowerCase(this: unknown): string {
    return stringToLowerCase(this as string);
  },
};
const numberMethods = {
  toLocaleString(this: unknown): string {
    return numberToString(this as number); // thisNumberValue: TypeError for non-numbers
  },
};
const bigintMethods = {
  toLocaleString(this: unknown): string {
    return bigintToString(this); // thisBigIntValue: TypeError for non-BigInts
  },
};

/**
 * The prototypes whose locale methods we replace, by intrinsic name. Not listed, on purpose:
 * Array, %TypedArray% and Object `toLocaleString`, which only call `toLocaleString` (or, for
 * Object, `toString`) of their elements/receiver and join with a fixed ',' in V8; they become
 * deterministic once the element methods above are.
 */
const replacements: Readonly<Record<string, object>> = {
  '%StringPrototype%': stringMethods,
  '%NumberPrototype%': numberMethods,
  '%BigIntPrototype%': bigintMethods,
  '%DatePrototype%': dateLocaleFreeMethods,
};
const generic: readonly string[] = ['%ArrayPrototype%', '%TypedArrayPrototype%', '%ObjectPrototype%'];

/** `toLocaleX()` as `toX()` called with no arguments, keeping the name `toLocaleX`, length 0. */
const nonLocaleVersion = (name: string, counterpart: (...args: unknown[]) => unknown): unknown => {
  const holder = {
    [name](this: unknown): unknown {
      return apply(counterpart, this, []);
    },
  };
  return holder[name];
};

/**
 * Tames locale methods per `localeTaming` (see the module header). Beyond the table above, any
 * other intrinsic (not Intl's, not generic) with an own `toLocaleX` and a `toX` beside it, such as
 * a future engine's, gets `toLocaleX` → `toX()`, so new locale methods do not silently leak.
 */
export const tameLocaleMethods = (
  intrinsics: Readonly<Record<string, unknown>>,
  localeTaming: 'safe' | 'unsafe',
): void => {
  if (localeTaming === 'unsafe') return;
  if (localeTaming !== 'safe') {
    throw makeTypeError(
      'lockdown()',
      `localeTaming must be "safe" or "unsafe", got ${jsonStringify(`${localeTaming as unknown as string}`)}`,
      codes.BAD_OPTION_VALUE,
    );
  }
  const intrinsicNames = keys(intrinsics);
  for (let i = 0; i < intrinsicNames.length; i += 1) {
    const intrinsicName = intrinsicNames[i]!;
    const target = intrinsics[intrinsicName];
    if (!isObject(target) || stringIncludes(intrinsicName, 'Intl') || arrayIncludes(generic, intrinsicName)) continue;
    const table = objectHasOwn(replacements, intrinsicName) ? replacements[intrinsicName]! : undefined;
    const methodNames = getOwnPropertyNames(target);
    for (let j = 0; j < methodNames.length; j += 1) {
      const methodName = methodNames[j]!;
      if (table !== undefined && objectHasOwn(table, methodName)) {
        defineProperty(target, methodName, { value: markOwn((table as Record<string, unknown>)[methodName]) });
      } else if (stringStartsWith(methodName, 'toLocale')) {
        // Descriptors, not Gets: an intrinsic's accessors may throw for the wrong receiver.
        const own = getOwnPropertyDescriptor(target, methodName);
        const counterpart = getOwnPropertyDescriptor(target, `to${stringSlice(methodName, 8)}`);
        if (typeof own?.value === 'function' && typeof counterpart?.value === 'function') {
          defineProperty(target, methodName, { value: markOwn(nonLocaleVersion(methodName, counterpart.value)) });
        }
      }
    }
  }
};
