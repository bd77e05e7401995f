// Precompiled module records in the shape `@endo/module-source` produces (and ses runs):
// `imports`, `exports`, `reexports`, `__syncModuleProgram__` (the text of a functor) or
// `__syncModuleFunctor__` (a functor the host made: it runs with the host's authority), the export
// maps `__fixedExportMap__` / `__liveExportMap__` / `__reexportMap__`, `__needsImportMeta__`.
// The record is copied into frozen data when a compartment is given it; the functor is called with
// ses's calling convention `{ imports, onceVar, liveVar, import, importMeta }`, where bindings are
// pushed to updaters. This file holds the record and the binding cells; module-loader.ts links
// and runs them. No side effects.
import { apply, create, defineProperty, freeze, isObject, jsonStringify, objectHasOwn, ownKeys, reflectGet } from '../commons.js';
import { codes, makeReferenceError } from '../errors.js';
import { markOwn } from '../lockdown/own-functions.js';

export interface PrecompiledRecord {
  readonly functorSource: string;
  /** `__syncModuleFunctor__`: a functor the host made itself, used instead of the source if given. */
  readonly functor: ((...args: unknown[]) => unknown) | undefined;
  readonly imports: readonly string[];
  readonly exportAlls: readonly string[];
  /** Export name → local name. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Export name → [local name, whether assignments go through a module lexical]. */
  readonly live: Readonly<Record<string, readonly [string, boolean]>>;
  /** Export name → [specifier, import name]. */
  readonly reexported: Readonly<Record<string, readonly [string, string]>>;
  readonly needsImportMeta: boolean;
}

const stringsOf = (value: unknown): string[] => {
  const out: string[] = [];
  if (!isObject(value)) return out;
  const length = reflectGet(value, 'length');
  if (typeof length !== 'number') return out;
  for (let i = 0; i < length; i += 1) out[i] = `${reflectGet(value, i)}`;
  return out;
};

/** A frozen copy of an @endo/module-source style record, or undefined if `value` is not one. */
export const asPrecompiled = (value: unknown): PrecompiledRecord | undefined => {
  if (!isObject(value)) return undefined;
  const functorSource = reflectGet(value, '__syncModuleProgram__');
  const functor = reflectGet(value, '__syncModuleFunctor__');
  if (typeof functorSource !== 'string' && typeof functor !== 'function') return undefined;
  const fixed = create(null) as Record<string, string>;
  const fixedMap = reflectGet(value, '__fixedExportMap__');
  if (isObject(fixedMap)) {
    const names = ownKeys(fixedMap);
    for (let i = 0; i < names.length; i += 1) {
      if (typeof names[i] !== 'string') continue;
      fixed[names[i] as string] = stringsOf(reflectGet(fixedMap, names[i]))[0] ?? (names[i] as string);
    }
  }
  const live = create(null) as Record<string, readonly [string, boolean]>;
  const liveMap = reflectGet(value, '__liveExportMap__');
  if (isObject(liveMap)) {
    const names = ownKeys(liveMap);
    for (let i = 0; i < names.length; i += 1) {
      if (typeof names[i] !== 'string') continue;
      const entry = reflectGet(liveMap, names[i]);
      live[names[i] as string] = freeze([stringsOf(entry)[0] ?? (names[i] as string), reflectGet(entry as object, 1) === true] as const);
    }
  }
  const reexported = create(null) as Record<string, readonly [string, string]>;
  const reexportMap = reflectGet(value, '__reexportMap__');
  if (isObject(reexportMap)) {
    const specifiers = ownKeys(reexportMap);
    for (let i = 0; i < specifiers.length; i += 1) {
      if (typeof specifiers[i] !== 'string') continue;
      const pairs = reflectGet(reexportMap, specifiers[i]);
      const length = isObject(pairs) ? reflectGet(pairs, 'length') : 0;
      for (let j = 0; j < (length as number); j += 1) {
        const pair = stringsOf(reflectGet(pairs as object, j));
        reexported[pair[1]] = freeze([specifiers[i] as string, pair[0]] as const);
      }
    }
  }
  return freeze({
    functorSource: typeof functorSource === 'string' ? functorSource : '',
    functor: typeof functor === 'function' ? (functor as (...args: unknown[]) => unknown) : undefined,
    imports: freeze(stringsOf(reflectGet(value, 'imports'))),
    exportAlls: freeze(stringsOf(reflectGet(value, 'reexports'))),
    fixed: freeze(fixed),
    live: freeze(live),
    reexported: freeze(reexported),
    needsImportMeta: reflectGet(value, '__needsImportMeta__') === true,
  });
};

