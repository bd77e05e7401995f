// First thing lockdown does: refuses to run if code before it planted hooks that lockdown's own
// work would trigger. Lockdown builds ordinary arrays and objects; an accessor (or an index
// property) on Object.prototype or Array.prototype would run foreign code, or feed it decoys,
// on every write to them while the realm is half tamed. The standard prototypes have none
// (except Object.prototype.__proto__, checked by identity). Likewise the methods lockdown uses to
// build arrays (concat, slice, map, filter) consult `constructor` and `Array[Symbol.species]`, and
// concat consults `Symbol.isConcatSpreadable`: those must be the originals or absent.
// Reads only; no side effects.
import {
  Array,
  Number,
  String,
  arraySpeciesGetter,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  iteratorSymbol,
  objectProtoGetter,
  ownKeys,
  Symbol,
  unscopablesSymbol,
} from '../commons.js';
import { lockdownFailure } from './failure.js';
import { displayKey } from './permit-keys.js';

const isIndexLike = (key: string | symbol): boolean => typeof key === 'string' && String(Number(key)) === key;

export const checkPrototypeHooks = (): void => {
  const targets: [string, object][] = [
    ['%ObjectPrototype%', getPrototypeOf({})],
    ['%ArrayPrototype%', getPrototypeOf([])],
  ];
  for (let t = 0; t < targets.length; t += 1) {
    const name = targets[t]![0];
    const proto = targets[t]![1];
    const keys = ownKeys(proto);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i]!;
      const desc = getOwnPropertyDescriptor(proto, key)!;
      const standardAccessor = key === '__proto__' && desc.get === objectProtoGetter;
      const standardSymbol = name === '%ArrayPrototype%' && (key === iteratorSymbol || key === unscopablesSymbol);
      if (isIndexLike(key) || (!('value' in desc) && !standardAccessor) || (typeof key === 'symbol' && !standardSymbol)) {
        throw lockdownFailure(
          'tame',
          `${name}${displayKey(key)}`,
          'an accessor, index or symbol property planted before lockdown would run during lockdown',
        );
      }
    }
  }
  // Property descriptors are read through the prototype chain (ToPropertyDescriptor, §6.2.5.5):
  // `Object.prototype.configurable = true` would change the attributes of every property lockdown
  // defines with an object literal.
  const descriptorFields = ['get', 'set', 'value', 'writable', 'enumerable', 'configurable'];
  const ObjectPrototype = getPrototypeOf({});
  for (let i = 0; i < descriptorFields.length; i += 1) {
    if (getOwnPropertyDescriptor(ObjectPrototype, descriptorFields[i]!) !== undefined) {
      throw lockdownFailure(
        'tame',
        `%ObjectPrototype%.${descriptorFields[i]!}`,
        'a property descriptor field planted before lockdown would change what lockdown defines',
      );
    }
  }
  const ctor = getOwnPropertyDescriptor(getPrototypeOf([]), 'constructor');
  const species = getOwnPropertyDescriptor(Array, Symbol.species);
  if (ctor === undefined || ctor.value !== Array || species === undefined || species.get !== arraySpeciesGetter) {
    throw lockdownFailure('tame', '%ArrayPrototype%.constructor', 'Array or Array[Symbol.species] was replaced before lockdown');
  }
};
