// The whitelist: every global and every own property of every shared intrinsic that survives
// lockdown(), with the shape it must have. Pure data (grammar in ./types.ts, prose in ./README.md);
// the walker in src/lockdown/enforce-whitelist.ts removes whatever is not listed here and fails on
// a listed property whose shape differs. Each shape below is the one V8 has (checked on Node 20, 22,
// 24 and 25); properties a version lacks are simply absent there. No side effects.
//
// Reading guide: `'%X%'` is the named intrinsic X (identity), 'fn' an anonymous built-in function,
// `getter` an accessor without setter, a primitive type name a data property of that type. Names
// that only exist after lockdown ('%InertFunction%', '%SharedDate%', '%Harden%', ...) are the
// replacements lockdown installs; see README.md for the naming rules.
import type { AccessorPermit, GlobalPermits, IntrinsicPermit, Permits } from './types.js';

// ---------------------------------------------------------------------------------------------
// Shapes and builders

/** A read-only accessor, as the spec defines for `size`, `byteLength`, `flags`, `@@species`... */
const getter = { get: 'fn', set: 'undefined' } as const satisfies AccessorPermit;

/** An accessor pair. */
const accessor = { get: 'fn', set: 'fn' } as const satisfies AccessorPermit;

/** The properties every built-in function has, on top of its [[Prototype]]. */
const functionBasics = { '[[Proto]]': '%FunctionPrototype%', length: 'number', name: 'string' } as const;

/** A plain named function with no further properties (global functions, `harden`, ...). */
const namedFunction = functionBasics satisfies IntrinsicPermit;

/** A constructor whose prototype is `%<name>Prototype%` and has no static methods. */
function plainConstructor<N extends string>(name: N) {
  return { ...functionBasics, prototype: `%${name}Prototype%` } as const satisfies IntrinsicPermit;
}

// The seven NativeErrors plus AggregateError and SuppressedError: a constructor inheriting from
// the Error constructor, and a prototype with its own `name` and `message`.
function errorSubclass<N extends string>(name: N) {
  return { ...plainConstructor(name), '[[Proto]]': '%SharedError%' } as const satisfies IntrinsicPermit;
}

function errorSubclassPrototype<N extends string>(name: N) {
  return {
    '[[Proto]]': '%ErrorPrototype%',
    constructor: `%${name}%`,
    message: 'string',
    name: 'string',
  } as const satisfies IntrinsicPermit;
}

// The twelve concrete TypedArray constructors and prototypes, which inherit everything from
// %TypedArray% and %TypedArrayPrototype% except BYTES_PER_ELEMENT.
function typedArray<N extends string>(name: N) {
  return {
    ...plainConstructor(name),
    '[[Proto]]': '%TypedArray%',
    BYTES_PER_ELEMENT: 'number',
  } as const satisfies IntrinsicPermit;
}

function typedArrayPrototype<N extends string>(name: N) {
  return {
    '[[Proto]]': '%TypedArrayPrototype%',
    constructor: `%${name}%`,
    BYTES_PER_ELEMENT: 'number',
  } as const satisfies IntrinsicPermit;
}

/** An iterator prototype of one built-in collection (ES2024 §23.1.5.2 and siblings). */
const builtinIteratorPrototype = {
  '[[Proto]]': '%IteratorPrototype%',
  next: 'fn',
  '@@toStringTag': 'string',
} as const satisfies IntrinsicPermit;

// %InitialDate% and %SharedDate% keep the same property set: lockdown makes the shared one's
// `now()` and no-argument construction throw instead of reading the clock.
const dateConstructor = {
  ...plainConstructor('Date'),
  now: 'fn',
  parse: 'fn',
  UTC: 'fn',
} as const satisfies IntrinsicPermit;

// %InitialError% and %SharedError%. V8's `stackTraceLimit` is a number and Node's
// `prepareStackTrace` a function-valued data property; lockdown replaces both with accessors
// before the whitelist runs (inert ones on %SharedError%), so that is the shape listed.
// `captureStackTrace` is V8's; on %SharedError% lockdown replaces it with a harmless version.
const errorConstructor = {
  ...plainConstructor('Error'),
  captureStackTrace: 'fn',
  stackTraceLimit: accessor,
  prepareStackTrace: accessor,
  isError: 'fn', // Error.isError proposal; Node 24+
} as const satisfies IntrinsicPermit;

// %InitialMath% and %SharedMath%: lockdown makes the shared `random` throw.
const mathObject = {
  '[[Proto]]': '%ObjectPrototype%',
  E: 'number',
  LN10: 'number',
  LN2: 'number',
  LOG10E: 'number',
  LOG2E: 'number',
  PI: 'number',
  SQRT1_2: 'number',
  SQRT2: 'number',
  '@@toStringTag': 'string',
  abs: 'fn',
  acos: 'fn',
  acosh: 'fn',
  asin: 'fn',
  asinh: 'fn',
  atan: 'fn',
  atanh: 'fn',
  atan2: 'fn',
  cbrt: 'fn',
  ceil: 'fn',
  clz32: 'fn',
  cos: 'fn',
  cosh: 'fn',
  exp: 'fn',
  expm1: 'fn',
  floor: 'fn',
  fround: 'fn',
  hypot: 'fn',
  imul: 'fn',
  log: 'fn',
  log1p: 'fn',
  log10: 'fn',
  log2: 'fn',
  max: 'fn',
  min: 'fn',
  pow: 'fn',
  random: 'fn',
  round: 'fn',
  sign: 'fn',
  sin: 'fn',
  sinh: 'fn',
  sqrt: 'fn',
  tan: 'fn',
  tanh: 'fn',
  trunc: 'fn',
  f16round: 'fn', // ES2025
  sumPrecise: 'fn', // Math.sumPrecise proposal; not yet in Node
} as const satisfies IntrinsicPermit;

