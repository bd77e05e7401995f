// Works around the "override mistake" (ES 10.1.9.2 OrdinarySetWithOwnDescriptor): once a prototype
// is frozen, `heir.toString = f` fails because the inherited property is non-writable. For the
// properties chosen by the overrideTaming level (whitelist/enablements.ts), the data property
// becomes an accessor pair: the getter returns the original value and the setter defines an own
// property on the heir. Assigning to the prototype itself still fails. Side effect: redefines
// those properties; must run after the whitelist phase and before hardening.
import { markOwn } from './own-functions.js';
import {
  TypeError,
  defineProperty,
  getOwnPropertyDescriptor,
  keys,
  objectHasOwn,
  ownKeys,
  arrayIncludes,
  arrayMap,
  reflectSet,
  String,
  isObject,
  WeakMap,
  weakmapGet,
  weakmapHas,
  weakmapSet,
} from '../commons.js';
import type { Enablements } from '../../whitelist/enablements.js';
import type { IntrinsicRecord } from './intrinsics.js';
import { displayKey, keyOfPermit } from './permit-keys.js';

/** Every getter this module made, with the value it stands for: read by safe inspectors. */
const overrideGetters = new WeakMap<object, unknown>();

/**
 * If `desc` is an override-enabling accessor made by lockdown, the data value it stands for, as
 * `{ value }`; otherwise undefined. Lets the causal console and `q` see through our own accessors
 * without calling any getter (a guest cannot forge membership, unlike an `originalValue` property).
 */
export const overriddenValueOf = (desc: PropertyDescriptor): { value: unknown } | undefined =>
  isObject(desc.get) && weakmapHas(overrideGetters, desc.get) ? { value: weakmapGet(overrideGetters, desc.get) } : undefined;

/** Reports an overriding assignment, for `overrideDebug`. */
export type OverrideReporter = (path: string, heir: unknown) => void;

const enableOne = (
  object: object,
  key: string | symbol,
  path: string,
  debug: OverrideReporter | undefined,
): void => {
  const desc = getOwnPropertyDescriptor(object, key);
  // Only writable, configurable data properties can suffer the override mistake.
  if (desc === undefined || !('value' in desc) || !desc.writable || !desc.configurable) return;
  const { value } = desc;
  const accessors = {
    get(): unknown {
      return value;
    },
    set(this: unknown, newValue: unknown): void {
      if (this === object) {
        throw new TypeError(`Cannot assign to read only property '${String(key)}' of '${path}'`);
      }
      if (debug !== undefined) debug(path, this);
      if (isObject(this) && objectHasOwn(this, key)) {
        reflectSet(this, key, newValue, this);
      } else {
        // Same attributes a plain assignment would have created on the heir.
        defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      }
    },
  };
  weakmapSet(overrideGetters, accessors.get, value);
  markOwn(accessors.get, accessors.set);
  // `originalValue` lets tools (and ses-aware code) recover the value behind the accessor.
  defineProperty(accessors.get, 'originalValue', { value, writable: false, enumerable: false, configurable: false });
  defineProperty(object, key, {
    get: accessors.get,
    set: accessors.set,
    enumerable: desc.enumerable,
    configurable: desc.configurable,
  });
};

/**
 * Converts the properties named by `enablements` on the collected intrinsics. `debugNames` are
 * property names whose overriding assignments are reported through `debug`.
 */
export const enablePropertyOverrides = (
  intrinsics: IntrinsicRecord,
  enablements: Enablements,
  debugNames: readonly string[],
  report: OverrideReporter,
): void => {
  const names = keys(enablements);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    const object = intrinsics[name];
    if (object === undefined) continue; // this engine lacks it
    const which = enablements[name as keyof Enablements]!;
    const targetKeys = which === '*' ? ownKeys(object) : arrayMap(which, keyOfPermit);
    for (let j = 0; j < targetKeys.length; j += 1) {
      const key = targetKeys[j]!;
      const debug = typeof key === 'string' && arrayIncludes(debugNames, key) ? report : undefined;
      enableOne(object, key, `${name}${displayKey(key)}`, debug);
    }
  }
};
