// The types of the ses-compatible `assert` API (same names and shapes as ses 2.3's types.d.ts,
// somewhat wider where that costs nothing: `cause` and `errors` accept any value).
// Types only: no runtime code.

/** Anything with a `toString()`: what `quote` and `bare` return. */
export interface Stringable {
  toString(): string;
}

/**
 * The opaque result of the `details` template tag (`X`): a frozen object with no own properties,
 * recognized by identity only, so it cannot be forged from `{ template, args }`.
 */
export type DetailsToken = Record<PropertyKey, never>;

/** What the assertion functions accept as details: a plain string or a {@link DetailsToken}. */
export type Details = string | DetailsToken;

/** Any Error constructor, including AggregateError (whose call signature differs). */
export type GenericErrorConstructor = ErrorConstructor | AggregateErrorConstructor;

export interface AssertMakeErrorOptions {
  /** The name the causal console shows for this error (as `<errorName>#<n>`); `error.name` is unchanged. */
  errorName?: string;
  /** Becomes the error's own `cause` data property, when truthy. */
  cause?: unknown;
  /** Becomes the error's own `errors` data property (the `errors` argument of AggregateError). */
  errors?: readonly unknown[];
  /** Default true: drop extraneous own properties (kept as a console note) and freeze the error. */
  sanitize?: boolean;
  /** Becomes the error's own `code` data property (dropped by sanitizing unless a string). */
  code?: string;
}

/** Called with the error before an assertion failure is thrown; may end the larger computation. */
export type Raise = (reason: Error) => void;

/** Makes an `assert` that calls `raise` before throwing and, if `unredacted`, redacts nothing. */
export type MakeAssert = (raise?: Raise, unredacted?: boolean) => Assert;

export type BaseAssert = (
  condition: unknown,
  details?: Details,
  errConstructor?: GenericErrorConstructor,
  options?: AssertMakeErrorOptions,
) => asserts condition;

export type AssertTypeof = {
  (specimen: unknown, typename: 'bigint', details?: Details): asserts specimen is bigint;
  (specimen: unknown, typename: 'boolean', details?: Details): asserts specimen is boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what `typeof` tells
  (specimen: unknown, typename: 'function', details?: Details): asserts specimen is Function;
  (specimen: unknown, typename: 'number', details?: Details): asserts specimen is number;
  (specimen: unknown, typename: 'object', details?: Details): asserts specimen is Record<PropertyKey, unknown> | null;
  (specimen: unknown, typename: 'string', details?: Details): asserts specimen is string;
  (specimen: unknown, typename: 'symbol', details?: Details): asserts specimen is symbol;
  (specimen: unknown, typename: 'undefined', details?: Details): asserts specimen is undefined;
};

export interface AssertionFunctions extends BaseAssert {
  /** Asserts `typeof specimen === typename`; a TypeError otherwise. */
  typeof: AssertTypeof;
  /** Asserts `Object.is(actual, expected)`; a RangeError (by default) otherwise. */
  equal<T>(
    actual: unknown,
    expected: T,
    details?: Details,
    errConstructor?: GenericErrorConstructor,
    options?: AssertMakeErrorOptions,
  ): asserts actual is T;
  /** `assert.typeof(specimen, 'string', details)`. */
  string(specimen: unknown, details?: Details): asserts specimen is string;
  /** Throws the error `makeError(details, errConstructor, options)` makes ("Check failed" by default). */
  fail(details?: Details, errConstructor?: GenericErrorConstructor, options?: AssertMakeErrorOptions): never;
}

export interface AssertionUtilities {
  /** An error whose message redacts unquoted substitution values; the console sees them all. */
  makeError<T extends GenericErrorConstructor>(
    details: Details | undefined,
    errConstructor: T,
    options?: AssertMakeErrorOptions,
  ): InstanceType<T>;
  makeError(details?: Details, errConstructor?: GenericErrorConstructor, options?: AssertMakeErrorOptions): Error;
  /** Adds `details` to what the causal console prints about `error`. */
  note(error: Error, details: Details): void;
  /** The template tag (`X`) making a {@link DetailsToken}; the template's `raw` is ignored. */
  details(template: TemplateStringsArray | readonly string[], ...args: unknown[]): DetailsToken;
  /** The template tag that throws `fail(details(template, ...args))`. */
  Fail(template: TemplateStringsArray | readonly string[], ...args: unknown[]): never;
  /** Declassifies `value` (`q`): shown in messages, rendered by a safe best-effort stringify. */
  quote(value: unknown, spaces?: string | number): Stringable;
  /** Declassifies `text` (`b`), shown without quotes if it is word-like, else as `quote(text)`. */
  bare(text: unknown, spaces?: string | number): Stringable;
}

export interface DeprecatedAssertionUtilities {
  makeAssert: MakeAssert;
  /** Deprecated alias of `makeError`. */
  error: AssertionUtilities['makeError'];
}

/** The `assert` function object: `assert(condition, details?)` plus the functions above. */
export type Assert = AssertionFunctions & AssertionUtilities & DeprecatedAssertionUtilities;
