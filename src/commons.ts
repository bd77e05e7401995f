// Captures, at module load time, every global and intrinsic method the shim itself calls, before
// any later code can replace or poison them. Every other module in src/ imports from here and
// never reads a global directly (enforced by eslint `no-restricted-globals`).
// Assumes it is evaluated before untrusted code in this realm. Side effects: none (reads only).
/* eslint-disable @typescript-eslint/no-explicit-any -- uncurried intrinsics accept arbitrary receivers */

export const universalThis: typeof globalThis = globalThis;

export const {
  Array,
  ArrayBuffer,
  BigInt,
  Boolean,
  DataView,
  Date,
  Error,
  EvalError,
  Float32Array,
  Float64Array,
  Map,
  Number,
  Object,
  Promise,
  Proxy,
  RangeError,
  ReferenceError,
  Reflect,
  RegExp,
  Set,
  String,
  Symbol,
  SyntaxError,
  TypeError,
  URIError,
  Uint8Array,
  WeakMap,
  WeakSet,
  JSON,
  Math,
} = globalThis;

/** `Iterator` (ES2025), absent on older engines. */
export const IteratorConstructor: { from?: (x: unknown) => unknown; prototype?: object } | undefined = (
  globalThis as { Iterator?: { from?: (x: unknown) => unknown } }
).Iterator;

/** The original, fully powerful evaluators of this realm. Never hand these to guest code. */
export const FERAL_FUNCTION = globalThis.Function;
export const FERAL_EVAL = globalThis.eval;
export const FERAL_ERROR = globalThis.Error;

export const {
  assign,
  create,
  defineProperties,
  defineProperty,
  entries,
  freeze,
  fromEntries,
  getOwnPropertyDescriptor,
  getOwnPropertyDescriptors,
  getOwnPropertyNames,
  getOwnPropertySymbols,
  getPrototypeOf,
  is,
  isExtensible,
  isFrozen,
  isSealed,
  keys,
  preventExtensions,
  seal,
  setPrototypeOf,
  values,
} = Object;
export const objectHasOwn: (o: object, key: PropertyKey) => boolean = Object.hasOwn;

export const {
  apply,
  construct,
  get: reflectGet,
  getOwnPropertyDescriptor: reflectGetOwnPropertyDescriptor,
  has: reflectHas,
  isExtensible: reflectIsExtensible,
  ownKeys,
  preventExtensions: reflectPreventExtensions,
  set: reflectSet,
  defineProperty: reflectDefineProperty,
  deleteProperty: reflectDeleteProperty,
  getPrototypeOf: reflectGetPrototypeOf,
} = Reflect;

export const { isArray } = Array;
/** The `Array[Symbol.species]` getter, which every array-producing method consults. */
export const arraySpeciesGetter = getOwnPropertyDescriptor(Array, Symbol.species)?.get;
export const { isView: arrayBufferIsView } = ArrayBuffer;
export const { stringify: jsonStringify, parse: jsonParse } = JSON;
export const { fromCharCode } = String;
export const iteratorSymbol: typeof Symbol.iterator = Symbol.iterator;
export const toStringTagSymbol: typeof Symbol.toStringTag = Symbol.toStringTag;
export const unscopablesSymbol: typeof Symbol.unscopables = Symbol.unscopables;
export const symbolFor: (key: string) => symbol = Symbol.for;
export const symbolKeyFor: (sym: symbol) => string | undefined = Symbol.keyFor;
export const { isNaN: numberIsNaN, isInteger: numberIsInteger } = Number;
export const { UTC: dateUTC, parse: dateParse } = Date;
export const { floor: mathFloor, max: mathMax, min: mathMin, abs: mathAbs, trunc: mathTrunc } = Math;
/** The host's own Math.random, captured before lockdown replaces it; for secrets that never reach guests. */
export const mathRandom: () => number = Math.random;

// Function
const FunctionPrototype = FERAL_FUNCTION.prototype;
const { bind: originalBind, call: originalCall } = FunctionPrototype;

