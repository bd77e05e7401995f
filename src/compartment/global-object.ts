// Makes a compartment's global object: an ordinary object inheriting from %ObjectPrototype%, with
// the universal and shared globals of the whitelist (the frozen intrinsics), `globalThis`, the
// compartment's own `eval`, `Function` and `Compartment`, which evaluate in that compartment, and
// then the endowments. Property attributes and order follow ses 2.3. Assumes lockdown has run.
// Side effects: a template of the shared properties, made once per realm; at load, provides its
// evaluators to lockdown for the host's 'safe-eval' (the lockdown-only build has none).
import {
  arrayIncludes,
  assign,
  defineProperty,
  create,
  freeze,
  objectHasOwn,
  ownKeys,
  reflectGet,
  reflectHas,
  stringEndsWith,
  stringStartsWith,
} from '../commons.js';
import { sharedGlobals, universalGlobals } from '../../whitelist/permits.js';
import type { IntrinsicRecord } from '../lockdown/intrinsics.js';
import { markOwn } from '../lockdown/own-functions.js';
import { provideSafeEvaluators } from '../lockdown/start-compartment-globals.js';
import { evaluateScript, makeFunction } from './compartment-evaluate.js';
import { resolveEvaluateOptions } from './compartment-options.js';
import type { Transform } from './compartment-options.js';

const NO_OPTIONS = resolveEvaluateOptions(undefined);

// Non-writable, non-configurable on every global object (ECMA-262 19.1).
const CONSTANT_NAMES = freeze(['Infinity', 'NaN', 'undefined']);
const CONSTANT_VALUES = freeze([1 / 0, 0 / 0, void 0]);

const isPermitRef = (permit: unknown): permit is string =>
  typeof permit === 'string' && stringStartsWith(permit, '%') && stringEndsWith(permit, '%');

/** The shared properties of every global object, as parallel arrays (defined in this order). */
interface Template {
  readonly intrinsics: IntrinsicRecord;
  readonly names: readonly string[];
  readonly values: readonly unknown[];
}
let template: Template | undefined;

const templateFor = (intrinsics: IntrinsicRecord): Template => {
  if (template !== undefined && template.intrinsics === intrinsics) return template;
  const names: string[] = [];
  const values: unknown[] = [];
  const add = (globals: Readonly<Record<string, unknown>>): void => {
    for (const name in globals) {
      const permit = globals[name];
      if (!isPermitRef(permit)) continue; // the constants
      const value = intrinsics[permit];
      if (value === undefined) continue; // not on this engine
      names[names.length] = name;
      values[values.length] = value;
    }
  };
  add(universalGlobals);
  add(sharedGlobals);
  template = freeze({ intrinsics, names: freeze(names), values: freeze(values) });
  return template;
};

/**
 * Whether assigning an endowment named `key` to a new global object could do anything but create
 * or overwrite a writable data property: a constant (TypeError), `__proto__` (sets the prototype),
 * or a property inherited from %ObjectPrototype% (non-writable after lockdown, or an override
 * accessor). Compartments with such endowments make their global object at once, so that what
 * `Object.assign` would do happens during `new Compartment()`, as in ses.
 */
export const isSpecialEndowment = (intrinsics: IntrinsicRecord, key: PropertyKey): boolean =>
  (typeof key === 'string' && arrayIncludes(CONSTANT_NAMES, key)) ||
  key === '__proto__' ||
  (reflectHas(intrinsics['%ObjectPrototype%'], key) && !(typeof key === 'string' && arrayIncludes(templateFor(intrinsics).names, key)));

/** Reusable descriptors: defining a property with them allocates nothing. */
const mutable = { __proto__: null, value: undefined, writable: true, enumerable: false, configurable: true } as PropertyDescriptor;
const constant = { __proto__: null, value: undefined, writable: false, enumerable: false, configurable: false } as PropertyDescriptor;
/** Defines `key` with one of the reusable descriptors above, holding `value` only meanwhile. */
const defineWith = (desc: PropertyDescriptor, object: object, key: PropertyKey, value: unknown): void => {
  desc.value = value;
  defineProperty(object, key, desc);
  desc.value = undefined;
};
const define = (object: object, name: string, value: unknown, writable: boolean): void =>
  defineWith(writable ? mutable : constant, object, name, value);

/**
 * The `eval` and `Function` of a global object (a compartment's, or the host's under evalTaming
 * 'safe-eval'): strict code whose free names are properties of `globalObject`. Both are frozen
 * and registered as Permafrost's own.
 */
