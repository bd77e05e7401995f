// Loads, links and evaluates module graphs for compartments (`import`, `importNow`, `load`,
// `module`), with the lookup order of ses: the compartment's memo, its `modules` map,
// `moduleMapHook`, then `importHook` (async) or `importNowHook` (sync). Module descriptors:
// a ModuleSource, `{ source }`, `{ source, specifier, importMeta }`, `{ source: 'spec',
// compartment }`, `{ namespace: 'spec' | namespace | object, compartment }`, the legacy
// `{ record, specifier }`, and virtual module sources `{ imports, exports, execute }`.
// Linking follows ECMA-262 16.2.1.6 (ResolveExport, GetExportedNames) on the records' static
// data; bindings are read live through the getters each module's prologue registers
// (module-compile.ts). Evaluation is ECMA-262's for cyclic module records, top-level await included
// (module-evaluate.ts); every kind of instance takes part, CommonJS as a leaf whose requires run
// when called, with Node's cache semantics (a body that throws runs again on the next require).
// Assumes lockdown has run (it is reached only through compartments). Side effects: per-compartment memos.
import {
  Map,
  Promise,
  WeakMap,
  apply,
  create,
  defineProperty,
  freeze,
  isObject,
  jsonStringify,
  kindOf,
  mapGet,
  mapSet,
  mapToArray,
  objectHasOwn,
  ownKeys,
  promiseAll,
  promiseResolve,
  promiseThen,
  reflectGet,
  stringLastIndexOf,
  stringSlice,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeReferenceError, makeSyntaxError, makeTypeError } from '../errors.js';
import { compileModule, startModule } from './evaluator.js';
import type { ModuleRunner } from './evaluator.js';
import { asPrecompiled, makePrecompiledBindings } from './module-precompiled.js';
import type { PrecompiledBindings, PrecompiledRecord } from './module-precompiled.js';
import { isModuleNamespace, makeDeferredNamespace, makeModuleNamespace } from './module-namespace.js';
import type { DeferredNamespace, ExportReaders } from './module-namespace.js';
import { moduleSourceRecord } from './module-source.js';
import { CJS_PARAMETERS, cjsSourceRecord, isJsonModuleSource } from './cjs-source.js';
import type { CjsRecord } from './cjs-source.js';
import { evaluateScript, makeFunction } from './compartment-evaluate.js';
import { makeEvaluator } from './module-evaluate.js';
import type { Evaluable } from './module-evaluate.js';
import { markOwn } from '../lockdown/own-functions.js';
import type { ModuleSourceRecord } from './module-source.js';
import type { ResolvedCompartmentOptions } from './compartment-options.js';

/** What the loader needs of a compartment. */
export interface ModuleHost {
  readonly self: object;
  readonly options: ResolvedCompartmentOptions;
  readonly global: () => object;
  /** The host of another compartment (for `{ compartment }` descriptors); undefined if not one. */
  readonly hostOf: (compartment: unknown) => ModuleHost | undefined;
  /**
   * The compartment whose `Compartment` made this one (what a descriptor naming a specifier but no
   * compartment refers to, as in ses); undefined for compartments of the root constructor.
   */
  readonly parent: () => ModuleHost | undefined;
}

interface VirtualSource {
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  readonly execute: (exportsTarget: object, compartment: object, resolvedImports: object) => unknown;
}

/** One module instance: a source instantiated in a compartment under a specifier. */
interface Instance extends Evaluable<Instance> {
  readonly host: ModuleHost;
  readonly specifier: string;
  readonly source: ModuleSourceRecord | undefined;
  readonly cjs: CjsRecord | undefined;
  /** An @endo/module-source style record (module-precompiled.ts). */
  readonly precompiled: PrecompiledRecord | undefined;
  /** Its binding cells, once linked. */
  bindings: PrecompiledBindings | undefined;
  /** Updaters waiting for a binding of this instance to be initialized (pushed when it has run). */
  readonly waiting: (() => boolean)[];
  readonly virtual: VirtualSource | undefined;
  /** A JSON module: `require` gives its value. */
  readonly json: boolean;
  /** A plain object used as a namespace: its own properties are the exports. */
  readonly object: object | undefined;
  readonly importMeta: object | undefined;
  /** Import specifier as written → the instance it resolved to. */
  readonly resolved: Record<string, Instance>;
  /** Import specifier as written → full specifier (for virtual sources). */
  readonly fullSpecifiers: Record<string, string>;
  depsFetched: boolean;
  /** Local export name → reader: set by the module's prologue (or made for virtual and object modules). */
  readers: ExportReaders | undefined;
  generator: Generator<undefined, undefined, undefined> | AsyncGenerator<undefined, undefined, undefined> | undefined;
  /**
   * An async module's prologue step, until it settles: an async generator's `yield` awaits before
   * it suspends, so the body can be resumed synchronously (as evaluation order requires) only
   * after this settles.
   */
  primed: Promise<unknown> | undefined;
  namespace: object | undefined;
  /** Namespaces made early by `module()` under specifiers that resolved to this instance. */
  readonly deferred: DeferredNamespace[];
  /** A CommonJS module's `module` object, once linked (a new one after its body throws). */
  module: { exports: unknown; loaded: boolean } | undefined;
  /** A CommonJS module's arguments to its body, with that `module` object. */
  cjsArguments: unknown[] | undefined;
  /** Where a CommonJS body is in Node's cache: not run (or thrown), running (a cycle sees it partly), run. */
  cjsState: 'unloaded' | 'loading' | 'loaded';
}

const API = 'Compartment';

/** Per compartment: full specifier → its instance. */
const memos = new WeakMap<object, Map<string, Instance>>();
const memoOf = (host: ModuleHost): Map<string, Instance> => {
  let memo = weakmapGet(memos, host.self);
  if (memo === undefined) {
    memo = new Map<string, Instance>();
    weakmapSet(memos, host.self, memo);
  }
  return memo;
};
/** Namespace object → its instance (to share instances through `{ namespace }` descriptors). */
const namespaceInstances = new WeakMap<object, Instance>();

/** Per compartment: specifier → the namespace `compartment.module()` made before the module was linked. */
const deferreds = new WeakMap<object, Map<string, DeferredNamespace>>();
/** Such a namespace → where it was asked for, so that a `{ namespace }` descriptor can name it early. */
const deferredOrigins = new WeakMap<object, { readonly host: ModuleHost; readonly specifier: string }>();

const deferredFor = (host: ModuleHost, specifier: string): DeferredNamespace => {
  let map = weakmapGet(deferreds, host.self);
  if (map === undefined) {
    map = new Map<string, DeferredNamespace>();
    weakmapSet(deferreds, host.self, map);
  }
  let deferred = mapGet(map, specifier);
  if (deferred === undefined) {
    deferred = makeDeferredNamespace();
    mapSet(map, specifier, deferred);
    weakmapSet(deferredOrigins, deferred.namespace, freeze({ host, specifier }));
  }
  return deferred;
};

const isThenable = (value: unknown): boolean => isObject(value) && typeof reflectGet(value, 'then') === 'function';

