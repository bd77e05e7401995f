// Module namespace objects (ECMA-262 10.4.6) for compartment modules: a Proxy whose target holds
// the export names as non-configurable, writable, enumerable properties (so every invariant the
// engine checks holds) and whose traps read each export live through the linker's getter. Null
// prototype, not extensible, keys sorted by code unit, `Symbol.toStringTag` 'Module'; writes,
// deletions of exports and redefinitions fail as they do on a native namespace.
// A namespace can be made before its module is linked (`compartment.module()`, as in ses): until
// it is activated every operation on it throws a ReferenceError. No side effects.
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
  TypeError,
  jsonStringify,
  WeakSet,
  weaksetAdd,
  weaksetHas,
  is,
} from '../commons.js';
import { codes, formatMessage, makeReferenceError } from '../errors.js';

/** Export name → a function reading the binding (throws ReferenceError in its TDZ). */
export type ExportReaders = Record<string, () => unknown>;

const namespaces = new WeakSet<object>();

/** Whether `value` is a namespace made here. */
export const isModuleNamespace = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && weaksetHas(namespaces, value);

/** A namespace made before its module is linked (`compartment.module()`), and how to complete it. */
export interface DeferredNamespace {
  readonly namespace: object;
  /** Gives it its exports: from then on it behaves as a namespace made complete. */
  readonly activate: (names: readonly string[], readers: ExportReaders) => void;
}

const stringify = (key: PropertyKey): string => (typeof key === 'symbol' ? 'a symbol' : jsonStringify(key));

const notYet = (): never => {
  throw makeReferenceError('module namespace', 'the module has not been linked yet; import it first', codes.MODULE_NOT_LINKED);
};

export const makeDeferredNamespace = (): DeferredNamespace => {
  const target = create(null) as Record<PropertyKey, unknown>;
  let sorted: string[] | undefined;
  let readers: ExportReaders | undefined;
  const isExport = (key: PropertyKey): key is string =>
    typeof key === 'string' && readers !== undefined && objectHasOwn(readers, key) && objectHasOwn(target, key);
  const ready = (): ExportReaders => readers ?? notYet();
  const handler: ProxyHandler<object> = freeze({
    __proto__: null,
    get(_t: object, key: PropertyKey) {
      const r = ready();
      if (isExport(key)) return r[key]();
      return key === toStringTagSymbol ? 'Module' : undefined;
    },
    getOwnPropertyDescriptor(_t: object, key: PropertyKey) {
      const r = ready();
      if (isExport(key)) return { value: r[key](), writable: true, enumerable: true, configurable: false };
      return key === toStringTagSymbol ? { value: 'Module', writable: false, enumerable: false, configurable: false } : undefined;
    },
    has(_t: object, key: PropertyKey) {
      ready();
      return isExport(key) || key === toStringTagSymbol;
    },
    ownKeys() {
      ready();
      const keys: PropertyKey[] = [];
      for (let i = 0; i < sorted!.length; i += 1) keys[i] = sorted![i];
      keys[keys.length] = toStringTagSymbol;
      return keys;
    },
    set(_t: object, key: PropertyKey) {
      ready();
      // As ses does (its own tests expect this message): a TypeError even where [[Set]] would only
      // return false (Reflect.set), so that sloppy-mode code cannot miss it either.
      throw new TypeError(formatMessage(`Cannot set property ${stringify(key)} of a module namespace`, 'its exports are read-only', codes.NAMESPACE_READ_ONLY));
    },
    deleteProperty(_t: object, key: PropertyKey) {
      ready();
      return !isExport(key) && key !== toStringTagSymbol;
    },
    defineProperty(_t: object, key: PropertyKey, desc: PropertyDescriptor) {
      const r = ready();
      // ECMA-262 10.4.6.6: only a definition that changes nothing succeeds.
      if (key === toStringTagSymbol) {
        return !desc.configurable && !desc.enumerable && !desc.writable && !('get' in desc) && !('set' in desc) && (!('value' in desc) || desc.value === 'Module');
      }
      if (!isExport(key)) return false;
      if (desc.configurable === true || desc.enumerable === false || desc.writable === false || 'get' in desc || 'set' in desc) return false;
      return !('value' in desc) || is(desc.value, r[key]());
    },
    getPrototypeOf() {
      return null;
    },
    setPrototypeOf(_t: object, proto: object | null) {
      return proto === null;
    },
    isExtensible() {
      ready();
      return false;
    },
    preventExtensions() {
      ready();
      return true;
    },
  } as ProxyHandler<object>);
  const namespace = new Proxy(target, handler);
  weaksetAdd(namespaces, namespace);
  const activate = (names: readonly string[], given: ExportReaders): void => {
    if (readers !== undefined) return;
    const copy: string[] = [];
    for (let i = 0; i < names.length; i += 1) copy[i] = names[i];
    sorted = arraySort(copy, stringCompare);
    // The target gets the exports as non-configurable properties, so that the engine's proxy
    // invariants hold for what the traps report.
    for (let i = 0; i < sorted.length; i += 1) {
      defineProperty(target, sorted[i], { __proto__: null, value: undefined, writable: true, enumerable: true, configurable: false } as PropertyDescriptor);
    }
    defineProperty(target, toStringTagSymbol, { __proto__: null, value: 'Module', writable: false, enumerable: false, configurable: false } as PropertyDescriptor);
    preventExtensions(target);
    readers = given;
  };
  return freeze({ namespace, activate });
};

export const makeModuleNamespace = (names: readonly string[], readers: ExportReaders): object => {
  const deferred = makeDeferredNamespace();
  deferred.activate(names, readers);
  return deferred.namespace;
};
