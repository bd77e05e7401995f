// `bestEffortStringify`: the text that `q(value)` puts in an error message. It follows ses's
// JSON-with-a-replacer output (cycles and repeats as "[Seen]", bigints, symbols, undefined and
// NaN as bracketed strings, errors as "[Name: message]", unsorted keys sorted), but reads objects
// through property descriptors only: no getter, toJSON, toString or (where the host can tell)
// proxy trap ever runs. Bounded in depth, values visited and length. No side effects.
import { overriddenValueOf } from '../lockdown/enable-property-overrides.js';
import {
  Boolean,
  Date,
  FERAL_ERROR,
  Number,
  Set,
  String,
  arrayJoin,
  arrayPush,
  arraySort,
  booleanValueOf,
  dateTimeValueOf,
  dateToISOString,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isArray,
  isObject,
  jsonStringify,
  keys,
  nodeIsProxy,
  numberValueOf,
  objectHasOwn,
  objectIsPrototypeOf,
  setAdd,
  setHas,
  stringIncludes,
  stringSlice,
  stringStartsWith,
  stringValueOf,
  toStringTagSymbol,
  typedArrayName,
  mathTrunc,
} from '../commons.js';

/** Nesting beyond this is shown as "[…]" (JSON.stringify would overflow the stack instead). */
const MAX_DEPTH = 64;
/** Values rendered per call; the rest are shown as one "[…]" per container. */
const MAX_VALUES = 10_000;
/** Characters per call; long strings are cut and the rest of the output elided. */
const MAX_LENGTH = 100_000;
/** What ses prints when JSON.stringify throws; ours only when the engine does (an undetected proxy). */
const FAILED = '[Something that failed to stringify]';
const ELIDED = '"[…]"';

/** True where the host can tell (Node); elsewhere proxies are read like any object, inside a try. */
export const isProxy = (x: unknown): boolean => nodeIsProxy !== undefined && nodeIsProxy(x);

/** ses's notion of an error: Error.prototype is on its prototype chain (never asked of a proxy). */
export const isErrorLike = (x: unknown): x is object =>
  isObject(x) && !isProxy(x) && objectIsPrototypeOf(FERAL_ERROR.prototype, x);

/** "an object", "a number": the noun with its indefinite article, as ses words it. */
export const an = (noun: string): string =>
  noun.length >= 1 && stringIncludes('aeiouAEIOU', noun[0]!) ? `an ${noun}` : `a ${noun}`;

/** How an accessor property is shown in place of the value its getter would return. */
const accessorLabel = (desc: PropertyDescriptor): string =>
  desc.get !== undefined ? (desc.set !== undefined ? '[Getter/Setter]' : '[Getter]') : '[Setter]';

/**
 * The descriptor of `key` on `obj` or its nearest ancestor, walking at most 64 levels and never
 * into a proxy. Only ordinary [[GetOwnProperty]] and [[GetPrototypeOf]] run: no guest code.
 */
export const lookupDescriptor = (obj: object, key: PropertyKey): PropertyDescriptor | undefined => {
  let o: unknown = obj;
  for (let depth = 0; isObject(o) && depth < 64; depth += 1) {
    if (isProxy(o)) return undefined;
    const desc = getOwnPropertyDescriptor(o, key);
    if (desc !== undefined) return desc;
    o = getPrototypeOf(o);
  }
  return undefined;
};

/**
 * The value behind a descriptor without calling anything: a data property's value, or the value
 * behind one of lockdown's own override-taming accessors (after lockdown, `name` on the Error
 * prototypes is such an accessor). Undefined for any other accessor: a guest-made getter carrying
 * an `originalValue` property is not believed.
 */
const valueOfDescriptor = (desc: PropertyDescriptor): { readonly value: unknown } | undefined => {
  if (objectHasOwn(desc, 'value')) return { value: desc.value };
  return overriddenValueOf(desc);
};

