// How host values cross into confined code through makeRequire (attenuator entries, and what
// wrapped host functions return): primitives as they are, host functions as wrappers, plain
// records and arrays as hardened copies, anything else hardened in place. Assumes lockdown() has
// run (it needs the real harden). No side effects at load; hardens what it is given.
import {
  EvalError,
  Error,
  Map,
  ObjectPrototypeForAssert,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
  WeakMap,
  apply,
  create,
  defineProperty,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isArray,
  isObject,
  mapGet,
  mapSet,
  objectIsPrototypeOf,
  objectPropertyIsEnumerable,
  ownKeys,
  reflectGet,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { getLockdownHarden } from '../lockdown/lockdown.js';
import { markOwn } from '../lockdown/own-functions.js';
import type { Harden } from '../types.js';

const hardenNow = (): Harden => {
  const harden = getLockdownHarden();
  if (harden === undefined) throw makeTypeError('makeRequire()', 'call lockdown() first', codes.NOT_LOCKED_DOWN);
  return harden;
};

type ErrorCtor = new (message: string) => Error;
// The NativeErrors a host error is mapped onto, most specific first; anything else becomes Error.
const NATIVE_ERRORS: readonly ErrorCtor[] = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * What a wrapped host function throws, as the guest sees it: a primitive as it is; an object as a
 * new, hardened error of the same standard kind (TypeError, RangeError, ... or Error) carrying
 * only the message string. Its stack is made here, so it holds no host frame that the original
 * had; its `cause`, custom properties and prototype chain are the host's business and stay there.
 */
export const translateHostError = (thrown: unknown): unknown => {
  if (!isObject(thrown)) return thrown;
  let Ctor: ErrorCtor = Error;
  let message = '';
  try {
    for (let i = 0; i < NATIVE_ERRORS.length; i += 1) {
      if (objectIsPrototypeOf(NATIVE_ERRORS[i].prototype, thrown)) {
        Ctor = NATIVE_ERRORS[i];
        break;
      }
    }
    const raw: unknown = reflectGet(thrown, 'message');
    if (typeof raw === 'string') message = raw;
  } catch {
    // A host proxy or getter that throws: the kind and message stay the defaults.
  }
  return hardenNow()(new Ctor(message));
};

// One wrapper per host function called without a receiver, so that identity is stable.
const unboundWrappers = new WeakMap<object, (...args: unknown[]) => unknown>();

/**
 * A wrapper of the host function `fn`: a strict, hardened, non-constructible function (so it has
 * no `prototype`, `caller` or `arguments` of its own, and its `constructor` is the shared inert
 * Function) that calls `fn` with `receiver` as `this` and the caller's arguments, turns what `fn`
 * throws into a fresh shared error (translateHostError), and lets what it returns cross by
 * tameHostValue. Its `name` and `length` are `fn`'s when those are a string and a number.
 */
export const wrapHostFunction = (fn: (...args: unknown[]) => unknown, receiver: unknown = undefined): ((...args: unknown[]) => unknown) => {
  if (receiver === undefined) {
    const known = weakmapGet(unboundWrappers, fn);
    if (known !== undefined) return known;
  }
  // A concise method: strict, not a constructor, no own `prototype`.
  const { wrapper } = {
    wrapper(...args: unknown[]): unknown {
      let result: unknown;
      try {
        result = apply(fn, receiver, args);
      } catch (error) {
        throw translateHostError(error);
      }
      return tameHostValue(result);
    },
  };
  const name = getOwnPropertyDescriptor(fn, 'name');
  const length = getOwnPropertyDescriptor(fn, 'length');
  const keep = (key: string, desc: PropertyDescriptor | undefined, type: string): void => {
    if (desc !== undefined && typeof desc.value === type) {
      defineProperty(wrapper, key, { __proto__: null, value: desc.value, writable: false, enumerable: false, configurable: true } as PropertyDescriptor);
    }
  };
  keep('name', name, 'string');
  keep('length', length, 'number');
  hardenNow()(markOwn(wrapper));
  if (receiver === undefined) weakmapSet(unboundWrappers, fn, wrapper);
  return wrapper;
};

const isPlain = (value: object): boolean => {
  if (isArray(value)) return true;
  const proto: unknown = getPrototypeOf(value);
  return proto === null || proto === ObjectPrototypeForAssert;
};

/** `holder`, if given, is the `this` of the functions held by `value` itself (else `value`). */
const tame = (value: unknown, receiver: unknown, copies: Map<object, unknown>, holder: object | undefined = undefined): unknown => {
  if (typeof value === 'function') return wrapHostFunction(value as (...args: unknown[]) => unknown, receiver);
  if (!isObject(value)) return value;
  if (!isPlain(value)) return hardenNow()(value);
  const known = mapGet(copies, value);
  if (known !== undefined) return known;
  // Arrays: every index up to `length` (holes read as undefined). Records: own enumerable string
  // keys, read as Object.assign reads them (getters are called once, now).
  if (isArray(value)) {
    const copy: unknown[] = [];
    mapSet(copies, value, copy);
    const length = value.length;
    for (let i = 0; i < length; i += 1) copy[i] = tame(reflectGet(value, i), holder ?? value, copies);
    return copy;
  }
  const copy = create(getPrototypeOf(value)) as Record<string, unknown>;
  mapSet(copies, value, copy);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (typeof key !== 'string' || !objectPropertyIsEnumerable(value, key)) continue;
    defineProperty(copy, key, {
      __proto__: null,
      value: tame(reflectGet(value, key), holder ?? value, copies),
      writable: true,
      enumerable: true,
      configurable: true,
    } as PropertyDescriptor);
  }
  return copy;
};

/**
 * How a host value crosses into confined code:
 * - primitives: as they are;
 * - functions: wrapHostFunction (methods of a copied record keep that host record as `this`);
 * - arrays and plain records (prototype %ObjectPrototype% or null): a hardened copy whose values
 *   crossed the same way (own enumerable string keys only; cycles and sharing kept);
 * - any other object (class instances, Map, Date, typed arrays, ...): hardened in place and
 *   handed over as is. Its methods are not wrapped, and harden does not freeze internal slots
 *   (a Map's entries): give guests plain records of functions instead.
 */
export const tameHostValue = (value: unknown): unknown => {
  if (!isObject(value)) return value;
  return hardenNow()(tame(value, undefined, new Map()));
};

/**
 * tameHostValue of a snapshot of `holder`'s properties (a plain record made by the caller), whose
 * functions keep `holder` itself as `this`, as if they had been read from it.
 */
export const tameHostProperties = (snapshot: object, holder: object): object =>
  hardenNow()(tame(snapshot, undefined, new Map(), holder)) as object;