// The replacements lockdown installs for the four function constructors reachable by syntax:
// they keep the shape of the originals but throw when called.
function inertConstructor<P extends '%FunctionPrototype%' | '%Generator%' | '%AsyncFunctionPrototype%' | '%AsyncGenerator%'>(
  prototype: P,
) {
  return { ...functionBasics, '[[Proto]]': '%InertFunction%', prototype } as const satisfies IntrinsicPermit;
}

// ---------------------------------------------------------------------------------------------
// Globals

/**
 * Globals that the start compartment and every other compartment share: the powerless ES
 * globals, plus `harden` and `lockdown`. Each object-valued entry names an intrinsic, so that
 * e.g. `globalThis.parseInt === Number.parseInt` holds everywhere.
 */
export const universalGlobals = {
  // Value properties of the global object (ES2024 §19.1)
  Infinity: 'number',
  NaN: 'number',
  undefined: 'undefined',

  // Function properties (§19.2), and the Annex B pair kept for old code
  isFinite: '%isFinite%',
  isNaN: '%isNaN%',
  parseFloat: '%parseFloat%',
  parseInt: '%parseInt%',
  decodeURI: '%decodeURI%',
  decodeURIComponent: '%decodeURIComponent%',
  encodeURI: '%encodeURI%',
  encodeURIComponent: '%encodeURIComponent%',
  escape: '%escape%',
  unescape: '%unescape%',

  // Constructors (§19.3), minus Date, Error, Function and the host-only ones
  AggregateError: '%AggregateError%',
  Array: '%Array%',
  ArrayBuffer: '%ArrayBuffer%',
  BigInt: '%BigInt%',
  BigInt64Array: '%BigInt64Array%',
  BigUint64Array: '%BigUint64Array%',
  Boolean: '%Boolean%',
  DataView: '%DataView%',
  EvalError: '%EvalError%',
  Int8Array: '%Int8Array%',
  Int16Array: '%Int16Array%',
  Int32Array: '%Int32Array%',
  Iterator: '%Iterator%', // ES2025; Node 22+
  Map: '%Map%',
  Number: '%Number%',
  Object: '%Object%',
  Promise: '%Promise%',
  Proxy: '%Proxy%',
  RangeError: '%RangeError%',
  ReferenceError: '%ReferenceError%',
  RegExp: '%RegExp%',
  Set: '%Set%',
  String: '%String%',
  Symbol: '%Symbol%',
  SyntaxError: '%SyntaxError%',
  TypeError: '%TypeError%',
  Uint8Array: '%Uint8Array%',
  Uint8ClampedArray: '%Uint8ClampedArray%',
  Uint16Array: '%Uint16Array%',
  Uint32Array: '%Uint32Array%',
  URIError: '%URIError%',
  WeakMap: '%WeakMap%',
  WeakSet: '%WeakSet%',

  // Explicit resource management (ES2026; V8 13.4+, Node 24+)
  AsyncDisposableStack: '%AsyncDisposableStack%',
  DisposableStack: '%DisposableStack%',
  SuppressedError: '%SuppressedError%',

  // Other properties (§19.4)
  JSON: '%JSON%',
  Reflect: '%Reflect%',

  // Permafrost's own
  harden: '%Harden%',
  lockdown: '%Lockdown%',
} as const satisfies GlobalPermits;

/**
 * Globals of the start compartment only. Date, Error and Math here are the host's full-power
 * originals (clock, stack traces, randomness); Function is the real evaluator; the rest give
 * a channel that compartments must not get: WeakRef and FinalizationRegistry reveal garbage
 * collection, SharedArrayBuffer and Atomics give shared memory and a high-resolution timer, and
 * the floating-point arrays expose the bits of NaN values, which differ between engines and
 * operations.
 */
export const initialGlobals = {
  Date: '%InitialDate%',
  Error: '%InitialError%',
  Math: '%InitialMath%',
  Function: '%InitialFunction%',
  Float16Array: '%Float16Array%', // ES2025; Node 24+
  Float32Array: '%Float32Array%',
  Float64Array: '%Float64Array%',
  WeakRef: '%WeakRef%',
  FinalizationRegistry: '%FinalizationRegistry%',
  SharedArrayBuffer: '%SharedArrayBuffer%',
  Atomics: '%Atomics%',
  // The host's view of hidden error stacks (ses's `getStackString`); never shared.
  getStackString: '%InitialGetStackString%',
} as const satisfies GlobalPermits;