/** A primitive as text without running guest code; objects and accessors by a label. */
const textOf = (desc: PropertyDescriptor | undefined): string => {
  if (desc === undefined) return 'undefined';
  const found = valueOfDescriptor(desc);
  if (found === undefined) return accessorLabel(desc);
  const { value } = found;
  if (typeof value === 'string') return value;
  return isObject(value) ? `[${typeof value}]` : String(value);
};

/** An error's `name`, read as a data property (own or inherited); an accessor is not called. */
export const errorNameOf = (error: object): string => textOf(lookupDescriptor(error, 'name'));

/**
 * Date.prototype.toJSON on a genuine Date, with the original methods; undefined for anything else.
 * The prototype test first spares a thrown TypeError per plain object (JSON.stringify, too, only
 * calls a toJSON that is inherited).
 */
const dateJSON = (value: object): string | null | undefined => {
  if (!objectIsPrototypeOf(Date.prototype, value)) return undefined;
  let time: number;
  try {
    time = dateTimeValueOf(value);
  } catch {
    return undefined; // not a Date: no [[DateValue]]
  }
  return time - time === 0 ? dateToISOString(value as Date) : null; // null for NaN (an invalid date)
};

/** The primitive inside a Number, String or Boolean wrapper (JSON.stringify unwraps those). */
const wrapperPrototypes: readonly object[] = [Number.prototype, String.prototype, Boolean.prototype];
const unwrappers: readonly ((x: unknown) => unknown)[] = [numberValueOf, stringValueOf, booleanValueOf];
const unwrapPrimitive = (value: object): { readonly primitive: unknown } | undefined => {
  for (let i = 0; i < unwrappers.length; i += 1) {
    if (!objectIsPrototypeOf(wrapperPrototypes[i]!, value)) continue;
    try {
      return { primitive: unwrappers[i]!(value) };
    } catch {
      // not this kind of wrapper
    }
  }
  return undefined;
};

/** True for keys ordinary objects list first, in numeric order ("array indices"). */
const isArrayIndex = (key: string): boolean => {
  const n = Number(key);
  return String(n) === key && mathTrunc(n) === n && n >= 0 && n < 4294967295;
};

/**
 * ses serializes unsorted keys through a fresh object built from the sorted entries, whose own
 * keys list array indices first: the same order, without building that object.
 */