/**
 * `uncurryThis(Array.prototype.push)` → `(receiver, ...args) => receiver.push(...args)`: the
 * captured `Function.prototype.call` bound to `fn` (bound with the captured `bind`, through the
 * captured `Reflect.apply`). Calling it looks nothing up, so later changes to
 * `Function.prototype.call` or `bind` cannot interfere, and V8 calls it without allocating the
 * argument array a rest-parameter wrapper would.
 * Callers give each result an explicit signature: a generic helper would lose the types.
 * It only binds, so the bundlers may drop a capture that a build never uses: the annotation
 * (rollup's and terser's `__NO_SIDE_EFFECTS__`) says so, and keeps the lockdown-only build free of
 * the compartment's captures (0.1 KB gzipped). Keep it where it is: tsc drops it from a wrapped line.
 */
const uncurryThis = /*#__NO_SIDE_EFFECTS__*/ (fn: (...args: any[]) => any): ((receiver: any, ...args: any[]) => any) =>
  apply(originalBind, originalCall, [fn]) as (receiver: any, ...args: any[]) => any;
export const functionToString: (fn: unknown) => string = uncurryThis(FunctionPrototype.toString);
export const functionBind: <F extends (...args: any[]) => any>(fn: F, thisArg: unknown) => F = uncurryThis(
  FunctionPrototype.bind,
);

// Object.prototype
const ObjectPrototype = Object.prototype;
export const objectToString: (o: unknown) => string = uncurryThis(ObjectPrototype.toString);
export const objectIsPrototypeOf: (proto: object, o: unknown) => boolean = uncurryThis(ObjectPrototype.isPrototypeOf);
export const objectPropertyIsEnumerable: (o: object, key: PropertyKey) => boolean = uncurryThis(
  ObjectPrototype.propertyIsEnumerable,
);
/** Accessor of `Object.prototype.__proto__`, captured so that it can be removed from guests if needed. */
export const objectProtoGetter = getOwnPropertyDescriptor(ObjectPrototype, '__proto__')?.get;

// Array.prototype
const ArrayPrototype = Array.prototype;
export const arrayPush: <T>(arr: T[], ...items: T[]) => number = uncurryThis(ArrayPrototype.push);
export const arrayPop: <T>(arr: T[]) => T | undefined = uncurryThis(ArrayPrototype.pop);
export const arrayJoin: (arr: readonly unknown[], sep?: string) => string = uncurryThis(ArrayPrototype.join);
export const arraySlice: <T>(arr: readonly T[], start?: number, end?: number) => T[] = uncurryThis(ArrayPrototype.slice);
export const arrayIncludes: <T>(arr: readonly T[], item: T) => boolean = uncurryThis(ArrayPrototype.includes);
export const arrayIndexOf: <T>(arr: readonly T[], item: T) => number = uncurryThis(ArrayPrototype.indexOf);
export const arrayFilter: <T>(arr: readonly T[], pred: (item: T, i: number) => boolean) => T[] = uncurryThis(
  ArrayPrototype.filter,
);
export const arrayMap: <T, U>(arr: readonly T[], fn: (item: T, i: number) => U) => U[] = uncurryThis(ArrayPrototype.map);
export const arrayForEach: <T>(arr: readonly T[], fn: (item: T, i: number) => void) => void = uncurryThis(
  ArrayPrototype.forEach,
);
export const arraySome: <T>(arr: readonly T[], pred: (item: T, i: number) => boolean) => boolean = uncurryThis(
  ArrayPrototype.some,
);
export const arraySort: <T>(arr: T[], cmp?: (a: T, b: T) => number) => T[] = uncurryThis(ArrayPrototype.sort);
export const arrayConcat: <T>(arr: readonly T[], ...more: (T | readonly T[])[]) => T[] = uncurryThis(
  ArrayPrototype.concat,
);
export const arraySplice: <T>(arr: T[], start: number, deleteCount?: number, ...items: T[]) => T[] = uncurryThis(
  ArrayPrototype.splice,
);