/** Globals of every compartment except the start one: the powerless twins of Date, Error and Math. */
export const sharedGlobals = {
  Date: '%SharedDate%',
  Error: '%SharedError%',
  Math: '%SharedMath%',
} as const satisfies GlobalPermits;

// ---------------------------------------------------------------------------------------------
// Intrinsics, in the order of the ES2024 specification's chapters

export const permits = {
  // --- Global functions (§19.2, Annex B.2.1)
  '%isFinite%': namedFunction,
  '%isNaN%': namedFunction,
  '%parseFloat%': namedFunction,
  '%parseInt%': namedFunction,
  '%decodeURI%': namedFunction,
  '%decodeURIComponent%': namedFunction,
  '%encodeURI%': namedFunction,
  '%encodeURIComponent%': namedFunction,
  '%escape%': namedFunction,
  '%unescape%': namedFunction,

  // --- Permafrost's own functions, installed by lockdown
  '%Harden%': namedFunction,
  '%InitialGetStackString%': namedFunction,
  '%Lockdown%': namedFunction,

  // --- Object (§20.1)
  '%Object%': {
    ...plainConstructor('Object'),
    assign: 'fn',
    create: 'fn',
    defineProperties: 'fn',
    defineProperty: 'fn',
    entries: 'fn',
    freeze: 'fn',
    fromEntries: 'fn',
    getOwnPropertyDescriptor: 'fn',
    getOwnPropertyDescriptors: 'fn',
    getOwnPropertyNames: 'fn',
    getOwnPropertySymbols: 'fn',
    getPrototypeOf: 'fn',
    groupBy: 'fn', // ES2024
    hasOwn: 'fn',
    is: 'fn',
    isExtensible: 'fn',
    isFrozen: 'fn',
    isSealed: 'fn',
    keys: 'fn',
    preventExtensions: 'fn',
    seal: 'fn',
    setPrototypeOf: 'fn',
    values: 'fn',
    '@@for(harden)': '%Harden%', // lets libraries find harden without a global
  },
  '%ObjectPrototype%': {
    '[[Proto]]': 'null',
    constructor: '%Object%',
    hasOwnProperty: 'fn',
    isPrototypeOf: 'fn',
    propertyIsEnumerable: 'fn',
    toLocaleString: 'fn',
    toString: 'fn',
    valueOf: 'fn',
    // Annex B.2.2. The key is computed: a literal `__proto__:` would set this record's own
    // [[Prototype]] instead of creating a property.
    ['__proto__']: accessor,
    __defineGetter__: 'fn',
    __defineSetter__: 'fn',
    __lookupGetter__: 'fn',
    __lookupSetter__: 'fn',
  },

  // --- Function (§20.2)
  // Host only; compartments get their own evaluators. Reached from initialGlobals.Function.
  '%InitialFunction%': plainConstructor('Function'),
  // `caller` and `arguments` are the spec's restricted accessors (§10.2.4 AddRestrictedFunction-
  // Properties): %ThrowTypeError% for both halves. V8 14 (Node 25, current Chromium) has instead
  // accessors whose getter walks the stack and returns a sloppy function's caller; lockdown's
  // tame-function-restricted-properties puts %ThrowTypeError% back before this is enforced.
  '%FunctionPrototype%': {
    ...functionBasics,
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%InertFunction%',
    caller: { get: '%ThrowTypeError%', set: '%ThrowTypeError%' },
    arguments: { get: '%ThrowTypeError%', set: '%ThrowTypeError%' },
    apply: 'fn',
    bind: 'fn',
    call: 'fn',
    toString: 'fn',
    '@@hasInstance': 'fn',
  },
  '%ThrowTypeError%': namedFunction, // §10.2.4.1; reached from a strict `arguments.callee`
  '%InertFunction%': plainConstructor('Function'),

  // --- Boolean (§20.3)
  '%Boolean%': plainConstructor('Boolean'),
  '%BooleanPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Boolean%',
    toString: 'fn',
    valueOf: 'fn',
  },

  // --- Symbol (§20.4)
  '%Symbol%': {
    ...plainConstructor('Symbol'),
    for: 'fn',
    keyFor: 'fn',
    asyncIterator: 'symbol',
    hasInstance: 'symbol',
    isConcatSpreadable: 'symbol',
    iterator: 'symbol',
    match: 'symbol',
    matchAll: 'symbol',
    replace: 'symbol',
    search: 'symbol',
    species: 'symbol',
    split: 'symbol',
    toPrimitive: 'symbol',
    toStringTag: 'symbol',
    unscopables: 'symbol',
    // Explicit resource management: V8's own on Node 24+, Node's polyfill on Node 20 and 22
    asyncDispose: 'symbol',
    dispose: 'symbol',
  },
  '%SymbolPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Symbol%',
    description: getter,
    toString: 'fn',
    valueOf: 'fn',
    '@@toPrimitive': 'fn',
    '@@toStringTag': 'string',
  },

  // --- Error (§20.5)
  '%InitialError%': errorConstructor,
  '%SharedError%': errorConstructor,
  // No own `stack`: V8 keeps it on instances.
  '%ErrorPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%SharedError%',
    message: 'string',
    name: 'string',
    toString: 'fn',
  },
  '%EvalError%': errorSubclass('EvalError'),
  '%EvalErrorPrototype%': errorSubclassPrototype('EvalError'),
  '%RangeError%': errorSubclass('RangeError'),
  '%RangeErrorPrototype%': errorSubclassPrototype('RangeError'),
  '%ReferenceError%': errorSubclass('ReferenceError'),
  '%ReferenceErrorPrototype%': errorSubclassPrototype('ReferenceError'),
  '%SyntaxError%': errorSubclass('SyntaxError'),
  '%SyntaxErrorPrototype%': errorSubclassPrototype('SyntaxError'),
  '%TypeError%': errorSubclass('TypeError'),
  '%TypeErrorPrototype%': errorSubclassPrototype('TypeError'),
  '%URIError%': errorSubclass('URIError'),
  '%URIErrorPrototype%': errorSubclassPrototype('URIError'),
  '%AggregateError%': errorSubclass('AggregateError'),
  '%AggregateErrorPrototype%': errorSubclassPrototype('AggregateError'),
  '%SuppressedError%': errorSubclass('SuppressedError'), // explicit resource management; Node 24+
  '%SuppressedErrorPrototype%': errorSubclassPrototype('SuppressedError'),

  // --- Number (§21.1)
  '%Number%': {
    ...plainConstructor('Number'),
    EPSILON: 'number',
    MAX_SAFE_INTEGER: 'number',
    MAX_VALUE: 'number',
    MIN_SAFE_INTEGER: 'number',
    MIN_VALUE: 'number',
    NaN: 'number',
    NEGATIVE_INFINITY: 'number',
    POSITIVE_INFINITY: 'number',
    isFinite: 'fn',
    isInteger: 'fn',
    isNaN: 'fn',
    isSafeInteger: 'fn',
    parseFloat: '%parseFloat%',
    parseInt: '%parseInt%',
  },
  '%NumberPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Number%',
    toExponential: 'fn',
    toFixed: 'fn',
    toLocaleString: 'fn',
    toPrecision: 'fn',
    toString: 'fn',
    valueOf: 'fn',
  },

  // --- BigInt (§21.2)
  '%BigInt%': {
    ...plainConstructor('BigInt'),
    asIntN: 'fn',
    asUintN: 'fn',
  },
  '%BigIntPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%BigInt%',
    toLocaleString: 'fn',
    toString: 'fn',
    valueOf: 'fn',
    '@@toStringTag': 'string',
  },

  // --- Math (§21.3)
  '%InitialMath%': mathObject,
  '%SharedMath%': mathObject,

  // --- Date (§21.4)
  '%InitialDate%': dateConstructor,
  '%SharedDate%': dateConstructor,
  '%DatePrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%SharedDate%',
    getDate: 'fn',
    getDay: 'fn',
    getFullYear: 'fn',
    getHours: 'fn',
    getMilliseconds: 'fn',
    getMinutes: 'fn',
    getMonth: 'fn',
    getSeconds: 'fn',
    getTime: 'fn',
    getTimezoneOffset: 'fn',
    getUTCDate: 'fn',
    getUTCDay: 'fn',
    getUTCFullYear: 'fn',
    getUTCHours: 'fn',
    getUTCMilliseconds: 'fn',
    getUTCMinutes: 'fn',
    getUTCMonth: 'fn',
    getUTCSeconds: 'fn',
    setDate: 'fn',
    setFullYear: 'fn',
    setHours: 'fn',
    setMilliseconds: 'fn',
    setMinutes: 'fn',
    setMonth: 'fn',
    setSeconds: 'fn',
    setTime: 'fn',
    setUTCDate: 'fn',
    setUTCFullYear: 'fn',
    setUTCHours: 'fn',
    setUTCMilliseconds: 'fn',
    setUTCMinutes: 'fn',
    setUTCMonth: 'fn',
    setUTCSeconds: 'fn',
    toDateString: 'fn',
    toISOString: 'fn',
    toJSON: 'fn',
    toLocaleDateString: 'fn',
    toLocaleString: 'fn',
    toLocaleTimeString: 'fn',
    toString: 'fn',
    toTimeString: 'fn',
    toUTCString: 'fn',
    valueOf: 'fn',
    '@@toPrimitive': 'fn',
    // Annex B.2.3
    getYear: 'fn',
    setYear: 'fn',
    toGMTString: 'fn',
  },

  // --- String (§22.1)
  '%String%': {
    ...plainConstructor('String'),
    fromCharCode: 'fn',
    fromCodePoint: 'fn',
    raw: 'fn',
  },
  '%StringPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    length: 'number',
    constructor: '%String%',
    at: 'fn',
    charAt: 'fn',
    charCodeAt: 'fn',
    codePointAt: 'fn',
    concat: 'fn',
    endsWith: 'fn',
    includes: 'fn',
    indexOf: 'fn',
    isWellFormed: 'fn', // ES2024
    lastIndexOf: 'fn',
    localeCompare: 'fn',
    match: 'fn',
    matchAll: 'fn',
    normalize: 'fn',
    padEnd: 'fn',
    padStart: 'fn',
    repeat: 'fn',
    replace: 'fn',
    replaceAll: 'fn',
    search: 'fn',
    slice: 'fn',
    split: 'fn',
    startsWith: 'fn',
    substring: 'fn',
    toLocaleLowerCase: 'fn',
    toLocaleUpperCase: 'fn',
    toLowerCase: 'fn',
    toString: 'fn',
    toUpperCase: 'fn',
    toWellFormed: 'fn', // ES2024
    trim: 'fn',
    trimEnd: 'fn',
    trimStart: 'fn',
    valueOf: 'fn',
    '@@iterator': 'fn',
    // Annex B.2.2
    substr: 'fn',
    anchor: 'fn',
    big: 'fn',
    blink: 'fn',
    bold: 'fn',
    fixed: 'fn',
    fontcolor: 'fn',
    fontsize: 'fn',
    italics: 'fn',
    link: 'fn',
    small: 'fn',
    strike: 'fn',
    sub: 'fn',
    sup: 'fn',
    trimLeft: 'fn',
    trimRight: 'fn',
  },
  '%StringIteratorPrototype%': builtinIteratorPrototype,

  // --- RegExp (§22.2). The legacy static accessors ($1-$9, input, lastMatch, ...) are
  // deliberately absent: they are a cross-compartment channel (the last match of anyone).
  '%RegExp%': {
    ...plainConstructor('RegExp'),
    escape: 'fn', // ES2025; Node 24+
    '@@species': getter,
  },
  '%RegExpPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%RegExp%',
    exec: 'fn',
    dotAll: getter,
    flags: getter,
    global: getter,
    hasIndices: getter,
    ignoreCase: getter,
    multiline: getter,
    source: getter,
    sticky: getter,
    unicode: getter,
    unicodeSets: getter, // ES2024
    test: 'fn',
    toString: 'fn',
    '@@match': 'fn',
    '@@matchAll': 'fn',
    '@@replace': 'fn',
    '@@search': 'fn',
    '@@split': 'fn',
    // Annex B.2.4; lockdown removes it itself unless regExpTaming is 'unsafe'
    compile: 'fn',
  },
  '%RegExpStringIteratorPrototype%': builtinIteratorPrototype,

  // --- Array (§23.1)
  '%Array%': {
    ...plainConstructor('Array'),
    from: 'fn',
    fromAsync: 'fn', // Array.fromAsync proposal; Node 22+
    isArray: 'fn',
    of: 'fn',
    '@@species': getter,
  },
  '%ArrayPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    length: 'number',
    constructor: '%Array%',
    at: 'fn',
    concat: 'fn',
    copyWithin: 'fn',
    entries: 'fn',
    every: 'fn',
    fill: 'fn',
    filter: 'fn',
    find: 'fn',
    findIndex: 'fn',
    findLast: 'fn',
    findLastIndex: 'fn',
    flat: 'fn',
    flatMap: 'fn',
    forEach: 'fn',
    includes: 'fn',
    indexOf: 'fn',
    join: 'fn',
    keys: 'fn',
    lastIndexOf: 'fn',
    map: 'fn',
    pop: 'fn',
    push: 'fn',
    reduce: 'fn',
    reduceRight: 'fn',
    reverse: 'fn',
    shift: 'fn',
    slice: 'fn',
    some: 'fn',
    sort: 'fn',
    splice: 'fn',
    toLocaleString: 'fn',
    toReversed: 'fn', // ES2023
    toSorted: 'fn',
    toSpliced: 'fn',
    toString: 'fn',
    unshift: 'fn',
    values: 'fn',
    with: 'fn',
    '@@iterator': 'fn',
    '@@unscopables': '%ArrayProtoUnscopables%',
  },
  // The null-prototype object at Array.prototype[@@unscopables] (§23.1.3.41).
  '%ArrayProtoUnscopables%': {
    '[[Proto]]': 'null',
    at: 'boolean',
    copyWithin: 'boolean',
    entries: 'boolean',
    fill: 'boolean',
    find: 'boolean',
    findIndex: 'boolean',
    findLast: 'boolean',
    findLastIndex: 'boolean',
    flat: 'boolean',
    flatMap: 'boolean',
    includes: 'boolean',
    keys: 'boolean',
    toReversed: 'boolean',
    toSorted: 'boolean',
    toSpliced: 'boolean',
    values: 'boolean',
  },
  '%ArrayIteratorPrototype%': builtinIteratorPrototype,

  // --- TypedArrays (§23.2)
  '%TypedArray%': {
    ...plainConstructor('TypedArray'),
    from: 'fn',
    of: 'fn',
    '@@species': getter,
  },
  '%TypedArrayPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%TypedArray%',
    buffer: getter,
    byteLength: getter,
    byteOffset: getter,
    length: getter,
    at: 'fn',
    copyWithin: 'fn',
    entries: 'fn',
    every: 'fn',
    fill: 'fn',
    filter: 'fn',
    find: 'fn',
    findIndex: 'fn',
    findLast: 'fn',
    findLastIndex: 'fn',
    forEach: 'fn',
    includes: 'fn',
    indexOf: 'fn',
    join: 'fn',
    keys: 'fn',
    lastIndexOf: 'fn',
    map: 'fn',
    reduce: 'fn',
    reduceRight: 'fn',
    reverse: 'fn',
    set: 'fn',
    slice: 'fn',
    some: 'fn',
    sort: 'fn',
    subarray: 'fn',
    toLocaleString: 'fn',
    toReversed: 'fn', // ES2023
    toSorted: 'fn',
    toString: 'fn',
    values: 'fn',
    with: 'fn',
    '@@iterator': 'fn',
    '@@toStringTag': getter,
  },
  '%BigInt64Array%': typedArray('BigInt64Array'),
  '%BigInt64ArrayPrototype%': typedArrayPrototype('BigInt64Array'),
  '%BigUint64Array%': typedArray('BigUint64Array'),
  '%BigUint64ArrayPrototype%': typedArrayPrototype('BigUint64Array'),
  '%Float16Array%': typedArray('Float16Array'), // ES2025; Node 24+
  '%Float16ArrayPrototype%': typedArrayPrototype('Float16Array'),
  '%Float32Array%': typedArray('Float32Array'),
  '%Float32ArrayPrototype%': typedArrayPrototype('Float32Array'),
  '%Float64Array%': typedArray('Float64Array'),
  '%Float64ArrayPrototype%': typedArrayPrototype('Float64Array'),
  '%Int8Array%': typedArray('Int8Array'),
  '%Int8ArrayPrototype%': typedArrayPrototype('Int8Array'),
  '%Int16Array%': typedArray('Int16Array'),
  '%Int16ArrayPrototype%': typedArrayPrototype('Int16Array'),
  '%Int32Array%': typedArray('Int32Array'),
  '%Int32ArrayPrototype%': typedArrayPrototype('Int32Array'),
  '%Uint8Array%': {
    ...typedArray('Uint8Array'),
    fromBase64: 'fn', // base64 proposal; Node 25+
    fromHex: 'fn',
  },
  '%Uint8ArrayPrototype%': {
    ...typedArrayPrototype('Uint8Array'),
    setFromBase64: 'fn', // base64 proposal; Node 25+
    setFromHex: 'fn',
    toBase64: 'fn',
    toHex: 'fn',
  },
  '%Uint8ClampedArray%': typedArray('Uint8ClampedArray'),
  '%Uint8ClampedArrayPrototype%': typedArrayPrototype('Uint8ClampedArray'),
  '%Uint16Array%': typedArray('Uint16Array'),
  '%Uint16ArrayPrototype%': typedArrayPrototype('Uint16Array'),
  '%Uint32Array%': typedArray('Uint32Array'),
  '%Uint32ArrayPrototype%': typedArrayPrototype('Uint32Array'),

  // --- Keyed collections (§24)
  '%Map%': {
    ...plainConstructor('Map'),
    groupBy: 'fn', // ES2024
    '@@species': getter,
  },
  '%MapPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Map%',
    clear: 'fn',
    delete: 'fn',
    entries: 'fn',
    forEach: 'fn',
    get: 'fn',
    getOrInsert: 'fn', // upsert proposal
    getOrInsertComputed: 'fn',
    has: 'fn',
    keys: 'fn',
    set: 'fn',
    size: getter,
    values: 'fn',
    '@@iterator': 'fn',
    '@@toStringTag': 'string',
  },
  '%MapIteratorPrototype%': builtinIteratorPrototype,
  '%Set%': {
    ...plainConstructor('Set'),
    '@@species': getter,
  },
  '%SetPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Set%',
    add: 'fn',
    clear: 'fn',
    delete: 'fn',
    entries: 'fn',
    forEach: 'fn',
    has: 'fn',
    keys: 'fn',
    size: getter,
    values: 'fn',
    // ES2025; Node 22+
    difference: 'fn',
    intersection: 'fn',
    isDisjointFrom: 'fn',
    isSubsetOf: 'fn',
    isSupersetOf: 'fn',
    symmetricDifference: 'fn',
    union: 'fn',
    '@@iterator': 'fn',
    '@@toStringTag': 'string',
  },
  '%SetIteratorPrototype%': builtinIteratorPrototype,
  '%WeakMap%': plainConstructor('WeakMap'),
  '%WeakMapPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%WeakMap%',
    delete: 'fn',
    get: 'fn',
    getOrInsert: 'fn', // upsert proposal
    getOrInsertComputed: 'fn',
    has: 'fn',
    set: 'fn',
    '@@toStringTag': 'string',
  },
  '%WeakSet%': plainConstructor('WeakSet'),
  '%WeakSetPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%WeakSet%',
    add: 'fn',
    delete: 'fn',
    has: 'fn',
    '@@toStringTag': 'string',
  },

  // --- Structured data (§25)
  '%ArrayBuffer%': {
    ...plainConstructor('ArrayBuffer'),
    isView: 'fn',
    '@@species': getter,
  },
  '%ArrayBufferPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%ArrayBuffer%',
    byteLength: getter,
    slice: 'fn',
    // ES2024 resizable buffers
    maxByteLength: getter,
    resizable: getter,
    resize: 'fn',
    // ES2024 transfer; Node 22+
    detached: getter,
    transfer: 'fn',
    transferToFixedLength: 'fn',
    '@@toStringTag': 'string',
  },
  // Host only (shared memory): reached from initialGlobals.
  '%SharedArrayBuffer%': {
    ...plainConstructor('SharedArrayBuffer'),
    '@@species': getter,
  },
  '%SharedArrayBufferPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%SharedArrayBuffer%',
    byteLength: getter,
    slice: 'fn',
    // ES2024 growable buffers
    grow: 'fn',
    growable: getter,
    maxByteLength: getter,
    '@@toStringTag': 'string',
  },
  '%DataView%': plainConstructor('DataView'),
  '%DataViewPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%DataView%',
    buffer: getter,
    byteLength: getter,
    byteOffset: getter,
    getBigInt64: 'fn',
    getBigUint64: 'fn',
    getFloat16: 'fn', // ES2025; Node 24+
    getFloat32: 'fn',
    getFloat64: 'fn',
    getInt8: 'fn',
    getInt16: 'fn',
    getInt32: 'fn',
    getUint8: 'fn',
    getUint16: 'fn',
    getUint32: 'fn',
    setBigInt64: 'fn',
    setBigUint64: 'fn',
    setFloat16: 'fn',
    setFloat32: 'fn',
    setFloat64: 'fn',
    setInt8: 'fn',
    setInt16: 'fn',
    setInt32: 'fn',
    setUint8: 'fn',
    setUint16: 'fn',
    setUint32: 'fn',
    '@@toStringTag': 'string',
  },
  // Host only (shared memory, timing): reached from initialGlobals.
  '%Atomics%': {
    '[[Proto]]': '%ObjectPrototype%',
    add: 'fn',
    and: 'fn',
    compareExchange: 'fn',
    exchange: 'fn',
    isLockFree: 'fn',
    load: 'fn',
    notify: 'fn',
    or: 'fn',
    pause: 'fn', // ES2025; Node 24+
    store: 'fn',
    sub: 'fn',
    wait: 'fn',
    waitAsync: 'fn', // ES2024
    xor: 'fn',
    '@@toStringTag': 'string',
  },
  '%JSON%': {
    '[[Proto]]': '%ObjectPrototype%',
    parse: 'fn',
    stringify: 'fn',
    // JSON.parse source text access (ES2026); Node 22+
    isRawJSON: 'fn',
    rawJSON: 'fn',
    '@@toStringTag': 'string',
  },

  // --- Managing memory (§26). Host only (they observe garbage collection).
  '%WeakRef%': plainConstructor('WeakRef'),
  '%WeakRefPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%WeakRef%',
    deref: 'fn',
    '@@toStringTag': 'string',
  },
  '%FinalizationRegistry%': plainConstructor('FinalizationRegistry'),
  '%FinalizationRegistryPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%FinalizationRegistry%',
    register: 'fn',
    unregister: 'fn',
    '@@toStringTag': 'string',
  },

  // --- Control abstraction (§27)
  // Iterator and its helpers: ES2025; Node 22+. Node 20 has only %IteratorPrototype%[@@iterator].
  '%Iterator%': {
    ...plainConstructor('Iterator'),
    from: 'fn',
    concat: 'fn', // iterator sequencing proposal
  },
  '%IteratorPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    // Accessors, not data properties (web compatibility: §27.1.4.1, §27.1.4.14). The setter
    // defines an own data property on the receiver, so `C.prototype.constructor = C` still works.
    constructor: accessor,
    '@@toStringTag': accessor,
    drop: 'fn',
    every: 'fn',
    filter: 'fn',
    find: 'fn',
    flatMap: 'fn',
    forEach: 'fn',
    map: 'fn',
    reduce: 'fn',
    some: 'fn',
    take: 'fn',
    toArray: 'fn',
    '@@iterator': 'fn',
    '@@dispose': 'fn', // explicit resource management; Node 24+
  },
  // Prototype of the iterators that map, filter, take, drop, flatMap and concat return.
  '%IteratorHelperPrototype%': {
    '[[Proto]]': '%IteratorPrototype%',
    next: 'fn',
    return: 'fn',
    '@@toStringTag': 'string',
  },
  // Prototype of the wrappers Iterator.from returns for non-Iterator iterators.
  '%WrapForValidIteratorPrototype%': {
    '[[Proto]]': '%IteratorPrototype%',
    next: 'fn',
    return: 'fn',
  },
  '%AsyncIteratorPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    '@@asyncIterator': 'fn',
    '@@asyncDispose': 'fn', // explicit resource management; Node 24+
  },
  // Never exposed to code by V8, listed for engines that do (§27.1.6.2).
  '%AsyncFromSyncIteratorPrototype%': {
    '[[Proto]]': '%AsyncIteratorPrototype%',
    next: 'fn',
    return: 'fn',
    throw: 'fn',
  },

  '%Promise%': {
    ...plainConstructor('Promise'),
    all: 'fn',
    allSettled: 'fn',
    any: 'fn',
    race: 'fn',
    reject: 'fn',
    resolve: 'fn',
    try: 'fn', // ES2025; Node 24+
    withResolvers: 'fn', // ES2024; Node 22+
    '@@species': getter,
  },
  '%PromisePrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%Promise%',
    catch: 'fn',
    finally: 'fn',
    then: 'fn',
    '@@toStringTag': 'string',
  },

  // The four function kinds. Lockdown replaces each original constructor (reachable as the
  // `constructor` of the prototypes below) with an inert twin, so only the twins are listed.
  '%InertGeneratorFunction%': inertConstructor('%Generator%'),
  '%InertAsyncFunction%': inertConstructor('%AsyncFunctionPrototype%'),
  '%InertAsyncGeneratorFunction%': inertConstructor('%AsyncGenerator%'),
  // %GeneratorFunction.prototype%, the prototype of every generator function.
  '%Generator%': {
    '[[Proto]]': '%FunctionPrototype%',
    constructor: '%InertGeneratorFunction%',
    prototype: '%GeneratorPrototype%',
    '@@toStringTag': 'string',
  },
  '%GeneratorPrototype%': {
    '[[Proto]]': '%IteratorPrototype%',
    constructor: '%Generator%',
    next: 'fn',
    return: 'fn',
    throw: 'fn',
    '@@toStringTag': 'string',
  },
  // %AsyncGeneratorFunction.prototype%, the prototype of every async generator function.
  '%AsyncGenerator%': {
    '[[Proto]]': '%FunctionPrototype%',
    constructor: '%InertAsyncGeneratorFunction%',
    prototype: '%AsyncGeneratorPrototype%',
    '@@toStringTag': 'string',
  },
  '%AsyncGeneratorPrototype%': {
    '[[Proto]]': '%AsyncIteratorPrototype%',
    constructor: '%AsyncGenerator%',
    next: 'fn',
    return: 'fn',
    throw: 'fn',
    '@@toStringTag': 'string',
  },
  // %AsyncFunction.prototype%, the prototype of every async function.
  '%AsyncFunctionPrototype%': {
    '[[Proto]]': '%FunctionPrototype%',
    constructor: '%InertAsyncFunction%',
    '@@toStringTag': 'string',
  },

  // Explicit resource management (ES2026; Node 24+).
  '%DisposableStack%': plainConstructor('DisposableStack'),
  '%DisposableStackPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%DisposableStack%',
    adopt: 'fn',
    defer: 'fn',
    dispose: 'fn',
    disposed: getter,
    move: 'fn',
    use: 'fn',
    '@@dispose': 'fn',
    '@@toStringTag': 'string',
  },
  '%AsyncDisposableStack%': plainConstructor('AsyncDisposableStack'),
  '%AsyncDisposableStackPrototype%': {
    '[[Proto]]': '%ObjectPrototype%',
    constructor: '%AsyncDisposableStack%',
    adopt: 'fn',
    defer: 'fn',
    disposeAsync: 'fn',
    disposed: getter,
    move: 'fn',
    use: 'fn',
    '@@asyncDispose': 'fn',
    '@@toStringTag': 'string',
  },

  // --- Reflection (§28)
  '%Reflect%': {
    '[[Proto]]': '%ObjectPrototype%',
    apply: 'fn',
    construct: 'fn',
    defineProperty: 'fn',
    deleteProperty: 'fn',
    get: 'fn',
    getOwnPropertyDescriptor: 'fn',
    getPrototypeOf: 'fn',
    has: 'fn',
    isExtensible: 'fn',
    ownKeys: 'fn',
    preventExtensions: 'fn',
    set: 'fn',
    setPrototypeOf: 'fn',
    '@@toStringTag': 'string',
  },
  '%Proxy%': {
    ...functionBasics,
    revocable: 'fn',
  },
} as const satisfies Permits;