const orderKeys = (names: string[]): string[] => {
  let sorted = true;
  for (let i = 1; i < names.length; i += 1) {
    if (names[i - 1]! >= names[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return names;
  arraySort(names);
  const indices: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < names.length; i += 1) arrayPush(isArrayIndex(names[i]!) ? indices : others, names[i]!);
  arraySort(indices, (a, b) => Number(a) - Number(b));
  for (let i = 0; i < others.length; i += 1) arrayPush(indices, others[i]!);
  return indices;
};

/** JSON.stringify's `space` argument, for numbers and strings. */
const gapOf = (spaces: unknown): string => {
  if (typeof spaces === 'number') {
    const n = spaces - spaces === 0 ? mathTrunc(spaces) : 0;
    return n >= 1 ? stringSlice('          ', 0, n > 10 ? 10 : n) : '';
  }
  return typeof spaces === 'string' ? stringSlice(spaces, 0, 10) : '';
};

/** A JSON string literal; long text is cut. Quoting a primitive string runs no guest code. */
const quoteString = (text: string): string =>
  jsonStringify(text.length > MAX_LENGTH ? `${stringSlice(text, 0, MAX_LENGTH)}…` : text);

/**
 * Renders `payload` for a human reading an error message. Never throws, never runs guest code
 * (short of an undetected proxy's traps, whose throws give ses's "[Something that failed to
 * stringify]"). Not a serialization: its exact output may change.
 */
export const bestEffortStringify = (payload: unknown, spaces?: string | number): string => {
  const gap = gapOf(spaces);
  const seen = new Set<object>();
  let visited = 0;
  let length = 0;

  const container = (open: string, close: string, parts: string[], indent: string): string => {
    if (parts.length === 0) return `${open}${close}`;
    if (gap === '') return `${open}${arrayJoin(parts, ',')}${close}`;
    const inner = `${indent}${gap}`;
    return `${open}\n${inner}${arrayJoin(parts, `,\n${inner}`)}\n${indent}${close}`;
  };
  const over = (): boolean => visited > MAX_VALUES || length > MAX_LENGTH;

  /** A property or element, read by descriptor: a getter is shown by its label, never called. */
  const serializeSlot = (obj: object, key: string, depth: number, indent: string): string => {
    const desc = getOwnPropertyDescriptor(obj, key);
    const found = desc === undefined ? { value: undefined } : valueOfDescriptor(desc);
    if (found !== undefined) return serialize(found.value, depth, indent);
    visited += 1;
    return quoteString(accessorLabel(desc!));
  };
  const serialize = (input: unknown, depth: number, indent: string): string => {
    visited += 1;
    let value = input;
    // JSON's own step first: Date.prototype.toJSON (the original's behaviour, for genuine Dates).
    if (isObject(value) && !isProxy(value)) {
      const json = dateJSON(value);
      if (json !== undefined) value = json;
    }
    // Then ses's replacer.
    switch (typeof value) {
      case 'object': {
        if (value === null) return 'null';
        if (isProxy(value)) return quoteString('[Proxy]');
        if (setHas(seen, value)) return quoteString('[Seen]');
        setAdd(seen, value);
        if (isErrorLike(value)) {
          const message = textOf(lookupDescriptor(value, 'message'));
          return quoteString(`[${errorNameOf(value)}: ${message}]`);
        }
        const tag = lookupDescriptor(value, toStringTagSymbol);
        if (tag !== undefined) {
          // %TypedArray%.prototype's tag is a getter: the original's answer, from the brand.
          const typed = valueOfDescriptor(tag) !== undefined ? undefined : typedArrayName(value);
          return quoteString(`[${typed ?? textOf(tag)}]`);
        }
        if (depth >= MAX_DEPTH || over()) return ELIDED;
        const parts: string[] = [];
        const inner = `${indent}${gap}`;
        if (isArray(value)) {
          const len = getOwnPropertyDescriptor(value, 'length')!.value as number; // arrays: always data
          for (let i = 0; i < len; i += 1) {
            if (over()) {
              arrayPush(parts, ELIDED);
              break;
            }
            arrayPush(parts, serializeSlot(value, String(i), depth + 1, inner));
          }
          return container('[', ']', parts, indent);
        }
        const wrapped = unwrapPrimitive(value);
        if (wrapped !== undefined) return serialize(wrapped.primitive, depth, indent);
        const names = orderKeys(keys(value));
        for (let i = 0; i < names.length; i += 1) {
          if (over()) {
            arrayPush(parts, `${quoteString('…')}:${gap === '' ? '' : ' '}${ELIDED}`);
            break;
          }
          const text = serializeSlot(value, names[i]!, depth + 1, inner);
          arrayPush(parts, `${quoteString(names[i]!)}:${gap === '' ? '' : ' '}${text}`);
        }
        return container('{', '}', parts, indent);
      }
      case 'function': {
        if (isProxy(value)) return quoteString('[Proxy]');
        // ses: `val.name || '<anon>'`
        const name = lookupDescriptor(value, 'name');
        const found = name === undefined ? { value: undefined } : valueOfDescriptor(name);
        const shown = found === undefined ? accessorLabel(name!) : found.value ? textOf(name) : '<anon>';
        return quoteString(`[Function ${shown}]`);
      }
      case 'string': {
        length += value.length;
        return quoteString(stringStartsWith(value, '[') ? `[${value}]` : value);
      }
      case 'undefined':
      case 'symbol':
        return quoteString(`[${String(value)}]`);
      case 'bigint':
        return quoteString(`[${value}n]`);
      case 'number':
        if (value !== value) return quoteString('[NaN]');
        if (value === Infinity || value === -Infinity) return quoteString(`[${value}]`);
        return `${value}`;
      default:
        return value ? 'true' : 'false';
    }
  };

  try {
    const text = serialize(payload, 0, '');
    return text.length > MAX_LENGTH * 2 ? `${stringSlice(text, 0, MAX_LENGTH * 2)}…` : text;
  } catch {
    return FAILED;
  }
};