// String.prototype
const StringPrototype = String.prototype;
export const stringSlice: (s: string, start?: number, end?: number) => string = uncurryThis(StringPrototype.slice);
export const stringSplit: (s: string, sep: string | RegExp, limit?: number) => string[] = uncurryThis(
  StringPrototype.split,
);
export const stringIndexOf: (s: string, search: string, from?: number) => number = uncurryThis(
  StringPrototype.indexOf,
);
export const stringLastIndexOf: (s: string, search: string) => number = uncurryThis(StringPrototype.lastIndexOf);
export const stringStartsWith: (s: string, search: string) => boolean = uncurryThis(StringPrototype.startsWith);
export const stringEndsWith: (s: string, search: string) => boolean = uncurryThis(StringPrototype.endsWith);
export const stringIncludes: (s: string, search: string) => boolean = uncurryThis(StringPrototype.includes);
export const stringReplace: (s: string, pattern: string | RegExp, replacement: string) => string = uncurryThis(
  StringPrototype.replace,
);
export const stringToUpperCase: (s: string) => string = uncurryThis(StringPrototype.toUpperCase);
export const stringToLowerCase: (s: string) => string = uncurryThis(StringPrototype.toLowerCase);
export const stringPadStart: (s: string, len: number, fill?: string) => string = uncurryThis(StringPrototype.padStart);
export const stringTrim: (s: string) => string = uncurryThis(StringPrototype.trim);
export const stringCharCodeAt: (s: string, i: number) => number = uncurryThis(StringPrototype.charCodeAt);
export const stringCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Number.prototype
export const numberToString: (n: number, radix?: number) => string = uncurryThis(Number.prototype.toString);
export const numberToFixed: (n: number, digits?: number) => string = uncurryThis(Number.prototype.toFixed);

// RegExp.prototype
const RegExpPrototype = RegExp.prototype;
export const regexpExec: (re: RegExp, s: string) => RegExpExecArray | null = uncurryThis(RegExpPrototype.exec);
export const regexpTest: (re: RegExp, s: string) => boolean = uncurryThis(RegExpPrototype.test);

// Date.prototype (UTC accessors only: local-time methods are host-dependent)
const DatePrototype = Date.prototype;
export const dateGetTime: (d: Date) => number = uncurryThis(DatePrototype.getTime);
export const dateToISOString: (d: Date) => string = uncurryThis(DatePrototype.toISOString);
export const dateToUTCString: (d: Date) => string = uncurryThis(DatePrototype.toUTCString);
export const dateNow: () => number = Date.now;

// Map, Set, WeakMap, WeakSet: immune to later prototype poisoning.
export const mapGet: <K, V>(m: Map<K, V>, k: K) => V | undefined = uncurryThis(Map.prototype.get);
export const mapSet: <K, V>(m: Map<K, V>, k: K, v: V) => Map<K, V> = uncurryThis(Map.prototype.set);
export const mapHas: <K, V>(m: Map<K, V>, k: K) => boolean = uncurryThis(Map.prototype.has);
export const mapDelete: <K, V>(m: Map<K, V>, k: K) => boolean = uncurryThis(Map.prototype.delete);
export const mapEntries: <K, V>(m: Map<K, V>) => IterableIterator<[K, V]> = uncurryThis(Map.prototype.entries);
export const mapKeys: <K, V>(m: Map<K, V>) => IterableIterator<K> = uncurryThis(Map.prototype.keys);
export const setAdd: <T>(s: Set<T>, v: T) => Set<T> = uncurryThis(Set.prototype.add);
export const setHas: <T>(s: Set<T>, v: T) => boolean = uncurryThis(Set.prototype.has);
export const setDelete: <T>(s: Set<T>, v: T) => boolean = uncurryThis(Set.prototype.delete);
export const setForEach: <T>(s: Set<T>, fn: (v: T) => void) => void = uncurryThis(Set.prototype.forEach);
export const setValues: <T>(s: Set<T>) => IterableIterator<T> = uncurryThis(Set.prototype.values);
export const weakmapGet: <K extends object, V>(m: WeakMap<K, V>, k: K) => V | undefined = uncurryThis(
  WeakMap.prototype.get,
);
export const weakmapSet: <K extends object, V>(m: WeakMap<K, V>, k: K, v: V) => WeakMap<K, V> = uncurryThis(
  WeakMap.prototype.set,
);
export const weakmapHas: <K extends object, V>(m: WeakMap<K, V>, k: K) => boolean = uncurryThis(WeakMap.prototype.has);
export const weaksetAdd: <T extends object>(s: WeakSet<T>, v: T) => WeakSet<T> = uncurryThis(WeakSet.prototype.add);
export const weaksetHas: <T extends object>(s: WeakSet<T>, v: T) => boolean = uncurryThis(WeakSet.prototype.has);