type Updater = (value: unknown) => unknown;

const notifyOne = (updater: Updater, value: unknown): void => {
  try {
    apply(updater, undefined, [value]);
  } catch {
    // The importer's updater failed: its own binding stays as it was; nothing else is affected.
  }
};

/** What functor code is handed: frozen, and rendered as native code (it is Permafrost's). */
const own = <F extends (...args: never[]) => unknown>(fn: F): F => markOwn(freeze(fn));

/** The binding cells of one precompiled instance, and what its functor and its importers use. */
export interface PrecompiledBindings {
  /** Export name → reader (throws ReferenceError in the binding's TDZ). */
  readonly readers: Readonly<Record<string, () => unknown>>;
  /** Export name → subscribe an updater (called now if initialized, and on every change). */
  readonly notifiers: Readonly<Record<string, (updater: Updater) => void>>;
  readonly onceVar: object;
  readonly liveVar: object;
  /** The module lexicals: accessors for live bindings assigned through them. */
  readonly lexicals: object;
}

export const makePrecompiledBindings = (record: PrecompiledRecord, specifier: string): PrecompiledBindings => {
  const readers = create(null) as Record<string, () => unknown>;
  const notifiers = create(null) as Record<string, (updater: Updater) => void>;
  const onceVar = create(null) as Record<string, Updater>;
  const liveVar = create(null) as Record<string, Updater>;
  const lexicals = create(null) as object;
  const cells = create(null) as Record<string, { get: () => unknown; notify: (u: Updater) => void; set: Updater }>;
  const cellFor = (localName: string): { get: () => unknown; notify: (u: Updater) => void; set: Updater } => {
    if (objectHasOwn(cells, localName)) return cells[localName];
    let value: unknown;
    let tdz = true;
    const updaters: Updater[] = [];
    // Updaters belong to importers (perhaps in other compartments): each is called as a plain
    // function (never as a method of our list), and one that throws neither stops the others nor
    // makes the exporter's own assignment fail.
    const publish = (v: unknown): unknown => {
      value = v;
      tdz = false;
      for (let i = 0; i < updaters.length; i += 1) notifyOne(updaters[i], v);
      return v;
    };
    const cell = {
      get: (): unknown => {
        if (tdz) throw makeReferenceError(`module ${jsonStringify(specifier)}`, `binding ${jsonStringify(localName)} not yet initialized`, codes.MODULE_NOT_LINKED);
        return value;
      },
      notify: (updater: Updater): void => {
        updaters[updaters.length] = updater;
        if (!tdz) notifyOne(updater, value);
      },
      set: publish,
    };
    cells[localName] = cell;
    return cell;
  };
  const fixedNames = ownKeys(record.fixed);
  for (let i = 0; i < fixedNames.length; i += 1) {
    const exportName = fixedNames[i] as string;
    const cell = cellFor(record.fixed[exportName]);
    onceVar[record.fixed[exportName]] = own(cell.set);
    readers[exportName] = cell.get;
    notifiers[exportName] = cell.notify;
  }
  const liveNames = ownKeys(record.live);
  for (let i = 0; i < liveNames.length; i += 1) {
    const exportName = liveNames[i] as string;
    const localName = record.live[exportName][0];
    const viaLexical = record.live[exportName][1];
    const cell = cellFor(localName);
    liveVar[localName] = own(cell.set);
    readers[exportName] = cell.get;
    notifiers[exportName] = cell.notify;
    if (viaLexical && !objectHasOwn(lexicals, localName)) {
      const get = cell.get;
      const set = (v: unknown): void => {
        get(); // assigning in the TDZ throws, as for a let
        cell.set(v);
      };
      // An accessor: reads and writes of the local name in the functor go through the cell.
      defineProperty(lexicals, localName, { __proto__: null, get: own(get), set: own(set), enumerable: true, configurable: false } as PropertyDescriptor);
    }
  }
  return freeze({ readers: freeze(readers), notifiers: freeze(notifiers), onceVar: freeze(onceVar), liveVar: freeze(liveVar), lexicals: freeze(lexicals) });
};
