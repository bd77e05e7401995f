// `makeError` and `note`, and what they keep for the causal console: each error's unredacted
// message and its notes, in WeakMaps keyed by the error. Only the host reads those, through
// getErrorDetailsForConsole, which is never exported from the public entry point.
// Module state: those WeakMaps and a tag counter; no other side effects.
import {
  AggregateError,
  FERAL_ERROR,
  FERAL_STACK_GETTER,
  ObjectPrototypeForAssert,
  WeakMap,
  apply,
  arrayIncludes,
  arrayMap,
  arrayPush,
  arraySlice,
  arraySplice,
  construct,
  create,
  defineProperty,
  freeze,
  getOwnPropertyDescriptor,
  isObject,
  kindOf,
  objectHasOwn,
  ownKeys,
  reflectDeleteProperty,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { detailsPartsOf, messageOf, quote, redactedDetails, unwrapDeclassified, type DetailsParts } from './details.js';
import { bestEffortStringify, isProxy } from './stringify.js';
import type { AssertionUtilities, Details } from './types.js';

/** A message or note as the console should print it: literal text around the raw values. */
export interface ConsoleDetails {
  /** One more than `values`: text before, between and after them. */
  readonly literals: readonly string[];
  /** Unredacted: what was substituted, with `q(x)`/`b(x)` unwrapped back to `x`. */
  readonly values: readonly unknown[];
}

/** Everything the host may print about an error made or annotated by `assert`. */
export interface ErrorDetailsForConsole {
  /** The message before redaction, for errors made by `makeError`. */
  readonly message: ConsoleDetails | undefined;
  /** Notes added by `assert.note`, oldest first (at most the last 100). */
  readonly notes: readonly ConsoleDetails[];
  /** `<errorName>#<n>` when `makeError` was given an `errorName`, as ses's console tags it. */
  readonly tag: string | undefined;
}

const MAX_NOTES = 100;
const hiddenMessages = new WeakMap<object, ConsoleDetails>();
const hiddenNotes = new WeakMap<object, ConsoleDetails[]>();
const errorTags = new WeakMap<object, string>();
let errorTagNum = 0;

const consoleDetailsOf = ({ literals, args }: DetailsParts): ConsoleDetails =>
  freeze({ literals, values: freeze(arrayMap(args, unwrapDeclassified)) });

const badArgument = (api: string, message: string): Error => makeTypeError(api, message, codes.BAD_ASSERT_ARGUMENT);

/** `assert.note(error, details)`: the console prints the details with the error, unredacted. */
export const note = (error: Error, details: Details): void => {
  if (!isObject(error)) throw badArgument('assert.note()', `the error must be an object, got ${kindOf(error)}`);
  const entry = consoleDetailsOf(detailsPartsOf('assert.note()', details));
  const notes = weakmapGet(hiddenNotes, error);
  if (notes === undefined) {
    weakmapSet(hiddenNotes, error, [entry]);
    return;
  }
  if (notes.length >= MAX_NOTES) arraySplice(notes, 0, 1);
  arrayPush(notes, entry);
};
freeze(note);

interface MakeErrorOptions {
  errorName: unknown;
  cause: unknown;
  errors: unknown;
  sanitize: unknown;
  code: unknown;
}
const optionNames: readonly string[] = freeze(['errorName', 'cause', 'errors', 'sanitize', 'code']);

/** Own data properties only (no getter runs); unknown names and ill-typed values are refused. */
const readOptions = (api: string, options: unknown): MakeErrorOptions => {
  const resolved: MakeErrorOptions = { errorName: undefined, cause: undefined, errors: undefined, sanitize: undefined, code: undefined };
  if (options === undefined) return resolved;
  if (!isObject(options) || typeof options === 'function' || isProxy(options)) {
    throw badArgument(api, `options must be a plain object, got ${kindOf(options)}`);
  }
  const names = ownKeys(options);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    if (typeof name !== 'string' || !arrayIncludes(optionNames, name)) {
      throw badArgument(api, `unknown option ${bestEffortStringify(name)}; expected one of ${bestEffortStringify(optionNames)}`);
    }
    const desc = getOwnPropertyDescriptor(options, name)!;
    if (!objectHasOwn(desc, 'value')) throw badArgument(api, `option "${name}" must be a data property, not an accessor`);
    resolved[name as keyof MakeErrorOptions] = desc.value;
  }
  if (resolved.errorName !== undefined && typeof resolved.errorName !== 'string') {
    throw badArgument(api, `option "errorName" must be a string, got ${kindOf(resolved.errorName)}`);
  }
  if (resolved.sanitize !== undefined && typeof resolved.sanitize !== 'boolean') {
    throw badArgument(api, `option "sanitize" must be a boolean, got ${kindOf(resolved.sanitize)}`);
  }
  return resolved;
};

