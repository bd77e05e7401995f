// The Compartment constructor (ses 2.3 API): `new Compartment(options)` makes a global object of
// its own over the realm's shared frozen intrinsics, and evaluates guest code there. Every
// Compartment constructor (the root one and each compartment's own) shares one prototype, as in
// ses; its `constructor` is inert. Requires lockdown(). The global object is made on first use
// (nothing can reach it before), so that making a compartment is cheap. Side effects at load: none
// beyond freezing the objects made here (compartments' state lives in a private WeakMap).
import {
  WeakMap,
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  isObject,
  kindOf,
  ownKeys,
  promiseThen,
  Promise,
  toStringTagSymbol,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { getIntrinsics, getLockdownHarden } from '../lockdown/lockdown.js';
import { markOwn, markOwnMethods } from '../lockdown/own-functions.js';
import type { IntrinsicRecord } from '../lockdown/intrinsics.js';
import { evaluateExpression, evaluateScript } from './compartment-evaluate.js';
import { resolveCompartmentArguments, resolveEvaluateOptions } from './compartment-options.js';
import type { CompartmentOptions, EvaluateOptions, ResolvedCompartmentOptions } from './compartment-options.js';
import { isSpecialEndowment, makeGlobalObject, snapshotEndowments } from './global-object.js';
// makeRequire (seed SES API): src/compartment/make-require.ts, docs/legacy.md.
import { makeRequireFor, type Require, type RequireConfig } from './make-require.js';
import { importNamespace, importNamespaceNow, loadOnly, moduleNamespace } from './module-loader.js';
import type { ModuleHost } from './module-loader.js';

export type { CompartmentOptions, EvaluateOptions, Transform } from './compartment-options.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- guest values are untyped, as in ses's types */
/** A compartment: a global object of its own, and evaluation of code in it. */
export interface Compartment {
  /** The compartment's global object. */
  readonly globalThis: Record<PropertyKey, any>;
  /** The `name` option, or `'<unknown>'`. */
  readonly name: string;
  readonly __noNamespaceBox__: boolean;
  /** Evaluates a strict script in this compartment and returns its completion value. */
  evaluate(source: string, options?: EvaluateOptions): any;
  /** Evaluates one expression; `endowments` are extra bindings seen only by this evaluation. */
  evaluateExpr(source: string, endowments?: object): any;
  /** A hardened `require(name)` whose modules `config` names, made in this compartment (seed SES API; docs/legacy.md). */
  makeRequire(config: RequireConfig): Require;
  /** Loads, links and evaluates a module graph; resolves to `{ namespace }` (the namespace with `__noNamespaceBox__`). */
  import(specifier: string): Promise<any>;
  /** The same, synchronously, through `importNowHook` (no top-level await). Returns the namespace. */
  importNow(specifier: string): any;
  /** Loads a module graph without evaluating it. */
  load(specifier: string): Promise<void>;
  /** The namespace of a module: usable once the module is linked (it throws ReferenceError until then). */
  module(specifier: string): any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** `Compartment`: the options-bag form, or the legacy positional form (deprecated in ses). */
export interface CompartmentConstructor {
  new (options: CompartmentOptions & { __options__: true }): Compartment;
  new (globals?: object | null, modules?: object | null, options?: CompartmentOptions): Compartment;
  readonly prototype: Compartment;
}

interface CompartmentState {
  /** The global object, once made (see globalOf). */
  globalObject: object | undefined;
  /** Until then: what it is made from. */
  intrinsics: IntrinsicRecord | undefined;
  endowments: object | undefined;
  readonly self: object;
  readonly options: ResolvedCompartmentOptions;
  /** The compartment whose `Compartment` made this one; undefined for the root constructor's. */
  readonly parent: object | undefined;
}

const states = new WeakMap<object, CompartmentState>();

/** What the module loader needs of a compartment (module-loader.ts), made once per compartment. */
const moduleHosts = new WeakMap<object, ModuleHost>();
const moduleHostOf = (state: CompartmentState): ModuleHost => {
  let found = weakmapGet(moduleHosts, state.self);
  if (found === undefined) {
    found = freeze({
      self: state.self,
      options: state.options,
      global: () => globalOf(state),
      hostOf: (compartment: unknown) => {
        const other = isObject(compartment) ? weakmapGet(states, compartment) : undefined;
        return other === undefined ? undefined : moduleHostOf(other);
      },
      parent: () => {
        const other = state.parent === undefined ? undefined : weakmapGet(states, state.parent);
        return other === undefined ? undefined : moduleHostOf(other);
      },
    });
    weakmapSet(moduleHosts, state.self, found);
  }
  return found;
};

const specifierOf = (api: string, specifier: unknown): string => {
  if (typeof specifier !== 'string') {
    throw makeTypeError(api, `the specifier must be a string, got a value of kind ${kindOf(specifier)}`, codes.BAD_OPTION_VALUE);
  }
  return specifier;
};

const stateOf = (self: unknown, api: string): CompartmentState => {
  const state = isObject(self) ? weakmapGet(states, self) : undefined;
  if (state === undefined) {
    throw makeTypeError(api, 'called on an object that is not a Compartment', codes.NOT_A_COMPARTMENT);
  }
  return state;
};

/**
 * The compartment's global object, made now if it was not yet. It is reachable only through the
 * compartment's methods, which all come here first, so when it is made cannot be observed; the
 * endowments were copied (and checked, see isSpecialEndowment) by the constructor.
 */
const globalOf = (state: CompartmentState): object => {
  if (state.globalObject !== undefined) return state.globalObject;
  const globalObject = makeGlobalObject(
    state.intrinsics!,
    state.options.transforms,
    makeCompartmentConstructor(state.self),
    state.endowments,
  );
  state.globalObject = globalObject;
  state.intrinsics = undefined;
  state.endowments = undefined;
  return globalObject;
};

const InertCompartment = function Compartment(): never {
  throw makeTypeError(
    'Compartment.prototype.constructor',
    'not a constructor; use the Compartment global of the compartment you are in',
    codes.INERT_COMPARTMENT_CONSTRUCTOR,
  );
};

const CompartmentPrototype: Compartment = {
  // @ts-expect-error -- the inert constructor is not a CompartmentConstructor, on purpose
  constructor: InertCompartment,
  get globalThis() {
    return globalOf(stateOf(this, 'Compartment.globalThis'));
  },
  get name() {
    return stateOf(this, 'Compartment.name').options.name;
  },
  get __noNamespaceBox__() {
    return stateOf(this, 'Compartment.__noNamespaceBox__').options.noNamespaceBox;
  },
  // Defaults keep `length` at 1, as in ses.
  evaluate(source: string, options: EvaluateOptions | undefined = undefined): unknown {
    const state = stateOf(this, 'Compartment.evaluate()');
    return evaluateScript(globalOf(state), state.options.transforms, source, resolveEvaluateOptions(options));
  },
  evaluateExpr(source: string, endowments: object | undefined = undefined): unknown {
    return evaluateExpression(globalOf(stateOf(this, 'Compartment.evaluateExpr()')), source, endowments);
  },
  // makeRequire (seed SES API): modules are evaluated as expressions in this compartment's global.
  makeRequire(config: RequireConfig): Require {
    const state = stateOf(this, 'Compartment.makeRequire()');
    return makeRequireFor(source => evaluateExpression(globalOf(state), source, undefined), config);
  },
  // Modules (module-loader.ts, docs/modules.md). A rejected promise, never a synchronous throw.
  import(specifier: string): Promise<unknown> {
    return new Promise(resolve => {
      const state = stateOf(this, 'Compartment.import()');
      const namespace = importNamespace(moduleHostOf(state), specifierOf('Compartment.import()', specifier));
      // Unboxed, a namespace with a `then` export is adopted as by a native import(); boxed, not.
      resolve(promiseThen(namespace, box => (state.options.noNamespaceBox ? box.namespace : freeze({ namespace: box.namespace }))));
    });
  },
  importNow(specifier: string): unknown {
    const state = stateOf(this, 'Compartment.importNow()');
    return importNamespaceNow(moduleHostOf(state), specifierOf('Compartment.importNow()', specifier));
  },
  load(specifier: string): Promise<void> {
    return new Promise(resolve => {
      const state = stateOf(this, 'Compartment.load()');
      resolve(loadOnly(moduleHostOf(state), specifierOf('Compartment.load()', specifier)));
    });
  },
  module(specifier: string): unknown {
    const state = stateOf(this, 'Compartment.module()');
    return moduleNamespace(moduleHostOf(state), specifierOf('Compartment.module()', specifier));
  },
};
defineProperty(CompartmentPrototype, toStringTagSymbol, {
  __proto__: null,
  value: 'Compartment',
  writable: false,
  enumerable: false,
  configurable: true,
} as PropertyDescriptor);
defineProperty(InertCompartment, 'prototype', {
  __proto__: null,
  value: CompartmentPrototype,
  writable: false,
  enumerable: false,
  configurable: false,
} as PropertyDescriptor);
markOwn(InertCompartment);
markOwnMethods(CompartmentPrototype);
freeze(InertCompartment);
// Harden the methods and accessors by hand: harden itself only works after lockdown, which
// then hardens everything else they reach (%FunctionPrototype%, %ObjectPrototype%).
{
  const names = ownKeys(CompartmentPrototype);
  for (let i = 0; i < names.length; i += 1) {
    const desc = getOwnPropertyDescriptor(CompartmentPrototype, names[i])!;
    if (typeof desc.value === 'function') freeze(desc.value);
    if (desc.get !== undefined) freeze(desc.get);
  }
}

/** Makes `self` a compartment: its options, global object (with endowments) and private state. */
const initialize = (self: object, args: readonly unknown[], parent: object | undefined): void => {
  const intrinsics = getIntrinsics();
  if (getLockdownHarden() === undefined || intrinsics === undefined) {
    throw makeTypeError('new Compartment()', 'call lockdown() first', codes.NOT_LOCKED_DOWN);
  }
  const options = resolveCompartmentArguments(args);
  // Endowments are copied now, as ses does (own enumerable properties, getters called once), and
  // assigned to the global object as by Object.assign when it is made.
  const endowments = options.globals === undefined ? undefined : snapshotEndowments(options.globals);
  const state: CompartmentState = { globalObject: undefined, intrinsics, endowments, self, options, parent };
  // An endowment whose assignment could throw or do more than set a property (a read-only
  // global such as `undefined`, `__proto__`) needs the global object now, to fail here.
  if (endowments !== undefined) {
    const keys = ownKeys(endowments);
    for (let i = 0; i < keys.length; i += 1) {
      if (isSpecialEndowment(intrinsics, keys[i])) {
        globalOf(state);
        break;
      }
    }
  }
  weakmapSet(states, self, state);
};

/** A Compartment constructor whose compartments record `parent` (for the module loader). */
const makeCompartmentConstructor = (parent: object | undefined): CompartmentConstructor => {
  const Compartment = function Compartment(this: object, ...args: unknown[]): void {
    if (new.target === undefined) {
      throw makeTypeError('Compartment()', "a Compartment must be made with 'new'", codes.COMPARTMENT_REQUIRES_NEW);
    }
    initialize(this, args, parent);
  };
  defineProperty(Compartment, 'prototype', {
    __proto__: null,
    value: CompartmentPrototype,
    writable: false,
    enumerable: false,
    configurable: false,
  } as PropertyDescriptor);
  return markOwn(freeze(Compartment)) as unknown as CompartmentConstructor;
};

/**
 * The Compartment constructor of the host (the start compartment). Usable after `lockdown()`.
 * `new Compartment({ __options__: true, globals, name, transforms, ... })`; see docs/compartment.md.
 */
export const Compartment: CompartmentConstructor = makeCompartmentConstructor(undefined);
freeze(CompartmentPrototype);
