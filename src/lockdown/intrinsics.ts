// Collects the named intrinsics: the values of the whitelisted globals, what tamings and the
// anonymous-intrinsics finder add, and then everything the whitelist names by reference from
// those (e.g. '%ArrayPrototype%' via `Array.prototype`). Knows no intrinsic by name: it follows
// the permits data. Reads only (descriptors, never getters); no side effects.
import {
  create,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isObject,
  keys,
  objectHasOwn,
  ownKeys,
} from '../commons.js';
import type { AccessorPermit, GlobalPermits, IntrinsicPermit, Permits, PropertyPermit } from '../../whitelist/types.js';
import { isPermitRef, lockdownFailure } from './failure.js';
import { displayKey, permitKeyOf } from './permit-keys.js';

export type IntrinsicRecord = Record<string, object>;

export interface IntrinsicsCollector {
  /** Adds intrinsics by whitelist name; a name already bound to another object is an error. */
  addIntrinsics(found: Readonly<Record<string, unknown>>): void;
  /** Adds the values of the given globals of `globalObject`, following the global permits. */
  addGlobals(globalObject: object, globals: GlobalPermits): void;
  /** Follows every reference in the permits from what is collected until nothing new is found. */
  completeIntrinsics(): void;
  /** The collected intrinsics, a null-prototype record. */
  readonly intrinsics: IntrinsicRecord;
}

const isAccessorPermit = (permit: PropertyPermit): permit is AccessorPermit => typeof permit === 'object';

export const makeIntrinsicsCollector = (permits: Permits): IntrinsicsCollector => {
  const intrinsics = create(null) as IntrinsicRecord;
  const pending: string[] = [];

  const bind = (name: string, value: unknown, where: string): void => {
    if (!isObject(value)) {
      throw lockdownFailure('collect intrinsics', where, `expected an object for ${name}, found a ${typeof value}`);
    }
    if (!objectHasOwn(permits, name)) {
      throw lockdownFailure('collect intrinsics', where, `${name} has no record in the whitelist`);
    }
    const prior = intrinsics[name];
    if (prior === undefined) {
      intrinsics[name] = value;
      pending[pending.length] = name;
    } else if (prior !== value) {
      throw lockdownFailure('collect intrinsics', where, `${name} is already bound to a different object`);
    }
  };

  const addIntrinsics = (found: Readonly<Record<string, unknown>>): void => {
    const names = keys(found);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      bind(name, found[name], name);
    }
  };

  const addGlobals = (globalObject: object, globals: GlobalPermits): void => {
    const names = keys(globals);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      const permit = globals[name]!;
      const desc = getOwnPropertyDescriptor(globalObject, name);
      if (desc === undefined || !isPermitRef(permit)) continue; // optional, or a primitive constant
      // A taming already supplied this intrinsic (e.g. %InitialDate% replaces the host's Date):
      // the global is pointed at it later, in the start-compartment phase.
      if (intrinsics[permit] !== undefined) continue;
      if (!('value' in desc)) {
        throw lockdownFailure('collect intrinsics', `globalThis.${name}`, 'is an accessor, expected a data property');
      }
      bind(permit, desc.value, `globalThis.${name}`);
    }
  };

  /** Binds, for one collected intrinsic, every intrinsic its record names by reference. */
  const follow = (name: string): void => {
    const object = intrinsics[name]!;
    const record: IntrinsicPermit = permits[name as keyof Permits]!;
    const proto = record['[[Proto]]'];
    if (proto !== 'null' && intrinsics[proto] === undefined) {
      const actual = getPrototypeOf(object);
      if (actual !== null) bind(proto, actual, `${name}.[[Prototype]]`);
    }
    const own = ownKeys(object);
    for (let i = 0; i < own.length; i += 1) {
      const key = own[i]!;
      const spelled = permitKeyOf(key);
      if (spelled === undefined || !objectHasOwn(record, spelled)) continue; // removed later
      followProperty(`${name}${displayKey(key)}`, getOwnPropertyDescriptor(object, key)!, record[spelled]!);
    }
  };

  const followProperty = (where: string, desc: PropertyDescriptor, permit: PropertyPermit): void => {
    if (isAccessorPermit(permit)) {
      if (isPermitRef(permit.get) && isObject(desc.get) && intrinsics[permit.get] === undefined) {
        bind(permit.get, desc.get, `${where} getter`);
      }
      if (isPermitRef(permit.set) && isObject(desc.set) && intrinsics[permit.set] === undefined) {
        bind(permit.set, desc.set, `${where} setter`);
      }
    } else if (isPermitRef(permit) && 'value' in desc && isObject(desc.value) && intrinsics[permit] === undefined) {
      bind(permit, desc.value, where);
    }
  };

  const completeIntrinsics = (): void => {
    while (pending.length > 0) follow(pending.pop()!);
  };

  return { addIntrinsics, addGlobals, completeIntrinsics, intrinsics };
};
