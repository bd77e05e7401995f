// legacyRegeneratorRuntimeTaming: old regenerator-runtime builds assign
// `IteratorPrototype[Symbol.iterator] = function () { return this; }` at load. After lockdown that
// throws. With 'unsafe-ignore' the property becomes an accessor whose setter silently ignores
// assignments to %IteratorPrototype% itself (and overrides on heirs as usual); 'safe' does nothing.
// Side effect: may redefine that one property.
import { markOwn } from './own-functions.js';
import { defineProperty, getOwnPropertyDescriptor, iteratorSymbol, objectHasOwn, reflectSet, isObject } from '../commons.js';
import type { IntrinsicRecord } from './intrinsics.js';

export const tameRegeneratorRuntime = (intrinsics: IntrinsicRecord, taming: 'safe' | 'unsafe-ignore'): void => {
  if (taming === 'safe') return;
  const IteratorPrototype = intrinsics['%IteratorPrototype%'];
  if (IteratorPrototype === undefined) return;
  const desc = getOwnPropertyDescriptor(IteratorPrototype, iteratorSymbol);
  if (desc === undefined || !('value' in desc)) return;
  const { value } = desc;
  const accessors = {
    get(): unknown {
      return value;
    },
    set(this: unknown, newValue: unknown): void {
      if (this === IteratorPrototype) return; // the regenerator-runtime's assignment: ignored
      if (isObject(this) && objectHasOwn(this, iteratorSymbol)) {
        reflectSet(this, iteratorSymbol, newValue, this);
      } else {
        defineProperty(this, iteratorSymbol, { value: newValue, writable: true, enumerable: true, configurable: true });
      }
    },
  };
  markOwn(accessors.get, accessors.set);
  defineProperty(IteratorPrototype, iteratorSymbol, {
    get: accessors.get,
    set: accessors.set,
    enumerable: desc.enumerable,
    configurable: desc.configurable,
  });
};