/** The prototype of all iterators of Map/Set entries, so that iteration survives poisoning. */
const MapIteratorPrototype = getPrototypeOf(mapEntries(new Map()));
const mapIteratorNext: <T>(it: Iterator<T>) => IteratorResult<T> = uncurryThis(MapIteratorPrototype.next);
const SetIteratorPrototype = getPrototypeOf(setValues(new Set()));
const setIteratorNext: <T>(it: Iterator<T>) => IteratorResult<T> = uncurryThis(SetIteratorPrototype.next);
/** Copies a Set's values into a fresh array, without touching any (possibly poisoned) iterator protocol. */
export const setToArray = <T>(s: Set<T>): T[] => {
  const out: T[] = [];
  const it = setValues(s);
  for (let r = setIteratorNext(it); !r.done; r = setIteratorNext(it)) arrayPush(out, r.value as T);
  return out;
};
/** Copies a Map's entries into a fresh array, as above. */
export const mapToArray = <K, V>(m: Map<K, V>): [K, V][] => {
  const out: [K, V][] = [];
  const it = mapEntries(m);
  for (let r = mapIteratorNext(it); !r.done; r = mapIteratorNext(it)) arrayPush(out, r.value as [K, V]);
  return out;
};

// Typed arrays and buffers
export const TypedArray: any = getPrototypeOf(Uint8Array); // %TypedArray%: `any` because TS has no type for it
export const TypedArrayPrototype: object = TypedArray.prototype;
const typedArrayToStringTagGetter = getOwnPropertyDescriptor(TypedArrayPrototype, toStringTagSymbol)!.get!;
/** The `[[TypedArrayName]]` of a typed array, or undefined for anything else (never throws). */
export const typedArrayName = (x: unknown): string | undefined => apply(typedArrayToStringTagGetter, x, []);
const typedArrayLengthGetter = getOwnPropertyDescriptor(TypedArrayPrototype, 'length')!.get!;
export const typedArrayLength = (x: object): number => apply(typedArrayLengthGetter, x, []);
export const dataViewSetFloat64: (dv: DataView, offset: number, v: number, le?: boolean) => void = uncurryThis(
  DataView.prototype.setFloat64,
);
export const dataViewGetFloat64: (dv: DataView, offset: number, le?: boolean) => number = uncurryThis(
  DataView.prototype.getFloat64,
);

// Promise
const { all: originalPromiseAll, resolve: originalPromiseResolve } = Promise;
export const promiseAll = <T>(values: readonly (T | Promise<T>)[]): Promise<T[]> => apply(originalPromiseAll, Promise, [values]) as Promise<T[]>;
export const promiseResolve = <T>(value: T | Promise<T>): Promise<T> => apply(originalPromiseResolve, Promise, [value]) as Promise<T>;
export const promiseThen: <T>(p: Promise<T>, ok?: (v: T) => unknown, fail?: (e: unknown) => unknown) => Promise<unknown> =
  uncurryThis(Promise.prototype.then);

// Error
export const errorCaptureStackTrace: ((target: object, ctor?: unknown) => void) | undefined = (Error as any)
  .captureStackTrace;

/** Returns the `process` object of Node-like hosts, captured at load time, or undefined. */
const hostProcess: any = (globalThis as any).process;
export const processEnv: Record<string, string | undefined> | undefined =
  typeof hostProcess === 'object' && hostProcess !== null && typeof hostProcess.env === 'object'
    ? hostProcess.env
    : undefined;
export const hostProcessObject: any = hostProcess;

/** The host console, captured before any taming wraps it. */
export const hostConsole: Console | undefined = (globalThis as any).console;

