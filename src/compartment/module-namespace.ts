// Module namespace objects (ECMA-262 10.4.6) for compartment modules: a Proxy whose target holds
// the export names as non-configurable, writable, enumerable properties (so every invariant the
// engine checks holds) and whose traps read each export live through the linker's getter. Null
// prototype, not extensible, keys sorted by code unit, `Symbol.toStringTag` 'Module'; writes,
// deletions of exports and redefinitions fail as they do on a native namespace.
// Assumes the names and getters are final when it is made (after linking). No side effects.
import {
  Proxy,
  arraySort,
  create,
  defineProperty,
  freeze,
  objectHasOwn,
  preventExtensions,
  stringCompare,
  toStringTagSymbol,
  WeakSet,
  weaksetAdd,
  weaksetHas,
  is,
} from '../commons.js';

/** Export name → a function reading the binding (throws ReferenceError in its TDZ). */
export type ExportReaders = Record<string, () => unknown>;

const namespaces = new WeakSet<object>();

/** Whether `value` is a namespace made here. */
export const isModuleNamespace = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && weaksetHas(namespaces, value);

export const makeModuleNamespace = (names: readonly string[], readers: ExportReaders): object => {
  const copy: string[] = [];
  for (let i = 0; i < names.length; i += 1) copy[i] = names[i];
  const sorted = arraySort(copy, stringCompare);
  const target = create(null) as Record<PropertyKey, unknown>;
  for (let i = 0; i < sorted.length; i += 1) {
    defineProperty(target, sorted[i], { __proto__: null, value: undefined, writable: true, enumerable: true, configurable: false } as PropertyDescriptor);
  }
  defineProperty(target, toStringTagSymbol, { __proto__: null, value: 'Module', writable: false, enumerable: false, configurable: false } as PropertyDescriptor);
  preventExtensions(target);
  const isExport = (key: PropertyKey): key is string => typeof key === 'string' && objectHasOwn(readers, key) && objectHasOwn(target, key);
  const handler: ProxyHandler<object> = freeze({
    __proto__: null,
    get(_t: object, key: PropertyKey) {
      if (isExport(key)) return readers[key]();
      return key === toStringTagSymbol ? 'Module' : undefined;
    },
    getOwnPropertyDescriptor(_t: object, key: PropertyKey) {
      if (isExport(key)) return { value: readers[key](), writable: true, enumerable: true, configurable: false };
      return key === toStringTagSymbol ? { value: 'Module', writable: false, enumerable: false, configurable: false } : undefined;
    },
    has(_t: object, key: PropertyKey) {
      return isExport(key) || key === toStringTagSymbol;
    },
    ownKeys() {
      const keys: PropertyKey[] = [];
      for (let i = 0; i < sorted.length; i += 1) keys[i] = sorted[i];
      keys[keys.length] = toStringTagSymbol;
      return keys;
    },
    set() {
      return false;
    },
    deleteProperty(_t: object, key: PropertyKey) {
      return !isExport(key) && key !== toStringTagSymbol;
    },
    defineProperty(_t: object, key: PropertyKey, desc: PropertyDescriptor) {
      // ECMA-262 10.4.6.6: only a definition that changes nothing succeeds.
      if (key === toStringTagSymbol) {
        return !desc.configurable && !desc.enumerable && !desc.writable && !('get' in desc) && !('set' in desc) && (!('value' in desc) || desc.value === 'Module');
      }
      if (!isExport(key)) return false;
      if (desc.configurable === true || desc.enumerable === false || desc.writable === false || 'get' in desc || 'set' in desc) return false;
      return !('value' in desc) || is(desc.value, readers[key]());
    },
    getPrototypeOf() {
      return null;
    },
    setPrototypeOf(_t: object, proto: object | null) {
      return proto === null;
    },
    isExtensible() {
      return false;
    },
    preventExtensions() {
      return true;
    },
  } as ProxyHandler<object>);
  const namespace = new Proxy(target, handler);
  weaksetAdd(namespaces, namespace);
  return namespace;
};