const makeInstance = (host: ModuleHost, specifier: string, parts: Partial<Instance>): Instance => ({
  host,
  specifier,
  source: parts.source,
  cjs: parts.cjs,
  precompiled: parts.precompiled,
  bindings: undefined,
  waiting: [],
  virtual: parts.virtual,
  json: parts.json === true,
  object: parts.object,
  importMeta: parts.importMeta,
  resolved: create(null) as Record<string, Instance>,
  fullSpecifiers: create(null) as Record<string, string>,
  depsFetched: false,
  readers: undefined,
  generator: undefined,
  primed: undefined,
  namespace: undefined,
  deferred: [],
  module: undefined,
  cjsArguments: undefined,
  cjsState: 'unloaded',
  // ECMA-262 Table 45, for module-evaluate.ts.
  status: 'new',
  dfsIndex: 0,
  dfsAncestorIndex: 0,
  stack: undefined,
  cycleRoot: undefined,
  asyncEvaluationOrder: 0,
  pendingAsyncDependencies: 0,
  asyncParentModules: [],
  topLevelCapability: undefined,
  failed: false,
  error: undefined,
});

const badDescriptor = (host: ModuleHost, specifier: string, what: string): Error =>
  makeTypeError(
    `${API} ${jsonStringify(host.options.name)}`,
    `the module descriptor for ${jsonStringify(specifier)} ${what}`,
    codes.BAD_MODULE_DESCRIPTOR,
  );

const asVirtual = (value: object): VirtualSource | undefined => {
  const execute = reflectGet(value, 'execute');
  if (typeof execute !== 'function') return undefined;
  const imports = reflectGet(value, 'imports');
  const exports = reflectGet(value, 'exports');
  const list = (v: unknown): string[] => {
    const out: string[] = [];
    if (v === undefined) return out;
    const length = reflectGet(v as object, 'length');
    for (let i = 0; i < (length as number); i += 1) out[i] = `${reflectGet(v as object, i)}`;
    return out;
  };
  return freeze({ imports: freeze(list(imports)), exports: freeze(list(exports)), execute: execute as VirtualSource['execute'] });
};

/** The instance a module source makes in `host` under `specifier`. */
const instanceOfSource = (host: ModuleHost, specifier: string, source: unknown, importMeta: unknown): Instance => {
  const record = moduleSourceRecord(source);
  if (record !== undefined) return makeInstance(host, specifier, { source: record, importMeta: importMeta as object | undefined });
  const cjs = cjsSourceRecord(source);
  if (cjs !== undefined) return makeInstance(host, specifier, { cjs });
  const precompiled = asPrecompiled(source);
  if (precompiled !== undefined) return makeInstance(host, specifier, { precompiled, importMeta: importMeta as object | undefined });
  if (isObject(source)) {
    const virtual = asVirtual(source);
    if (virtual !== undefined) {
      return makeInstance(host, specifier, { virtual, json: isJsonModuleSource(source), importMeta: importMeta as object | undefined });
    }
  }
  throw badDescriptor(host, specifier, `has a source of kind ${kindOf(source)}, not a ModuleSource or a virtual module source`);
};

type Sync = boolean;
type Maybe<T> = T | Promise<T>;

const then = <T, U>(value: Maybe<T>, next: (v: T) => Maybe<U>): Maybe<U> =>
  value instanceof Promise ? (promiseThen(value, next as (v: unknown) => unknown) as Promise<U>) : next(value as T);

/** Interprets what a `modules` entry or a hook gave for `specifier`. */
const interpret = (host: ModuleHost, specifier: string, descriptor: unknown, sync: Sync): Maybe<Instance> => {
  if (moduleSourceRecord(descriptor) !== undefined || cjsSourceRecord(descriptor) !== undefined || asPrecompiled(descriptor) !== undefined) {
    return instanceOfSource(host, specifier, descriptor, undefined);
  }
  if (!isObject(descriptor)) throw badDescriptor(host, specifier, `is of kind ${kindOf(descriptor)}`);
  if (isModuleNamespace(descriptor)) return instanceForNamespace(host, specifier, descriptor, sync);
  const otherCompartment = reflectGet(descriptor, 'compartment');
  // A specifier without a compartment names one of the parent compartment's modules (ses).
  const other = otherCompartment === undefined ? host.parent() : host.hostOf(otherCompartment);
  const needOther = (): ModuleHost => {
    if (other !== undefined) return other;
    if (otherCompartment !== undefined) throw badDescriptor(host, specifier, 'names a compartment that is not a Compartment');
    throw badDescriptor(host, specifier, 'names a module by specifier but no compartment, and this compartment has no parent');
  };
  if (objectHasOwn(descriptor, 'namespace')) {
    const namespace = reflectGet(descriptor, 'namespace');
    if (typeof namespace === 'string') return instanceFor(needOther(), namespace, sync);
    if (isModuleNamespace(namespace)) return instanceForNamespace(host, specifier, namespace as object, sync);
    if (isObject(namespace)) return makeInstance(host, specifier, { object: namespace });
    throw badDescriptor(host, specifier, `has a namespace of kind ${kindOf(namespace)}`);
  }
  const key = objectHasOwn(descriptor, 'source') ? 'source' : objectHasOwn(descriptor, 'record') ? 'record' : undefined;
  if (key !== undefined) {
    const source = reflectGet(descriptor, key);
    const given = reflectGet(descriptor, 'specifier');
    const ownSpecifier = given === undefined ? specifier : `${given}`;
    const importMeta = reflectGet(descriptor, 'importMeta');
    // An instance is also known under the specifier its descriptor gives (as in ses): one that
    // exists there already is the one used.
    if (ownSpecifier !== specifier) {
      const existing = mapGet(memoOf(host), ownSpecifier);
      if (existing !== undefined) return existing;
    }
    const known = (instance: Instance): Instance => {
      if (ownSpecifier !== specifier && mapGet(memoOf(host), ownSpecifier) === undefined) mapSet(memoOf(host), ownSpecifier, instance);
      return instance;
    };
    if (typeof source === 'string') {
      // A new instance, in this compartment, of the source that `source` names in the other one.
      const from = needOther();
      return then(instanceFor(from, source, sync), found => {
        // Only a source that compartment was given itself: not one it reaches through an alias
        // (`{ namespace }`), which would let anyone holding a namespace run its module again.
        if (found.host !== from) throw badDescriptor(host, specifier, `names ${jsonStringify(source)}, which that compartment only aliases`);
        const meta = importMeta as object | undefined;
        if (found.source !== undefined) return known(makeInstance(host, ownSpecifier, { source: found.source, importMeta: meta }));
        if (found.cjs !== undefined) return known(makeInstance(host, ownSpecifier, { cjs: found.cjs }));
        if (found.precompiled !== undefined) return known(makeInstance(host, ownSpecifier, { precompiled: found.precompiled, importMeta: meta }));
        if (found.virtual !== undefined) return known(makeInstance(host, ownSpecifier, { virtual: found.virtual, json: found.json, importMeta: meta }));
        throw badDescriptor(host, specifier, `names ${jsonStringify(source)}, which has no module source`);
      });
    }
    return known(instanceOfSource(host, ownSpecifier, source, importMeta));
  }
  // A redirect to another compartment's module: `{ specifier, compartment }` shares that instance.
  const redirect = reflectGet(descriptor, 'specifier');
  if (typeof redirect === 'string' && otherCompartment !== undefined && reflectGet(descriptor, 'execute') === undefined) {
    return instanceFor(needOther(), redirect, sync);
  }
  const virtual = asVirtual(descriptor);
  if (virtual !== undefined) return makeInstance(host, specifier, { virtual, json: isJsonModuleSource(descriptor) });
  throw badDescriptor(host, specifier, 'has none of source, record, namespace or execute');
};