export const makeEvaluators = (
  globalObject: object,
  transforms: readonly Transform[],
  FunctionPrototype: object,
): { eval: (source: unknown) => unknown; Function: (...args: unknown[]) => unknown } => {
  // `eval(x)`: indirect-eval semantics in this compartment; a non-string is returned as is
  // (ECMA-262 PerformEval step 2). A method, so that it is not a constructor, as %eval% is not.
  const compartmentEval = {
    eval(source: unknown): unknown {
      return typeof source === 'string' ? evaluateScript(globalObject, transforms, source, NO_OPTIONS, 'eval()') : source;
    },
  }.eval;

  // `Function(p1, …, body)`: each argument is converted to a string, parameters first, as
  // CreateDynamicFunction does; the parameters and the body are validated separately.
  // `arguments`, not rest parameters: `Function.length` is 1, as for %Function%.
  /* eslint-disable prefer-rest-params */
  const CompartmentFunction = function Function(_body?: unknown): unknown {
    const count = arguments.length;
    let params = '';
    for (let i = 0; i < count - 1; i += 1) params += i === 0 ? `${arguments[i]}` : `,${arguments[i]}`;
    const body = count === 0 ? '' : `${arguments[count - 1]}`;
    return makeFunction(globalObject, params, body);
  };
  /* eslint-enable prefer-rest-params */
  // Every function made here inherits from the one shared %FunctionPrototype%, whose constructor
  // is the inert Function: `(function () {}).constructor` evaluates nothing, anywhere.
  defineProperty(CompartmentFunction, 'prototype', {
    __proto__: null,
    value: FunctionPrototype,
    writable: false,
    enumerable: false,
    configurable: false,
  } as PropertyDescriptor);

  return { eval: markOwn(freeze(compartmentEval)), Function: markOwn(freeze(CompartmentFunction)) };
};

provideSafeEvaluators(makeEvaluators);

const endowed = { __proto__: null, value: undefined, writable: true, enumerable: true, configurable: true } as PropertyDescriptor;

/**
 * The endowments, as Object.assign would put them: each a [[Set]]. For a name that is not a global
 * already, nor a constant, nor inherited from %ObjectPrototype% (isSpecialEndowment), [[Set]] on
 * the new global object can only create an ordinary data property, so that is what is defined:
 * V8 turns an object with more than a dozen out-of-object properties into a slow dictionary when
 * one more is added by a keyed store (as Object.assign makes), but not by a definition, and a
 * dictionary-mode global object makes every free-name access in guest code a hash lookup.
 */
const addEndowments = (intrinsics: IntrinsicRecord, globalObject: object, endowments: object): void => {
  const keys = ownKeys(endowments);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const value: unknown = reflectGet(endowments, key);
    // An existing global (Array, eval, …) keeps its attributes under [[Set]], as in Object.assign.
    if (isSpecialEndowment(intrinsics, key) || objectHasOwn(globalObject, key)) {
      assign(globalObject, { [key]: value });
    } else defineWith(endowed, globalObject, key, value);
  }
};

/**
 * A new global object for a compartment: the shared globals, `globalThis`, its own evaluators
 * (which evaluate in it, after `transforms`), its own `Compartment` constructor (frozen), then the
 * endowments, assigned as by Object.assign (ses).
 */
export const makeGlobalObject = (
  intrinsics: IntrinsicRecord,
  transforms: readonly Transform[],
  Compartment: object,
  endowments: object | undefined,
): object => {
  const { names, values } = templateFor(intrinsics);
  const globalObject: object = { __proto__: intrinsics['%ObjectPrototype%'] };
  for (let i = 0; i < CONSTANT_NAMES.length; i += 1) define(globalObject, CONSTANT_NAMES[i], CONSTANT_VALUES[i], false);
  for (let i = 0; i < names.length; i += 1) define(globalObject, names[i], values[i], true);

  const { eval: compartmentEval, Function: CompartmentFunction } = makeEvaluators(
    globalObject,
    transforms,
    intrinsics['%FunctionPrototype%']!,
  );

  define(globalObject, 'globalThis', globalObject, true);
  define(globalObject, 'Compartment', Compartment, true);
  define(globalObject, 'eval', compartmentEval, true);
  define(globalObject, 'Function', CompartmentFunction, true);
  if (endowments !== undefined) addEndowments(intrinsics, globalObject, endowments);
  return globalObject;
};

/** A snapshot of the endowments' own enumerable properties, getters called once (ses copies them so); undefined if none. */
export const snapshotEndowments = (globals: object): object | undefined => {
  const copy: object = assign(create(null), globals);
  return ownKeys(copy).length === 0 ? undefined : copy;
};
