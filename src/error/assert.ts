// The ses-compatible `assert` function object (`makeAssert`) and the module's default, redacting
// `assert`. Every function is frozen; properties are defined, never assigned, so a setter planted
// on Function.prototype cannot intercept them. No side effects (installing a global `assert` is
// the shim's job).
import {
  RangeError,
  TypeError,
  defineProperties,
  freeze,
  is,
  kindOf,
  apply,
  arrayConcat,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { bare, quote, redactedDetails, unredactedDetails } from './details.js';
import { makeError, makeErrorFor, note } from './make-error.js';
import { an } from './stringify.js';
import type { Assert, AssertionUtilities, Details, MakeAssert, Raise } from './types.js';

const readonlyMethod = (value: unknown): PropertyDescriptor => ({ value, writable: false, enumerable: true, configurable: false });

/**
 * `makeAssert(raise?, unredacted?)`: an `assert` sharing this module's hidden state. `raise`, if
 * given, is called with each failure's error before it is thrown; `unredacted` shows every
 * substitution value in messages (ses uses it before lockdown, and under errorTaming 'unsafe').
 */
export const makeAssert: MakeAssert = (raise: Raise | undefined = undefined, unredacted = false): Assert => {
  if (raise !== undefined && typeof raise !== 'function') {
    throw makeTypeError('assert.makeAssert()', `raise must be a function, got ${kindOf(raise)}`, codes.BAD_ASSERT_ARGUMENT);
  }
  const details = unredacted ? unredactedDetails : redactedDetails;
  const checkFailed = details`Check failed`;

  const failFor = (api: string, optDetails: unknown, errConstructor: unknown, options: unknown): never => {
    const reason = makeErrorFor(api, optDetails, errConstructor, options);
    if (raise !== undefined) raise(reason);
    throw reason;
  };
  const fail = (optDetails: Details = checkFailed, errConstructor: unknown = undefined, options: unknown = undefined): never =>
    failFor('assert.fail()', optDetails, errConstructor, options);

  const Fail = (template: TemplateStringsArray | readonly string[], ...args: unknown[]): never =>
    failFor('assert.Fail', apply(details, undefined, arrayConcat([template], args)), undefined, undefined);

  const assert = (condition: unknown, optDetails: unknown = undefined, errConstructor: unknown = undefined, options: unknown = undefined): void => {
    if (!condition) failFor('assert()', optDetails === undefined ? checkFailed : optDetails, errConstructor, options);
  };

  const equal = (actual: unknown, expected: unknown, optDetails: unknown = undefined, errConstructor: unknown = undefined, options: unknown = undefined): void => {
    if (is(actual, expected)) return;
    // As ses: any falsy details or constructor means the default.
    const shown = optDetails || details`Expected ${actual} is same as ${expected}`;
    failFor('assert.equal()', shown, errConstructor || RangeError, options);
  };

  const assertTypeof = (specimen: unknown, typename: unknown, optDetails?: unknown): void => {
    if (typeof specimen === typename) return; // a non-string typename falls through, as intended
    if (typeof typename !== 'string') throw Fail`${quote(typename)} must be a string`;
    const shown = optDetails !== undefined ? optDetails : details`${specimen} must be ${bare(an(typename as string))}`;
    failFor('assert.typeof()', shown, TypeError, undefined);
  };

  const assertString = (specimen: unknown, optDetails: unknown = undefined): void => assertTypeof(specimen, 'string', optDetails);

  const functions = [fail, Fail, equal, assertTypeof, assertString];
  for (let i = 0; i < functions.length; i += 1) freeze(functions[i]);
  // The order of ses's keys: assertion functions, utilities, then the deprecated ones.
  defineProperties(assert, {
    equal: readonlyMethod(equal),
    typeof: readonlyMethod(assertTypeof),
    string: readonlyMethod(assertString),
    fail: readonlyMethod(fail),
    makeError: readonlyMethod(makeError),
    note: readonlyMethod(note),
    details: readonlyMethod(details),
    Fail: readonlyMethod(Fail),
    quote: readonlyMethod(quote),
    bare: readonlyMethod(bare),
    error: readonlyMethod(makeError),
    makeAssert: readonlyMethod(makeAssert),
  });
  return freeze(assert) as unknown as Assert;
};
freeze(makeAssert);

/** The module's own `assert`: redacting, with no `raise`. */
export const assert: Assert = makeAssert();

/** `assert.Fail` of the redacting {@link assert} (`@endo/errors` exports it under this name). */
export const Fail: AssertionUtilities['Fail'] = assert.Fail;
export { makeError, note, note as annotateError, quote, quote as q, bare, bare as b, redactedDetails as X, redactedDetails as details };