/** `typeof` that also distinguishes null, for error messages naming the bad value's kind. */
export const kindOf = (x: unknown): string => {
  if (x === null) return 'null';
  if (isArray(x)) return 'array';
  return typeof x;
};

/** True if `x` is an object or function (anything that can carry properties and a prototype). */
export const isObject = (x: unknown): x is object =>
  (typeof x === 'object' && x !== null) || typeof x === 'function';

// --- date/locale taming ---
// Date.prototype methods as found at load time, before tame-date.ts replaces the local-time ones
// with UTC versions. The UTC setters are kept raw (not uncurried) so that `apply(fn, date, args)`
// forwards exactly the caller's argument count: their "if <arg> is present" steps depend on it.
// The original toLocale* methods are raw for the same reason.
const DatePrototypeForTaming = Date.prototype;
export const dateGetUTCFullYear: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCFullYear);
export const dateGetUTCMonth: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCMonth);
export const dateGetUTCDate: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCDate);
export const dateGetUTCDay: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCDay);
export const dateGetUTCHours: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCHours);
export const dateGetUTCMinutes: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCMinutes);
export const dateGetUTCSeconds: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCSeconds);
export const dateGetUTCMilliseconds: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getUTCMilliseconds);
/** `thisTimeValue(d)`: the time value of a Date, or a TypeError for anything else. */
export const dateTimeValueOf: (d: unknown) => number = uncurryThis(DatePrototypeForTaming.getTime);
export const dateSetTime: (d: unknown, t: number) => number = uncurryThis(DatePrototypeForTaming.setTime);
type RawMethod = (this: unknown, ...args: unknown[]) => unknown;
export const dateUTCSetters: {
  readonly [K in 'FullYear' | 'Month' | 'Date' | 'Hours' | 'Minutes' | 'Seconds' | 'Milliseconds']: RawMethod;
} = freeze({
  FullYear: DatePrototypeForTaming.setUTCFullYear as RawMethod,
  Month: DatePrototypeForTaming.setUTCMonth as RawMethod,
  Date: DatePrototypeForTaming.setUTCDate as RawMethod,
  Hours: DatePrototypeForTaming.setUTCHours as RawMethod,
  Minutes: DatePrototypeForTaming.setUTCMinutes as RawMethod,
  Seconds: DatePrototypeForTaming.setUTCSeconds as RawMethod,
  Milliseconds: DatePrototypeForTaming.setUTCMilliseconds as RawMethod,
});
export const dateLocaleMethods: {
  readonly [K in 'toLocaleString' | 'toLocaleDateString' | 'toLocaleTimeString']: RawMethod;
} = freeze({
  toLocaleString: DatePrototypeForTaming.toLocaleString as RawMethod,
  toLocaleDateString: DatePrototypeForTaming.toLocaleDateString as RawMethod,
  toLocaleTimeString: DatePrototypeForTaming.toLocaleTimeString as RawMethod,
});
export const bigintToString: (b: unknown) => string = uncurryThis(BigInt.prototype.toString);
export const stringNormalize: (s: string, form?: 'NFC' | 'NFD' | 'NFKC' | 'NFKD') => string = uncurryThis(
  String.prototype.normalize,
);

// --- error/console taming ---
// Captured for src/lockdown/tame-error.ts, tame-console.ts, tame-domain.ts and reporting.ts.
/** Constructors that may be absent on older engines (SuppressedError: Node 24+). */
export const AggregateError: AggregateErrorConstructor = globalThis.AggregateError;
export const SuppressedError: (new (...args: any[]) => Error) | undefined = (globalThis as any).SuppressedError;
export const FinalizationRegistry: FinalizationRegistryConstructor = globalThis.FinalizationRegistry;
export const finalizationRegistryRegister: <T>(
  r: FinalizationRegistry<T>,
  target: object,
  held: T,
  token?: object,
) => void = uncurryThis(FinalizationRegistry.prototype.register);
/** `Error.isError` (Node 24+), a pure brand check. */
export const errorIsError: ((x: unknown) => boolean) | undefined = (Error as any).isError;
/** `Error.prototype.toString`, for the 'unsafe' stack header only (it reads name/message by Get). */
export const errorToString: (e: unknown) => string = uncurryThis(Error.prototype.toString);
/**
 * Newer V8 (Node 21+) gives every error an own `stack` accessor whose getter and setter are one
 * shared pair of functions per realm; older V8 uses a lazily formatted own data property. These
 * are that pair, or undefined on engines that do not have it.
 */
