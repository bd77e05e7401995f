// `ModuleSource`: an ES module's text, analyzed with acorn (analyze-source.ts) into what a linker
// needs: the specifiers it imports, the names it exports, its star re-exports, its import and
// export binding maps, and whether it uses `import.meta` or top-level `await`. Compartments
// compile it (module-compile.ts) into their own generator the first time they instantiate it.
// The text is kept privately (a WeakMap), so a ModuleSource is an inert, frozen description.
// Assumes nothing; usable before lockdown (only compartments need lockdown). No side effects.
import { WeakMap, defineProperty, freeze, jsonStringify, kindOf, ownKeys, toStringTagSymbol, weakmapGet, weakmapSet } from '../commons.js';
import { codes, makeSyntaxError, makeTypeError } from '../errors.js';
import { analyzeModuleSource } from './analyze-source.js';
import type { ModuleRecordData } from './module-record.js';
import { markOwn } from '../lockdown/own-functions.js';

/** What a compartment needs from one of our module sources. */
export interface ModuleSourceRecord {
  readonly text: string;
  readonly location: string | undefined;
  readonly record: ModuleRecordData;
}

const records = new WeakMap<object, ModuleSourceRecord>();

/** The record of one of our ModuleSource instances, or undefined for anything else. */
export const moduleSourceRecord = (value: unknown): ModuleSourceRecord | undefined =>
  typeof value === 'object' && value !== null ? weakmapGet(records, value) : undefined;

/** `import { a as b } from 'm'` → `b: ['m', 'a']` (`'*'` for a namespace import), as @endo/module-source maps them. */
export type ImportMap = Readonly<Record<string, readonly [string, string]>>;

export interface ModuleSource {
  /** The specifiers this module imports from, each once, in source order. */
  readonly imports: readonly string[];
  /** Every name this module exports itself or re-exports by name, in source order. */
  readonly exports: readonly string[];
  /** Specifiers of `export * from`. */
  readonly reexports: readonly string[];
  /** Local name → [specifier, imported name]. */
  readonly importMap: ImportMap;
  /** Export name → local name (`'*default*'` for `export default <expression>`). */
  readonly exportMap: Readonly<Record<string, string>>;
  /** Export name → [specifier, imported name] for `export { a as b } from 'm'` and `export * as b from 'm'`. */
  readonly reexportMap: ImportMap;
  readonly needsImportMeta: boolean;
  readonly hasTopLevelAwait: boolean;
  /** The location given to the constructor, if any (for messages). */
  readonly location: string | undefined;
}

export interface ModuleSourceConstructor {
  new (source: string, location?: string): ModuleSource;
  readonly prototype: ModuleSource;
}

const frozenRecord = <V>(entries: readonly (readonly [string, V])[]): Readonly<Record<string, V>> => {
  const out = { __proto__: null } as unknown as Record<string, V>;
  for (let i = 0; i < entries.length; i += 1) out[entries[i][0]] = entries[i][1];
  return freeze(out);
};

/** The checks both module source constructors make: called with `new`, a string source, a string location if any. */
export function checkSourceArguments(
  name: string,
  newTarget: unknown,
  source: unknown,
  location: unknown,
): asserts source is string {
  if (newTarget === undefined) {
    throw makeTypeError(`${name}()`, `a ${name} must be made with 'new'`, codes.COMPARTMENT_REQUIRES_NEW);
  }
  if (typeof source !== 'string') {
    throw makeTypeError(`new ${name}()`, `source must be a string, got a value of kind ${kindOf(source)}`, codes.SOURCE_NOT_STRING);
  }
  if (location !== undefined && typeof location !== 'string') {
    throw makeTypeError(`new ${name}()`, `location must be a string, got a value of kind ${kindOf(location)}`, codes.BAD_OPTION_VALUE);
  }
}

export const ModuleSource = markOwn(function ModuleSource(this: ModuleSource, source: unknown, location?: unknown) {
  checkSourceArguments('ModuleSource', new.target, source, location);
  const record = analyzeModuleSource(source);
  // Import attributes: `type` is the only key any host supports (ECMA-262 HostGetSupportedImportAttributes).
  const attributed = ownKeys(record.attributes);
  for (let i = 0; i < attributed.length; i += 1) {
    const keys = ownKeys(record.attributes[attributed[i] as string]);
    for (let j = 0; j < keys.length; j += 1) {
      if (keys[j] !== 'type') {
        throw makeSyntaxError('new ModuleSource()', `the import attribute ${jsonStringify(keys[j])} is not supported (only "type")`, codes.SYNTAX_ERROR);
      }
    }
  }
  const exportNames: string[] = [];
  const exportEntries: [string, string][] = [];
  for (let i = 0; i < record.exports.length; i += 1) {
    const e = record.exports[i];
    exportNames[exportNames.length] = e.exportName;
    exportEntries[exportEntries.length] = [e.exportName, e.localName];
  }
  const reexportEntries: [string, readonly [string, string]][] = [];
  for (let i = 0; i < record.reexports.length; i += 1) {
    const r = record.reexports[i];
    exportNames[exportNames.length] = r.exportName;
    reexportEntries[reexportEntries.length] = [r.exportName, freeze([r.specifier, r.importName] as const)];
  }
  const importEntries: [string, readonly [string, string]][] = [];
  for (let i = 0; i < record.imports.length; i += 1) {
    const m = record.imports[i];
    importEntries[importEntries.length] = [m.localName, freeze([m.specifier, m.importName] as const)];
  }
  const self = this as unknown as Record<string, unknown>;
  self.imports = record.requestedModules;
  self.exports = freeze(exportNames);
  self.reexports = record.starExports;
  self.importMap = frozenRecord(importEntries);
  self.exportMap = frozenRecord(exportEntries);
  self.reexportMap = frozenRecord(reexportEntries);
  self.needsImportMeta = record.usesImportMeta;
  self.hasTopLevelAwait = record.hasTopLevelAwait;
  self.location = location;
  weakmapSet(records, this, freeze({ text: source, location, record }));
  freeze(this);
}) as unknown as ModuleSourceConstructor;

defineProperty(ModuleSource.prototype, toStringTagSymbol, {
  __proto__: null,
  value: 'ModuleSource',
  writable: false,
  enumerable: false,
  configurable: true,
} as PropertyDescriptor);
freeze(ModuleSource.prototype);
freeze(ModuleSource);