const instanceForNamespace = (host: ModuleHost, specifier: string, namespace: object, sync: Sync): Maybe<Instance> => {
  const found = weakmapGet(namespaceInstances, namespace);
  if (found !== undefined) return found;
  // A namespace from `module()` before its module was linked: the module it stands for.
  const origin = weakmapGet(deferredOrigins, namespace);
  if (origin !== undefined) return instanceFor(origin.host, origin.specifier, sync);
  throw badDescriptor(host, specifier, 'gives a namespace this realm did not make');
};

const notFound = (host: ModuleHost, specifier: string, why: string): Error =>
  makeTypeError(`${API} ${jsonStringify(host.options.name)}`, `cannot load module ${jsonStringify(specifier)}: ${why}`, codes.MODULE_NOT_FOUND);

/** The instance `host` has under the full `specifier`, looked up as ses does. */
const instanceFor = (host: ModuleHost, specifier: string, sync: Sync): Maybe<Instance> => {
  const memo = memoOf(host);
  const hit = mapGet(memo, specifier);
  if (hit !== undefined) return hit;
  const remember = (instance: Instance): Instance => {
    const raced = mapGet(memo, specifier);
    if (raced !== undefined) return raced;
    mapSet(memo, specifier, instance);
    // A namespace `module()` handed out for this specifier becomes this instance's namespace.
    const early = weakmapGet(deferreds, host.self);
    const deferred = early === undefined ? undefined : mapGet(early, specifier);
    if (deferred !== undefined) instance.deferred[instance.deferred.length] = deferred;
    return instance;
  };
  const { modules, moduleMapHook, importHook, importNowHook } = host.options;
  let descriptor: unknown = objectHasOwn(modules, specifier) ? modules[specifier] : undefined;
  if (descriptor === undefined && moduleMapHook !== undefined) descriptor = apply(moduleMapHook, undefined, [specifier]);
  if (descriptor !== undefined) return then(interpret(host, specifier, descriptor, sync), remember);
  const hook = sync ? importNowHook : importHook;
  if (hook === undefined) {
    throw notFound(host, specifier, sync ? 'not in the modules map, and there is no importNowHook' : 'not in the modules map, and there is no importHook');
  }
  const given: unknown = apply(hook, undefined, [specifier]);
  if (sync) {
    if (isThenable(given)) throw notFound(host, specifier, 'importNowHook returned a promise; use import()');
    if (given === undefined) throw notFound(host, specifier, 'importNowHook returned undefined');
    return remember(interpret(host, specifier, given, true) as Instance);
  }
  return then(promiseResolve(given), value => {
    if (value === undefined) throw notFound(host, specifier, 'importHook returned undefined');
    return then(interpret(host, specifier, value, false), remember);
  });
};

/** The specifiers an instance imports, as written. */
const requestsOf = (instance: Instance): readonly string[] =>
  instance.source !== undefined
    ? instance.source.record.requestedModules
    : instance.cjs !== undefined
      ? instance.cjs.imports
      : instance.precompiled !== undefined
        ? instance.precompiled.imports
        : instance.virtual !== undefined
        ? instance.virtual.imports
        : [];

/**
 * The instances an instance imports, in the order its requests are written (each once): what must
 * be linked and evaluated before it. None for CommonJS, whose requires run when called.
 */
const dependenciesOf = (instance: Instance): Instance[] => (instance.cjs !== undefined ? [] : loadedOf(instance));

/** The instances an instance's requests resolved to (CommonJS requires too). */
const loadedOf = (instance: Instance): Instance[] => {
  const requests = requestsOf(instance);
  const out: Instance[] = [];
  for (let i = 0; i < requests.length; i += 1) {
    const dep = instance.resolved[requests[i]];
    if (dep !== undefined) out[out.length] = dep;
  }
  return out;
};

const resolveSpecifier = (instance: Instance, request: string): string => {
  const { resolveHook } = instance.host.options;
  if (resolveHook === undefined) return request;
  const full: unknown = apply(resolveHook, undefined, [request, instance.specifier]);
  if (typeof full !== 'string') {
    throw makeTypeError(`${API} ${jsonStringify(instance.host.options.name)}`, `resolveHook returned a value of kind ${kindOf(full)} for ${jsonStringify(request)}`, codes.BAD_OPTION_VALUE);
  }
  return full;
};

const aggregate = (host: ModuleHost, specifier: string, errors: unknown[]): unknown => {
  if (errors.length === 1 || host.options.noAggregateLoadErrors) return errors[0];
  let detail = '';
  for (let i = 0; i < errors.length; i += 1) {
    const e = errors[i];
    detail += `${i === 0 ? '' : '; '}${isObject(e) && typeof reflectGet(e, 'message') === 'string' ? reflectGet(e, 'message') : kindOf(e)}`;
  }
  return makeTypeError(
    `${API} ${jsonStringify(host.options.name)}`,
    `failed to load module ${jsonStringify(specifier)} (${errors.length} underlying failures: ${detail})`,
    codes.MODULE_LOAD_FAILED,
  );
};

/** Fetches every module reachable from `root` (each once); load errors are gathered, then thrown as one. */
const loadGraph = (root: Instance, sync: Sync): Maybe<void> => {
  const errors: unknown[] = [];
  const seen = new Map<Instance, true>();
  const fetchDeps = (instance: Instance): Maybe<Instance[]> => {
    const requests = requestsOf(instance);
    const children: Instance[] = [];
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < requests.length; i += 1) {
      const request = requests[i];
      try {
        const full = resolveSpecifier(instance, request);
        instance.fullSpecifiers[request] = full;
        const child = instanceFor(instance.host, full, sync);
        const record = (c: Instance): void => {
          instance.resolved[request] = c;
          children[children.length] = c;
        };
        if (child instanceof Promise) {
          pending[pending.length] = promiseThen(child, record, error => {
            if (instance.cjs === undefined) errors[errors.length] = error;
          });
        } else record(child);
      } catch (error) {
        // A CommonJS require that cannot be loaded fails when (and if) it runs, as in Node:
        // `try { require('optional') } catch {}` is common.
        if (instance.cjs !== undefined) continue;
        errors[errors.length] = error;
        if (root.host.options.noAggregateLoadErrors) throw error;
      }
    }
    if (pending.length === 0) return children;
    return promiseThen(promiseAll(pending), () => children) as Promise<Instance[]>;
  };
  const visit = (instance: Instance): Maybe<void> => {
    if (mapGet(seen, instance) === true) return undefined;
    mapSet(seen, instance, true);
    if (instance.depsFetched) {
      // Already loaded by an earlier import: its dependencies are known.
      const deps = loadedOf(instance);
      const more: Maybe<void>[] = [];
      for (let i = 0; i < deps.length; i += 1) more[more.length] = visit(deps[i]);
      return all(more);
    }
    return then(fetchDeps(instance), children => {
      if (errors.length === 0) instance.depsFetched = true;
      const more: Maybe<void>[] = [];
      for (let i = 0; i < children.length; i += 1) more[more.length] = visit(children[i]);
      return all(more);
    });
  };
  return then(visit(root), () => {
    if (errors.length > 0) throw aggregate(root.host, root.specifier, errors);
  });
};