const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: false, configurable: true });

/** The own properties an error may keep: the rest are moved into a console note. */
const standardNames: readonly string[] = freeze(['name', 'message', 'errors', 'cause', 'stack', 'code']);

/**
 * As ses's sanitizeError: drops own properties a host may have added (a non-string `code`
 * included) into a console note, turns the engine's `stack` accessor into a data property, and
 * freezes the error. Unlike ses, an accessor on any other name is dropped, never called.
 */
const sanitizeError = (error: object): void => {
  const dropped = create(null) as PropertyDescriptorMap;
  let droppedCount = 0;
  const names = ownKeys(error);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    const desc = getOwnPropertyDescriptor(error, name);
    if (desc === undefined) continue;
    const isData = objectHasOwn(desc, 'value');
    let keep = typeof name === 'string' && arrayIncludes(standardNames, name);
    if (keep && name === 'code' && isData && desc.value !== undefined && typeof desc.value !== 'string') keep = false;
    if (keep && !isData) {
      if (name === 'stack' && FERAL_STACK_GETTER !== undefined && desc.get === FERAL_STACK_GETTER) {
        defineProperty(error, name, { value: apply(FERAL_STACK_GETTER, error, []) });
        continue;
      }
      keep = false;
    }
    if (keep) continue;
    desc.enumerable = true; // so that the note's q() lists it
    dropped[name as string] = desc;
    droppedCount += 1;
    reflectDeleteProperty(error, name);
  }
  if (droppedCount > 0) note(error as Error, redactedDetails`originally with properties ${quote(create(ObjectPrototypeForAssert, dropped))}`);
  freeze(error);
};

const assertFailed = redactedDetails`Assert failed`;

/** makeError for `api` (the name errors about bad arguments carry). */
export const makeErrorFor = (api: string, details: unknown, errConstructor: unknown, options: unknown): Error => {
  const { errorName, cause, errors, sanitize, code } = readOptions(api, options);
  const parts = detailsPartsOf(api, details ?? assertFailed);
  const Ctor = errConstructor ?? FERAL_ERROR;
  if (typeof Ctor !== 'function') throw badArgument(api, `the error constructor must be a function, got ${kindOf(Ctor)}`);
  const message = messageOf(parts);
  const causeOptions = cause ? { cause } : undefined; // as ses: a falsy cause is no cause
  let error: Error;
  if (Ctor === AggregateError) {
    error = construct(AggregateError, [errors || [], message, causeOptions]) as Error;
  } else {
    error = construct(Ctor, [message, causeOptions]) as Error;
    if (errors !== undefined) defineProperty(error, 'errors', hidden(errors)); // allowed on any error
  }
  if (code !== undefined) defineProperty(error, 'code', hidden(code));
  weakmapSet(hiddenMessages, error, consoleDetailsOf(parts));
  if (errorName !== undefined && weakmapGet(errorTags, error) === undefined) {
    errorTagNum += 1;
    weakmapSet(errorTags, error, `${errorName as string}#${errorTagNum}`);
  }
  if (sanitize !== false) sanitizeError(error);
  return error;
};

/**
 * `assert.makeError(details?, errConstructor?, options?)`. The default constructor is the realm's
 * original Error captured at load (ses reads the live `globalThis.Error`); after lockdown, code
 * that wants the start compartment's or a compartment's Error passes it explicitly.
 */
export const makeError = ((details?: Details, errConstructor?: unknown, options: unknown = undefined) =>
  makeErrorFor('assert.makeError()', details, errConstructor, options)) as AssertionUtilities['makeError'];
freeze(makeError);

/**
 * For the host's causal console only: the unredacted message, notes and tag of `error`, or
 * undefined when `assert` knows nothing about it. Never give this function to guest code.
 */
export const getErrorDetailsForConsole = (error: unknown): ErrorDetailsForConsole | undefined => {
  if (!isObject(error)) return undefined;
  const message = weakmapGet(hiddenMessages, error);
  const notes = weakmapGet(hiddenNotes, error);
  const tag = weakmapGet(errorTags, error);
  if (message === undefined && notes === undefined && tag === undefined) return undefined;
  return freeze({ message, notes: freeze(notes === undefined ? [] : arraySlice(notes)), tag });
};
freeze(getErrorDetailsForConsole);

/** Joins console details into one line, each value rendered by `renderValue` (strings as they are). */
export const renderConsoleDetails = (details: ConsoleDetails, renderValue: (value: unknown) => string): string => {
  const { literals, values } = details;
  let text = literals[0]!;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    text += `${typeof value === 'string' ? value : renderValue(value)}${literals[i + 1]!}`;
  }
  return text;
};
freeze(renderConsoleDetails);
