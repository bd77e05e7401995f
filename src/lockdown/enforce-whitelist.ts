// Enforces the whitelist over the collected intrinsics: every own property the permits do not
// name is removed (and reported), and a named property of the wrong shape (accessor vs data, type,
// identity of a referenced intrinsic, [[Prototype]]) makes lockdown fail before anything is removed.
// Knows no intrinsic by name: it interprets the permits data. Side effect: deletes properties.
import {
  arrayPush,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  keys,
  objectHasOwn,
  ownKeys,
  reflectDeleteProperty,
  arraySort,
  stringCompare,
  Set,
  setAdd,
  setHas,
  stringSlice,
  stringStartsWith,
} from '../commons.js';
import type { AccessorPermit, IntrinsicPermit, Permits, PropertyPermit } from '../../whitelist/types.js';
import { isPermitRef, lockdownFailure } from './failure.js';
import type { IntrinsicRecord } from './intrinsics.js';
import { displayKey, permitKeyOf } from './permit-keys.js';
import type { BuiltinChecker } from './check-builtin-function.js';

/** One property that lockdown removed, for the report. */
export interface Removal {
  readonly path: string;
}

/** The permits of an anonymous built-in function ('fn'). */
const functionPermit: IntrinsicPermit = {
  '[[Proto]]': '%FunctionPrototype%',
  length: 'number',
  name: 'string',
};

const fail = (where: string, why: string): Error => lockdownFailure('enforce whitelist', where, why);

/**
 * Checks every intrinsic against its record and removes unlisted properties. Returns the removals
 * in a stable order. Throws (having removed nothing) if any listed property has the wrong shape.
 */
export const enforceWhitelist = (
  intrinsics: IntrinsicRecord,
  permits: Permits,
  checkBuiltin?: BuiltinChecker,
  functionNames: Readonly<Record<string, string>> = {},
): Removal[] => {
  /** The name the function in a slot must have: an alias from the data, or the key's own name. */
  const expectedName = (slot: string, spelled: string, part: '' | 'get ' | 'set '): string => {
    if (objectHasOwn(functionNames, slot)) return functionNames[slot]!;
    const base = stringStartsWith(spelled, '@@') ? `[Symbol.${stringSlice(spelled, 2)}]` : spelled;
    return `${part}${base}`;
  };
  /** The name a named intrinsic that is a function must have: '%parseInt%' → 'parseInt'. */
  const intrinsicFunctionName = (name: string): string => {
    if (objectHasOwn(functionNames, name)) return functionNames[name]!;
    return stringSlice(name, 1, name.length - 1);
  };
  const builtin = (where: string, fn: object, expected: string, intrinsicName?: string): void => {
    if (checkBuiltin === undefined) return;
    // Before any reflection on `fn`: the checker refuses Proxies without running their traps.
    const reason = checkBuiltin(fn, expected, intrinsicName);
    if (reason !== undefined) throw fail(where, reason);
  };
  const toRemove: { object: object; key: string | symbol; path: string }[] = [];
  const visitedFunctions = new Set<object>();

  const checkRef = (where: string, value: unknown, ref: string): void => {
    const expected = intrinsics[ref];
    if (expected === undefined) {
      throw fail(where, `refers to ${ref}, which this engine lacks or lockdown did not collect`);
    }
    if (value !== expected) throw fail(where, `is not ${ref}`);
  };

  /** Checks one object against one record: its prototype, then each own property. */
  const visit = (object: object, record: IntrinsicPermit, name: string): void => {
    const proto = getPrototypeOf(object);
    const protoPermit = record['[[Proto]]'];
    if (protoPermit === 'null') {
      if (proto !== null) throw fail(`${name}.[[Prototype]]`, 'should be null');
    } else {
      checkRef(`${name}.[[Prototype]]`, proto, protoPermit);
    }
    const own = ownKeys(object);
    for (let i = 0; i < own.length; i += 1) {
      const key = own[i]!;
      const path = `${name}${displayKey(key)}`;
      const spelled = permitKeyOf(key);
      if (spelled === undefined || !objectHasOwn(record, spelled)) {
        arrayPush(toRemove, { object, key, path });
        continue;
      }
      checkProperty(path, `${name}.${spelled}`, spelled, getOwnPropertyDescriptor(object, key)!, record[spelled]!);
    }
  };

  const checkFunction = (where: string, value: unknown, expected: string): void => {
    if (typeof value !== 'function') throw fail(where, `should be a function, found a ${typeof value}`);
    builtin(where, value, expected);
    if (setHas(visitedFunctions, value)) return;
    setAdd(visitedFunctions, value);
    visit(value, functionPermit, where);
  };

  const checkValue = (where: string, value: unknown, permit: PropertyPermit, expected: string): void => {
    if (permit === 'fn') return checkFunction(where, value, expected);
    if (isPermitRef(permit)) return checkRef(where, value, permit);
    const actual = value === null ? 'null' : typeof value;
    if (actual !== permit) throw fail(where, `should be of type ${permit}, found ${actual}`);
  };

  const checkAccessorPart = (where: string, fn: unknown, permit: AccessorPermit['get'], expected: string): void => {
    if (permit === 'undefined') {
      if (fn !== undefined) throw fail(where, 'should be absent');
    } else {
      checkValue(where, fn, permit, expected);
    }
  };

  const checkProperty = (
    where: string,
    slot: string,
    spelled: string,
    desc: PropertyDescriptor,
    permit: PropertyPermit,
  ): void => {
    if (typeof permit === 'object') {
      if ('value' in desc) throw fail(where, 'should be an accessor property, found a data property');
      checkAccessorPart(`${where} getter`, desc.get, permit.get, expectedName(slot, spelled, 'get '));
      checkAccessorPart(`${where} setter`, desc.set, permit.set, expectedName(slot, spelled, 'set '));
      return;
    }
    if (!('value' in desc)) throw fail(where, 'should be a data property, found an accessor property');
    checkValue(where, desc.value, permit, expectedName(slot, spelled, ''));
  };

  // Pass 1: check everything, planning the removals. Sorted names make the report stable.
  const names = arraySort(keys(intrinsics), stringCompare);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    const record = permits[name as keyof Permits];
    if (record === undefined) throw fail(name, 'has no record in the whitelist');
    const object = intrinsics[name]!;
    if (typeof object === 'function') builtin(name, object, intrinsicFunctionName(name), name);
    visit(object, record, name);
  }

  // Pass 2: remove. A property that refuses deletion (non-configurable) is a failure: we never
  // leave an unknown property reachable.
  const removals: Removal[] = [];
  for (let i = 0; i < toRemove.length; i += 1) {
    const { object, key, path } = toRemove[i]!;
    if (!reflectDeleteProperty(object, key)) {
      throw lockdownFailure('enforce whitelist', path, 'is not on the whitelist and cannot be deleted');
    }
    arrayPush(removals, { path });
  }
  return removals;
};