const all = (values: Maybe<void>[]): Maybe<void> => {
  const promises: Promise<void>[] = [];
  for (let i = 0; i < values.length; i += 1) if (values[i] instanceof Promise) promises[promises.length] = values[i] as Promise<void>;
  if (promises.length === 0) return undefined;
  return promiseThen(promiseAll(promises), () => undefined) as Promise<void>;
};

/** Every instance reachable from `root` (each once), `root` first. */
const graphOf = (root: Instance): Instance[] => {
  const order: Instance[] = [];
  const seen = new Map<Instance, true>();
  const stack: Instance[] = [root];
  while (stack.length > 0) {
    const instance = stack[stack.length - 1];
    stack.length -= 1;
    if (mapGet(seen, instance) === true) continue;
    mapSet(seen, instance, true);
    order[order.length] = instance;
    const deps = dependenciesOf(instance);
    for (let i = 0; i < deps.length; i += 1) stack[stack.length] = deps[i];
  }
  return order;
};

// --- Linking (ECMA-262 16.2.1.6.2 GetExportedNames, 16.2.1.6.3 ResolveExport) ---

interface Resolution {
  readonly instance: Instance;
  /** A local export name of `instance`, or undefined for its namespace. */
  readonly name: string | undefined;
}
const AMBIGUOUS = 'ambiguous' as const;
type Resolved = Resolution | null | typeof AMBIGUOUS;

/** Export name → local name, for names that are the module's own bindings (not imports passed on). */
const computeLocalExports = (instance: Instance): Record<string, string> => {
  const out = create(null) as Record<string, string>;
  if (instance.source !== undefined) {
    const { exports, imports } = instance.source.record;
    for (let i = 0; i < exports.length; i += 1) {
      let imported = false;
      for (let j = 0; j < imports.length; j += 1) if (imports[j].localName === exports[i].localName) imported = true;
      if (!imported) out[exports[i].exportName] = exports[i].exportName;
    }
  } else if (instance.cjs !== undefined) {
    out.default = 'default';
    addCjsNames(instance, out, []);
  } else if (instance.precompiled !== undefined) {
    const { fixed, live } = instance.precompiled;
    const names = ownKeys(fixed);
    for (let i = 0; i < names.length; i += 1) out[names[i] as string] = names[i] as string;
    const liveNames = ownKeys(live);
    for (let i = 0; i < liveNames.length; i += 1) out[liveNames[i] as string] = liveNames[i] as string;
  } else if (instance.virtual !== undefined) {
    for (let i = 0; i < instance.virtual.exports.length; i += 1) out[instance.virtual.exports[i]] = instance.virtual.exports[i];
  } else if (instance.object !== undefined) {
    const keys = ownKeys(instance.object);
    for (let i = 0; i < keys.length; i += 1) if (typeof keys[i] === 'string') out[keys[i] as string] = keys[i] as string;
  }
  return out;
};

/** A CommonJS module's detected names, and those of the modules it re-exports (which are its `module.exports`). */
const addCjsNames = (instance: Instance, out: Record<string, string>, seen: Instance[]): void => {
  for (let i = 0; i < seen.length; i += 1) if (seen[i] === instance) return;
  seen[seen.length] = instance;
  const { exports, reexports } = instance.cjs!;
  for (let i = 0; i < exports.length; i += 1) out[exports[i]] = exports[i];
  for (let i = 0; i < reexports.length; i += 1) {
    const target = instance.resolved[reexports[i]];
    if (target === undefined) continue;
    if (target.cjs !== undefined) addCjsNames(target, out, seen);
    else {
      const names = exportedNames(target, []);
      for (let j = 0; j < names.length; j += 1) if (names[j] !== 'default') out[names[j]] = names[j];
    }
  }
};

/** Export name → [request, import name] for names passed on from other modules. */
const computeIndirectExports = (instance: Instance): Record<string, readonly [string, string]> => {
  const out = create(null) as Record<string, readonly [string, string]>;
  if (instance.precompiled !== undefined) {
    const { reexported } = instance.precompiled;
    const names = ownKeys(reexported);
    for (let i = 0; i < names.length; i += 1) out[names[i] as string] = reexported[names[i] as string];
    return out;
  }
  if (instance.source === undefined) return out;
  const { exports, imports, reexports } = instance.source.record;
  for (let i = 0; i < exports.length; i += 1) {
    for (let j = 0; j < imports.length; j += 1) {
      if (imports[j].localName === exports[i].localName) out[exports[i].exportName] = [imports[j].specifier, imports[j].importName];
    }
  }
  for (let i = 0; i < reexports.length; i += 1) out[reexports[i].exportName] = [reexports[i].specifier, reexports[i].importName];
  return out;
};

// The export tables depend only on an instance's source and on what its requests resolved to, both
// fixed once it is loaded (before anything asks): computed once, not at every ResolveExport step.
const localTables = new WeakMap<Instance, Record<string, string>>();
const indirectTables = new WeakMap<Instance, Record<string, readonly [string, string]>>();
const localExportsOf = (instance: Instance): Record<string, string> => {
  let table = weakmapGet(localTables, instance);
  if (table === undefined) {
    table = computeLocalExports(instance);
    weakmapSet(localTables, instance, table);
  }
  return table;
};
const indirectExportsOf = (instance: Instance): Record<string, readonly [string, string]> => {
  let table = weakmapGet(indirectTables, instance);
  if (table === undefined) {
    table = computeIndirectExports(instance);
    weakmapSet(indirectTables, instance, table);
  }
  return table;
};

const starExportsOf = (instance: Instance): readonly string[] =>
  instance.source !== undefined ? instance.source.record.starExports : instance.precompiled !== undefined ? instance.precompiled.exportAlls : [];

const resolveExport = (instance: Instance, exportName: string, resolveSet: [Instance, string][]): Resolved => {
  for (let i = 0; i < resolveSet.length; i += 1) {
    if (resolveSet[i][0] === instance && resolveSet[i][1] === exportName) return null; // a circular import request
  }
  resolveSet[resolveSet.length] = [instance, exportName];
  const local = localExportsOf(instance);
  if (objectHasOwn(local, exportName)) return { instance, name: exportName };
  const indirect = indirectExportsOf(instance);
  if (objectHasOwn(indirect, exportName)) {
    const request = indirect[exportName][0];
    const importName = indirect[exportName][1];
    const target = instance.resolved[request];
    if (importName === '*') return { instance: target, name: undefined };
    return resolveExport(target, importName, resolveSet);
  }
  if (exportName === 'default') return null;
  let star: Resolution | null = null;
  const stars = starExportsOf(instance);
  for (let i = 0; i < stars.length; i += 1) {
    const resolution = resolveExport(instance.resolved[stars[i]], exportName, resolveSet);
    if (resolution === AMBIGUOUS) return AMBIGUOUS;
    if (resolution === null) continue;
    if (star === null) star = resolution;
    else if (star.instance !== resolution.instance || star.name !== resolution.name) return AMBIGUOUS;
  }
  return star;
};

