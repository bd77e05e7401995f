// Typed arrays under harden: their elements cannot be frozen (the spec forbids it), so harden seals
// them instead, locking every own property that is not an element. Helpers for make-hardener.ts;
// callers have already checked the [[TypedArrayName]] brand. No side effects.
import { Number, String, defineProperty, freeze, objectHasOwn, typedArrayLength } from '../commons.js';
import { descriptor } from './descriptor.js';

const LOCK_DATA = freeze(descriptor({ writable: false, configurable: false }));
const LOCK_ACCESSOR = freeze(descriptor({ configurable: false }));

/**
 * §7.1.21 CanonicalNumericIndexString: "-0", and every string that ToString(ToNumber(s)) gives back
 * unchanged ("1.5", "-1", "NaN", "Infinity" included). A typed array has no own property with such a
 * key other than its elements: its [[DefineOwnProperty]] refuses the rest.
 */
export const isCanonicalNumericIndexString = (key: string | symbol): boolean =>
  typeof key === 'string' && (key === '-0' || String(Number(key)) === key);

/**
 * §10.4.5.7 [[OwnPropertyKeys]]: a typed array lists its element keys first, ascending. Returns how
 * many leading keys are elements, so that a large array's elements need no test each; 0 if the
 * engine orders them otherwise (then every key is tested).
 */
export const countLeadingIndexKeys = (typedArray: object, keys: readonly (string | symbol)[]): number => {
  const n = typedArrayLength(typedArray);
  return n > 0 && n <= keys.length && keys[0] === '0' && keys[n - 1] === String(n - 1) ? n : 0;
};

/** Makes a non-element own property of a typed array non-configurable and, if data, read-only. */
export const lockTypedArrayProperty = (typedArray: object, key: string | symbol, desc: PropertyDescriptor): void => {
  const isData = objectHasOwn(desc, 'value');
  if (desc.configurable || (isData && desc.writable)) {
    defineProperty(typedArray, key, isData ? LOCK_DATA : LOCK_ACCESSOR);
  }
};