const probeStackDesc = getOwnPropertyDescriptor(new FERAL_ERROR('probe'), 'stack');
export const FERAL_STACK_GETTER: ((this: unknown) => unknown) | undefined = probeStackDesc?.get;
export const FERAL_STACK_SETTER: ((this: unknown, v: unknown) => void) | undefined = probeStackDesc?.set;
/** Node's util helpers, reached without importing a Node module, so the bundle stays portable. */
const nodeUtil: any =
  typeof hostProcess === 'object' && hostProcess !== null && typeof hostProcess.getBuiltinModule === 'function'
    ? hostProcess.getBuiltinModule('node:util')
    : undefined;
export const nodeFormatWithOptions: ((options: object, ...args: unknown[]) => string) | undefined =
  nodeUtil?.formatWithOptions;
export const nodeIsProxy: ((x: unknown) => boolean) | undefined = nodeUtil?.types?.isProxy;
export const nodeIsNativeError: ((x: unknown) => boolean) | undefined = nodeUtil?.types?.isNativeError;
/** Node's process methods used to trap errors; each undefined where absent. */
const processMethod = (name: string): ((...args: any[]) => any) | undefined =>
  typeof hostProcess === 'object' && hostProcess !== null && typeof hostProcess[name] === 'function'
    ? hostProcess[name]
    : undefined;
export const processOn = processMethod('on');
export const processExit = processMethod('exit');
export const processAbort = processMethod('abort');
export const processCwd = processMethod('cwd');
/** Browser-like hosts: the window (for error events) and a `print` function (eshost/XS-style). */
export const hostWindow: any = (globalThis as any).window;
export const hostPrint: ((...args: unknown[]) => void) | undefined =
  typeof (globalThis as any).print === 'function' ? (globalThis as any).print : undefined;
export const hostImportScripts: unknown = (globalThis as any).importScripts;
/** The platform's own `Error.prepareStackTrace` at load time (Node 20+: its default formatter). */
export const FERAL_PREPARE_STACK_TRACE: unknown = (Error as any).prepareStackTrace;

// --- harden ---
/**
 * The original WeakMap methods, unbound. make-hardener installs them as own properties of its
 * private WeakMap, so its hot loop makes direct calls (no per-call argument array, as `uncurryThis`
 * would allocate) that later poisoning of WeakMap.prototype cannot reach.
 */
export const {
  get: weakmapProtoGet,
  set: weakmapProtoSet,
  delete: weakmapProtoDelete,
} = WeakMap.prototype;

// --- assert ---
// For src/error/: brand-checking unwrappers of primitive wrapper objects (each throws a TypeError
// for anything but its own kind of wrapper, and never runs guest code), and the Object.prototype
// that error-property snapshots inherit from.
export const stringValueOf: (s: unknown) => string = uncurryThis(String.prototype.valueOf);
export const numberValueOf: (n: unknown) => number = uncurryThis(Number.prototype.valueOf);
export const booleanValueOf: (b: unknown) => boolean = uncurryThis(Boolean.prototype.valueOf);
export const ObjectPrototypeForAssert: object = Object.prototype;

// --- source analysis ---
/** The oldest key of a Map (insertion order), read without the possibly poisoned iterator protocol. */
export const mapFirstKey = <K, V>(m: Map<K, V>): K | undefined => {
  const r = mapIteratorNext(mapKeys(m));
  return r.done ? undefined : (r.value as K);
};

// --- legacy/require ---
/** The host's `Intl`, captured at load time; `makeSESRootRealm({ intlMode: 'allow' })` hardens and endows it. */
export const hostIntl: object | undefined = (globalThis as any).Intl;