const exportedNames = (instance: Instance, starSet: Instance[]): string[] => {
  for (let i = 0; i < starSet.length; i += 1) if (starSet[i] === instance) return [];
  starSet[starSet.length] = instance;
  const names: string[] = [];
  const seen = create(null) as Record<string, true>;
  const add = (name: string): void => {
    if (seen[name] !== true) {
      seen[name] = true;
      names[names.length] = name;
    }
  };
  const local = ownKeys(localExportsOf(instance));
  for (let i = 0; i < local.length; i += 1) add(local[i] as string);
  const indirect = ownKeys(indirectExportsOf(instance));
  for (let i = 0; i < indirect.length; i += 1) add(indirect[i] as string);
  const stars = starExportsOf(instance);
  for (let i = 0; i < stars.length; i += 1) {
    const starNames = exportedNames(instance.resolved[stars[i]], starSet);
    for (let j = 0; j < starNames.length; j += 1) if (starNames[j] !== 'default') add(starNames[j]);
  }
  return names;
};

/** Reads a resolved binding: throws ReferenceError while it is uninitialized. */
const readerOf = (resolution: Resolution): (() => unknown) => {
  const { instance, name } = resolution;
  if (name === undefined) return () => namespaceOf(instance);
  return () => {
    const readers = instance.readers;
    if (readers === undefined || !objectHasOwn(readers, name)) {
      throw makeReferenceError(`module ${jsonStringify(instance.specifier)}`, `cannot access ${jsonStringify(name)} before initialization`, codes.MODULE_NOT_LINKED);
    }
    return readers[name]();
  };
};

/** The namespace object of an instance (made once, after linking). */
const namespaceOf = (instance: Instance): object => {
  if (instance.namespace !== undefined) return instance.namespace;
  const names = exportedNames(instance, []);
  const readers = create(null) as ExportReaders;
  const unambiguous: string[] = [];
  for (let i = 0; i < names.length; i += 1) {
    const resolution = resolveExport(instance, names[i], []);
    if (resolution === null || resolution === AMBIGUOUS) continue;
    unambiguous[unambiguous.length] = names[i];
    readers[names[i]] = readerOf(resolution);
  }
  const frozenReaders = freeze(readers);
  // The first namespace `module()` handed out early becomes the namespace; any other is completed too.
  let namespace: object | undefined;
  for (let i = 0; i < instance.deferred.length; i += 1) {
    instance.deferred[i].activate(unambiguous, frozenReaders);
    weakmapSet(namespaceInstances, instance.deferred[i].namespace, instance);
    namespace ??= instance.deferred[i].namespace;
  }
  namespace ??= makeModuleNamespace(unambiguous, frozenReaders);
  instance.namespace = namespace;
  weakmapSet(namespaceInstances, namespace, instance);
  return namespace;
};

const linkError = (instance: Instance, what: string): Error =>
  makeSyntaxError(`module ${jsonStringify(instance.specifier)}`, what, codes.MODULE_LINK_FAILED);

/** A JSON module must be imported `with { type: 'json' }`, and only a JSON module so (as in Node and browsers). */
const checkType = (importer: string, request: string, type: string | undefined, target: Instance): void => {
  if (type !== undefined && type !== 'json') {
    throw makeTypeError(`module ${jsonStringify(importer)}`, `import attribute type ${jsonStringify(type)} of ${jsonStringify(request)} is not supported`, codes.MODULE_LINK_FAILED);
  }
  if ((type === 'json') !== target.json) {
    const what = target.json ? 'is a JSON module: import it with { type: "json" }' : 'is not a JSON module, but is imported with { type: "json" }';
    throw makeTypeError(`module ${jsonStringify(importer)}`, `${jsonStringify(request)} ${what}`, codes.MODULE_LINK_FAILED);
  }
};

const checkAttributes = (instance: Instance): void => {
  const { requestedModules, attributes } = instance.source!.record;
  for (let i = 0; i < requestedModules.length; i += 1) {
    const request = requestedModules[i];
    const attrs = attributes[request];
    checkType(instance.specifier, request, attrs === undefined ? undefined : attrs.type, instance.resolved[request]);
  }
};

/** The import bindings of a source instance: a frozen null-prototype object of getters. */
const importBindings = (instance: Instance): object => {
  const bindings = create(null) as object;
  const { imports } = instance.source!.record;
  for (let i = 0; i < imports.length; i += 1) {
    const { specifier, importName, localName } = imports[i];
    const target = instance.resolved[specifier];
    let read: () => unknown;
    if (importName === '*') read = () => namespaceOf(target);
    else {
      const resolution = resolveExport(target, importName, []);
      if (resolution === null) {
        throw linkError(instance, `the requested module ${jsonStringify(specifier)} does not provide an export named ${jsonStringify(importName)}`);
      }
      if (resolution === AMBIGUOUS) {
        throw linkError(instance, `the requested module ${jsonStringify(specifier)} contains conflicting star exports for name ${jsonStringify(importName)}`);
      }
      read = readerOf(resolution);
    }
    defineProperty(bindings, localName, { __proto__: null, get: read, enumerable: true, configurable: false } as PropertyDescriptor);
  }
  return freeze(bindings);
};

/**
 * Whether a linkGraph is running. Linking calls guest code (the compartment's importMetaHook, the
 * getters of a descriptor's importMeta): a hook that links again (importNow) would link, and run,
 * modules of the graph being linked, which the outer call then linked a second time: their bodies
 * ran twice (test/attacks/redteam-link-reentrant-hook). Refused instead.
 */
let linking = false;

/**
 * Instantiates every unlinked instance reachable from `root`: import bindings, then each module's
 * compiled code, then each module's prologue. Any failure leaves the whole graph unlinked.
 */
const linkGraph = (root: Instance): void => {
  if (linking) {
    throw makeTypeError(`module ${jsonStringify(root.specifier)}`, 'a module graph cannot be linked while another is being linked (from an importMetaHook)', codes.MODULE_LINK_FAILED);
  }
  const graph = graphOf(root);
  const order: Instance[] = [];
  for (let i = 0; i < graph.length; i += 1) if (graph[i].status === 'new') order[order.length] = graph[i];
  // Resolve every import first: a link error leaves the whole graph unlinked.
  const bindings: object[] = [];
  for (let i = 0; i < order.length; i += 1) {
    const instance = order[i];
    if (instance.source !== undefined) checkAttributes(instance);
    if (instance.source !== undefined) bindings[i] = importBindings(instance);
    // Star exports must not be ambiguous for a name someone imports: checked by importBindings.
  }
  // Then compile every module's text, before any module is linked: compiling can still reject a
  // module that its ModuleSource accepted (the compiler's walk must agree with the facts found while
  // parsing, evaluator.ts rewrite(); the engine has limits that acorn lacks), and that rejection,
  // like a link error, must leave the whole graph unlinked. An importer of the rejected module that
  // stayed linked had its functions reachable through `module()`, and every later import of the
  // graph failed with an internal TypeError (test/attacks/redteam-link-compile-failure).
  const runners: (ModuleRunner | undefined)[] = [];
  for (let i = 0; i < order.length; i += 1) {
    const { source, host } = order[i];
    if (source !== undefined) runners[i] = compileModule(host.self, source.text);
  }
  // Then link. What can still fail here (an importMetaHook that throws, running out of stack)
  // puts every instance of this call back to unlinked, so that importing the graph again retries.
  linking = true;
  let at = 0;
  try {
    for (; at < order.length; at += 1) linkOne(order[at], bindings[at], runners[at]);
  } catch (error) {
    for (let i = 0; i <= at && i < order.length; i += 1) unlinkOne(order[i]);
    throw error;
  } finally {
    linking = false;
  }
};