// ---------------------------------------------------------------------------------------------
// Function names that differ from the slot's key

/**
 * Lockdown checks that each function on the whitelist renders as the built-in of its slot,
 * `function <name>() { [native code] }`, with <name> the slot's key (`get key`/`set key` for
 * accessors, `[Symbol.x]` for symbol keys). These slots legitimately hold a function of another
 * name (spec aliases), and these named intrinsics have a name other than their record's stem.
 * Keyed by `'%Record%.key'` (keys spelled as in `permits`), or by the record name alone.
 */
export const functionNames: Readonly<Record<string, string>> = {
  '%StringPrototype%.trimLeft': 'trimStart',
  '%StringPrototype%.trimRight': 'trimEnd',
  '%DatePrototype%.toGMTString': 'toUTCString',
  '%ArrayPrototype%.@@iterator': 'values',
  '%TypedArrayPrototype%.@@iterator': 'values',
  '%MapPrototype%.@@iterator': 'entries',
  '%SetPrototype%.@@iterator': 'values',
  '%SetPrototype%.keys': 'values',
  '%AsyncDisposableStackPrototype%.@@asyncDispose': 'disposeAsync',
  '%DisposableStackPrototype%.@@dispose': 'dispose',
  '%InitialDate%': 'Date',
  '%SharedDate%': 'Date',
  '%InitialError%': 'Error',
  '%SharedError%': 'Error',
  '%InitialFunction%': 'Function',
  '%InertFunction%': 'Function',
  '%InertGeneratorFunction%': 'GeneratorFunction',
  '%InertAsyncFunction%': 'AsyncFunction',
  '%InertAsyncGeneratorFunction%': 'AsyncGeneratorFunction',
  '%ThrowTypeError%': '',
  '%FunctionPrototype%': '',
  '%Harden%': 'harden',
  '%Lockdown%': 'lockdown',
  '%InitialGetStackString%': 'getStackString',
};