/** Links one instance: starts a module's generator and runs its prologue, or makes the readers of any other kind of module. */
const linkOne = (instance: Instance, bindings: object | undefined, runner: ModuleRunner | undefined): void => {
  if (instance.source !== undefined) {
    const env = makeEnvironment(instance);
    const generator = startModule(runner as ModuleRunner, instance.host.global(), bindings as object, env);
    instance.generator = generator;
    // Runs the prologue: hoisted functions exist, the export getters are registered.
    const first = generator.next();
    if (first instanceof Promise) {
      // (Cleared only if still this generator's: after a failed link, a new one may have started.)
      const primed = promiseThen(first, () => {
        if (instance.primed === primed) instance.primed = undefined;
      });
      instance.primed = primed;
    }
  } else if (instance.cjs !== undefined) {
    linkCjs(instance);
  } else if (instance.precompiled !== undefined) {
    const made = makePrecompiledBindings(instance.precompiled, instance.specifier);
    instance.bindings = made;
    instance.readers = made.readers;
  } else if (instance.virtual !== undefined) {
    const target = create(null) as Record<string, unknown>;
    const readers = create(null) as ExportReaders;
    const names = instance.virtual.exports;
    for (let j = 0; j < names.length; j += 1) {
      const name = names[j];
      readers[name] = () => target[name];
    }
    instance.readers = freeze(readers);
    (instance as { virtualTarget?: object }).virtualTarget = target;
  } else if (instance.object !== undefined) {
    const object = instance.object;
    const readers = create(null) as ExportReaders;
    const names = ownKeys(object);
    for (let j = 0; j < names.length; j += 1) {
      const name = names[j];
      if (typeof name === 'string') readers[name] = () => reflectGet(object, name);
    }
    instance.readers = freeze(readers);
  }
  instance.status = 'linked';
};

/** Undoes linkOne (and a partial one) for an instance of a graph whose linking failed. */
const unlinkOne = (instance: Instance): void => {
  instance.status = 'new';
  instance.generator = undefined;
  instance.primed = undefined;
  instance.readers = undefined;
  instance.bindings = undefined;
  if (instance.cjs !== undefined) {
    instance.module = undefined;
    instance.cjsArguments = undefined;
    instance.cjsState = 'unloaded';
  }
};

/** A CommonJS module's `module` object and readers: `default` is `module.exports`, names its properties, live. */
const linkCjs = (instance: Instance): void => {
  freshCjsModule(instance);
  const readers = create(null) as ExportReaders;
  readers.default = () => instance.module!.exports;
  const names = ownKeys(localExportsOf(instance));
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    if (name === 'default') continue;
    readers[name] = () => {
      const { exports } = instance.module!;
      return isObject(exports) || typeof exports === 'function' ? reflectGet(exports as object, name) : undefined;
    };
  }
  instance.readers = freeze(readers);
  instance.status = 'linked';
};

/** A new `module` object (and `exports`) for a CommonJS instance's next run, as Node makes after one that threw. */
const freshCjsModule = (instance: Instance): void => {
  const filename = instance.cjs!.location ?? instance.specifier;
  const slash = stringLastIndexOf(filename, '/');
  const require = makeRequire(instance);
  const module = { exports: {} as unknown, id: instance.specifier, filename, loaded: false, require };
  instance.module = module;
  instance.cjsArguments = [module.exports, require, module, filename, slash < 0 ? '.' : stringSlice(filename, 0, slash) || '/'];
  instance.cjsState = 'unloaded';
};

/**
 * Runs a CommonJS body as Node's `require` does: once; mid-run (a cycle) its `module.exports` is
 * taken as it is; a body that throws leaves it as Node leaves it, out of the cache: the next
 * `require` (or first ES import) runs it again, with a new `module` object.
 */
const runCjs = (instance: Instance): void => {
  if (instance.cjsState !== 'unloaded') return;
  instance.cjsState = 'loading';
  const module = instance.module!;
  const functor = makeFunction(instance.host.global(), CJS_PARAMETERS, instance.cjs!.body) as (...a: unknown[]) => unknown;
  try {
    apply(functor, module.exports, instance.cjsArguments!);
  } catch (error) {
    freshCjsModule(instance);
    throw error;
  }
  module.loaded = true;
  instance.cjsState = 'loaded';
};

/** `require` for a CommonJS instance: Node's semantics over the compartment's loader. */
const makeRequire = (instance: Instance): ((id: unknown) => unknown) => {
  const locate = (id: unknown): { full: string; found: Instance } => {
    if (typeof id !== 'string') {
      throw makeTypeError('require()', `the id must be a string, got a value of kind ${kindOf(id)}`, codes.BAD_OPTION_VALUE);
    }
    const full = resolveSpecifier(instance, id);
    const preloaded = instance.fullSpecifiers[id] === full ? instance.resolved[id] : undefined;
    return { full, found: preloaded ?? (instanceFor(instance.host, full, true) as Instance) };
  };
  const require = markOwn({
    require(id: unknown): unknown {
      return requireInstance(instance.host, id as string, locate(id).found);
    },
  }.require);
  defineProperty(require, 'resolve', {
    __proto__: null,
    value: freeze(markOwn({ resolve: (id: unknown): string => locate(id).full }.resolve)),
    writable: false,
    enumerable: true,
    configurable: false,
  } as PropertyDescriptor);
  return freeze(require);
};

/** What `require` returns for an instance: a CommonJS module's current `module.exports` (also mid-cycle), or a namespace. */
const requireInstance = (caller: ModuleHost, id: string, instance: Instance): unknown => {
  if (instance.cjs !== undefined) {
    if (instance.status === 'new') loadGraph(instance, true);
    // Only a module of the requiring compartment runs at the depth the requirer chose (see refuseOthers).
    refuseOthers(caller, instance, 'require()', id, instance);
    if (instance.status === 'new') linkCjs(instance);
    // Node's CommonJS cache, not the ES module record: an ES import that failed on this module
    // keeps its error, but `require` runs it again (test/modules-cjs.test.ts checks both in Node).
    runCjs(instance);
    return instance.module!.exports;
  }
  const namespace = importNamespaceNow(caller, id, instance);
  return instance.json ? reflectGet(namespace, 'default') : namespace;
};

/** What compiled module code reaches as `import.meta`, `import(…)` and the export registration. */
const makeEnvironment = (instance: Instance): object =>
  freeze({
    __proto__: null,
    e(getters: ExportReaders, nameDefault: boolean): void {
      if (instance.readers !== undefined) return;
      instance.readers = freeze(getters);
      if (nameDefault) {
        defineProperty(getters.default(), 'name', { __proto__: null, value: 'default', writable: false, enumerable: false, configurable: true } as PropertyDescriptor);
      }
    },
    meta: instance.source!.record.usesImportMeta ? makeImportMeta(instance) : undefined,
    import: (request: unknown, options?: unknown): Promise<object> => dynamicImport(instance, request, options),
  });

/** `import.meta`: a null-prototype object with the descriptor's `importMeta` properties, then given to importMetaHook. */
const makeImportMeta = (instance: Instance): object => {
  const meta = create(null) as object;
  if (isObject(instance.importMeta)) {
    const keys = ownKeys(instance.importMeta);
    for (let i = 0; i < keys.length; i += 1) {
      defineProperty(meta, keys[i], { __proto__: null, value: reflectGet(instance.importMeta, keys[i]), writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
    }
  }
  const { importMetaHook } = instance.host.options;
  if (importMetaHook !== undefined) apply(importMetaHook, undefined, [instance.specifier, meta]);
  return meta;
};

/**
 * `import(request, options)` in a module: resolved against the module, loaded by its compartment,
 * checked against `options.with.type`; never throws synchronously.
 */
const dynamicImport = (instance: Instance, request: unknown, options: unknown): Promise<object> =>
  new Promise<object>((resolve, reject) => {
    const specifier = `${request}`;
    let type: string | undefined;
    if (options !== undefined) {
      if (!isObject(options)) throw makeTypeError('import()', 'the options must be an object', codes.BAD_OPTION_VALUE);
      const attrs: unknown = reflectGet(options, 'with');
      if (attrs !== undefined) {
        if (!isObject(attrs)) throw makeTypeError('import()', 'options.with must be an object', codes.BAD_OPTION_VALUE);
        const given: unknown = reflectGet(attrs, 'type');
        if (given !== undefined) type = `${given}`;
      }
    }
    const full = resolveSpecifier(instance, specifier);
    promiseThen(
      importNamespace(instance.host, full),
      box => {
        try {
          const { namespace } = box as NamespaceBox;
          checkType(instance.specifier, specifier, type, weakmapGet(namespaceInstances, namespace)!);
          resolve(namespace);
        } catch (error) {
          reject(error);
        }
      },
      reject,
    );
  });

// --- Evaluation ---

/** Pushes the values that precompiled importers were waiting for, now that `instance` has run. */
const flushWaiting = (instance: Instance): void => {
  const { waiting } = instance;
  let kept = 0;
  for (let i = 0; i < waiting.length; i += 1) if (!waiting[i]()) waiting[kept++] = waiting[i];
  waiting.length = kept;
};

/** Subscribes `updater` to a resolved binding: live for precompiled exporters, once initialized otherwise. */
const subscribe = (resolution: Resolution, updater: (value: unknown) => unknown): void => {
  const { instance, name } = resolution;
  if (name !== undefined && instance.bindings !== undefined) {
    apply(instance.bindings.notifiers[name], undefined, [updater]);
    return;
  }
  const read = readerOf(resolution);
  const push = (): boolean => {
    let value: unknown;
    try {
      value = read();
    } catch {
      return false; // not initialized yet: pushed after its module runs
    }
    // The importer's updater (perhaps another compartment's) failed: its own binding stays as it
    // was, nothing else is affected, as for precompiled exporters (module-precompiled.ts notifyOne).
    // Called from the evaluator once the exporter has run, an exception would fail the exporter, or
    // escape the job that settles it and leave it pending forever (redteam-waiting-updater-throws).
    try {
      apply(updater, undefined, [value]);
    } catch {
      // Delivered: not retried.
    }
    return true;
  };
  if (!push()) instance.waiting[instance.waiting.length] = push;
};

/** Calls a precompiled module's functor with ses's calling convention. */
const runPrecompiled = (instance: Instance): void => {
  const record = instance.precompiled!;
  const bindings = instance.bindings!;
  const global = instance.host.global();
  const options = freeze({ localTransforms: instance.host.options.shimTransforms, sloppyGlobalsMode: false, lexicals: bindings.lexicals });
  const functor =
    record.functor ?? evaluateScript(global, [], record.functorSource, options, `module ${jsonStringify(instance.specifier)}`);
  if (typeof functor !== 'function') throw linkError(instance, 'the __syncModuleProgram__ of a precompiled record is not a function');
  // updateRecord: [[specifier, [[importName, [updater, …]], …]], …] (arrays or Maps, as ses iterates them).
  const imports = (updateRecord: unknown): void => {
    const entries = listOf(updateRecord);
    for (let i = 0; i < entries.length; i += 1) {
      const entry = listOf(entries[i]);
      const request = `${entry[0]}`;
      const target = instance.resolved[request];
      if (target === undefined) throw linkError(instance, `no module was loaded for ${jsonStringify(request)}`);
      // `target` has run (or is running, in a cycle): it is one of this module's requests.
      const pairs = listOf(entry[1]);
      for (let j = 0; j < pairs.length; j += 1) {
        const pair = listOf(pairs[j]);
        const importName = `${pair[0]}`;
        const updaters = listOf(pair[1]);
        let resolution: Resolution;
        if (importName === '*') resolution = { instance: target, name: undefined };
        else {
          const found = resolveExport(target, importName, []);
          if (found === null || found === AMBIGUOUS) {
            throw linkError(instance, `the requested module ${jsonStringify(request)} does not provide an export named ${jsonStringify(importName)}`);
          }
          resolution = found;
        }
        for (let k = 0; k < updaters.length; k += 1) subscribe(resolution, updaters[k] as (value: unknown) => unknown);
      }
    }
  };
  let meta: object | undefined;
  if (record.needsImportMeta) meta = makeImportMeta(instance);
  apply(functor, undefined, [
    freeze({
      imports: markOwn(freeze(imports)),
      onceVar: bindings.onceVar,
      liveVar: bindings.liveVar,
      import: markOwn(freeze((request: unknown, options?: unknown) => dynamicImport(instance, request, options))),
      importMeta: meta,
    }),
  ]);
};

/** The elements of an array or of a Map's entries, read without the iterator protocol for arrays. */
const listOf = (value: unknown): unknown[] => {
  const out: unknown[] = [];
  if (value instanceof Map) return mapToArray(value as Map<unknown, unknown>);
  if (!isObject(value)) return out;
  const length = reflectGet(value, 'length');
  if (typeof length !== 'number') return out;
  for (let i = 0; i < length; i += 1) out[i] = reflectGet(value, i);
  return out;
};

/**
 * Whether evaluating `root` now could await: a module of its graph with top-level await that has
 * not run, or one still waiting for an async dependency (started by an earlier `import()`).
 */
const hasAsync = (root: Instance): boolean => {
  const graph = graphOf(root);
  for (let i = 0; i < graph.length; i += 1) {
    const { status, source, asyncEvaluationOrder } = graph[i];
    if (status === 'evaluating-async' || (status !== 'evaluated' && asyncEvaluationOrder > 0)) return true;
    if (status !== 'evaluated' && source !== undefined && source.record.hasTopLevelAwait) return true;
  }
  return false;
};

const hasTopLevelAwait = (instance: Instance): boolean => instance.source !== undefined && instance.source.record.hasTopLevelAwait;

/** Runs one synchronous module's own code (ExecuteModule()); its dependencies have run. */
const execute = (instance: Instance): void => {
  if (instance.source !== undefined) {
    const generator = instance.generator as Generator<undefined, undefined, undefined>;
    instance.generator = undefined;
    generator.next();
  } else if (instance.cjs !== undefined) {
    runCjs(instance);
  } else if (instance.precompiled !== undefined) {
    runPrecompiled(instance);
  } else if (instance.virtual !== undefined) {
    const target = (instance as { virtualTarget?: object }).virtualTarget!;
    apply(instance.virtual.execute, instance.virtual, [target, instance.host.self, freeze(instance.fullSpecifiers)]);
  }
};

/**
 * Starts a module with top-level await (ExecuteModule(capability)): its body runs now up to its
 * first `await`. The async generator's step settles in the job after the body completes, as the
 * capability of an async module body would.
 */
const executeAsync = (instance: Instance): Promise<unknown> => {
  const generator = instance.generator as AsyncGenerator<undefined, undefined, undefined>;
  instance.generator = undefined;
  return generator.next();
};

const evaluator = makeEvaluator<Instance>({
  requested: instance => dependenciesOf(instance),
  hasTopLevelAwait,
  execute,
  executeAsync,
  completed: flushWaiting,
});

/** Waits until every async module reachable from `root` can be resumed synchronously. */
const primed = (root: Instance): Maybe<void> => {
  const waits: Promise<unknown>[] = [];
  const graph = graphOf(root);
  for (let i = 0; i < graph.length; i += 1) if (graph[i].primed !== undefined) waits[waits.length] = graph[i].primed!;
  if (waits.length === 0) return undefined;
  return promiseThen(promiseAll(waits), () => undefined) as Promise<void>;
};

// --- Entry points ---

/**
 * What `importNamespace` resolves to: the namespace in a box that is not a thenable, so that a
 * module exporting `then` is adopted once, by whoever hands the namespace out (as native import()
 * does), not by the loader on the way (redteam-module-evaluation, "exports then").
 */
export interface NamespaceBox {
  readonly namespace: object;
}

/** Loads, links and evaluates `specifier` in `moduleHost`; resolves to its namespace, boxed. */
export const importNamespace = (moduleHost: ModuleHost, specifier: string): Promise<NamespaceBox> =>
  // Started in a later job, as a native import() is: never in the middle of the caller's code, and
  // never at a stack depth the caller chose (a module that fails for lack of stack stays failed).
  promiseThen(promiseResolve(undefined), () => startImport(moduleHost, specifier)) as Promise<NamespaceBox>;

const startImport = (moduleHost: ModuleHost, specifier: string): Promise<NamespaceBox> =>
  new Promise<NamespaceBox>((resolve, reject) => {
    const ready = then(instanceFor(moduleHost, specifier, false), instance =>
      then(loadGraph(instance, false), () => {
        if (instance.status === 'new') linkGraph(instance);
        return then(primed(instance), () => instance);
      }),
    );
    // The namespace follows evaluation by one job whatever loading took, so that imports settle in
    // the order their graphs do (test262 fulfillment-order, rejection-order).
    const evaluate = (instance: Instance): void => {
      const settled = (): void => {
        try {
          resolve(freeze({ __proto__: null, namespace: namespaceOf(instance) }) as NamespaceBox);
        } catch (error) {
          reject(error);
        }
      };
      promiseThen(evaluator.evaluate(instance), settled, reject);
    };
    if (ready instanceof Promise) promiseThen(ready, evaluate as (v: unknown) => unknown, reject);
    else evaluate(ready);
  });

/** `importNow`: the same, synchronously (no importHook, no top-level await). */
export const importNamespaceNow = (moduleHost: ModuleHost, specifier: string, known?: Instance): object => {
  const instance = known ?? (instanceFor(moduleHost, specifier, true) as Instance);
  loadGraph(instance, true);
  refuseOthers(moduleHost, instance, `${API}.importNow()`, specifier);
  if (instance.status === 'new') linkGraph(instance);
  if (hasAsync(instance)) {
    throw makeTypeError(`${API}.importNow()`, `module ${jsonStringify(specifier)} awaits at top level; use import()`, codes.MODULE_IS_ASYNC);
  }
  evaluator.evaluateNow(instance);
  return namespaceOf(instance);
};

/**
 * A synchronous evaluation (importNow, require) runs at the caller's stack depth, which the caller
 * chooses: it may run only modules of the compartment it was asked of. A module of another
 * compartment that has not run yet (one shared with `{ namespace }`, or a parent's module reached by
 * a child compartment a guest made) is refused, before anything is linked or run: otherwise a guest
 * could recurse to the stack limit and make it first run there, fail with RangeError, and stay
 * failed for its own compartment (test/attacks/redteam-sync-stack-poisoning). Modules that have run,
 * or are running, are taken as they are.
 */
const refuseOthers = (caller: ModuleHost, root: Instance, api: string, specifier: string, required?: Instance): void => {
  const graph = graphOf(root);
  for (let i = 0; i < graph.length; i += 1) {
    const { host, status, object, cjs, cjsState } = graph[i];
    if (host === caller || object !== undefined) continue;
    // A CommonJS body that threw runs again when required (Node's cache), not when imported.
    const runs = cjs !== undefined ? cjsState === 'unloaded' && (graph[i] === required || status !== 'evaluated') : status === 'new' || status === 'linked';
    if (runs) {
      throw makeTypeError(
        api,
        `module ${jsonStringify(specifier)} needs module ${jsonStringify(graph[i].specifier)} of another compartment, which has not run; import it with import(), or let its compartment run it first`,
        codes.MODULE_NOT_EVALUATED,
      );
    }
  }
};

/** `load`: fetches the graph without linking or evaluating it. */
export const loadOnly = (moduleHost: ModuleHost, specifier: string): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const started = then(instanceFor(moduleHost, specifier, false), instance => loadGraph(instance, false));
    if (started instanceof Promise) promiseThen(started, resolve as (v: unknown) => unknown, reject);
    else resolve();
  });

/**
 * `module`: the namespace of the module under `specifier`, as ses gives it: loading nothing. If the
 * module is not linked yet, a namespace that throws ReferenceError until it is (then the same object
 * is its namespace, for `import()` too).
 */
export const moduleNamespace = (moduleHost: ModuleHost, specifier: string): object => {
  const instance = mapGet(memoOf(moduleHost), specifier);
  if (instance !== undefined && instance.status !== 'new') return namespaceOf(instance);
  const deferred = deferredFor(moduleHost, specifier);
  if (instance !== undefined && instance.namespace === undefined) {
    let known = false;
    for (let i = 0; i < instance.deferred.length; i += 1) if (instance.deferred[i] === deferred) known = true;
    if (!known) instance.deferred[instance.deferred.length] = deferred;
  }
  return deferred.namespace;
};
