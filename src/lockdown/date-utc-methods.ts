// The replacements tame-date.ts installs on Date.prototype: every local-time method as its UTC
// counterpart (getters, setters in the spec's coercion order, toString and friends formatted by
// date-format.ts, toLocale* defaulting to timeZone 'UTC'). Assumes the captures in commons are the
// original UTC methods. No side effects until makeUTCDateMethods() is called (it sets `length`s).
import {
  Date as OriginalDate,
  Object,
  apply,
  arrayPush,
  construct,
  create,
  dateGetUTCDate,
  dateGetUTCDay,
  dateGetUTCFullYear,
  dateGetUTCHours,
  dateGetUTCMilliseconds,
  dateGetUTCMinutes,
  dateGetUTCMonth,
  dateGetUTCSeconds,
  dateLocaleMethods,
  dateSetTime,
  dateTimeValueOf,
  dateUTCSetters,
  defineProperty,
  keys,
  mathTrunc,
  reflectGet,
} from '../commons.js';
import { dateLocaleFreeMethods, formatDateOnly, formatDateTime, formatTimeOnly } from './date-format.js';

/** ToNumber: unary plus is exactly it (and throws for BigInt and Symbol, as the spec requires). */
export const toNumber = (x: unknown): number => +(x as number);

/** Local-time getters of Date.prototype, as their UTC counterparts (Annex B getYear included). */
const getters = {
  getFullYear(): number {
    return dateGetUTCFullYear(this);
  },
  getMonth(): number {
    return dateGetUTCMonth(this);
  },
  getDate(): number {
    return dateGetUTCDate(this);
  },
  getDay(): number {
    return dateGetUTCDay(this);
  },
  getHours(): number {
    return dateGetUTCHours(this);
  },
  getMinutes(): number {
    return dateGetUTCMinutes(this);
  },
  getSeconds(): number {
    return dateGetUTCSeconds(this);
  },
  getMilliseconds(): number {
    return dateGetUTCMilliseconds(this);
  },
  getYear(): number {
    return dateGetUTCFullYear(this) - 1900; // NaN stays NaN
  },
  getTimezoneOffset(): number {
    const t = dateTimeValueOf(this);
    return t !== t ? NaN : 0;
  },
};

/** The spec's `length` of each local-time setter: how many of its arguments it may coerce. */
const setterArity = { FullYear: 3, Month: 2, Date: 1, Hours: 4, Minutes: 3, Seconds: 2, Milliseconds: 1 } as const;

/**
 * `Date.prototype.set<Field>` with UTC for LocalTime, in the spec's order (§21.4.4.20-27): brand
 * check and read t; ToNumber on the first argument and on each later one that is present, up to the
 * arity; if t is NaN, return NaN (setFullYear uses +0 instead); then compute and TimeClip. The
 * arithmetic is the UTC setter's, applied to a scratch Date holding t, so presence is forwarded
 * exactly. We coerce ourselves because V8 (Node 20) stops coercing once it sees an invalid date.
 */
const setAsUTC = (date: unknown, field: keyof typeof setterArity, args: readonly unknown[]): number => {
  const t = dateTimeValueOf(date); // before any coercion, which may run user code that changes it
  const numbers: number[] = [toNumber(args[0])];
  for (let i = 1; i < args.length && i < setterArity[field]; i += 1) arrayPush(numbers, toNumber(args[i]));
  if (t !== t && field !== 'FullYear') return NaN;
  const scratch: unknown = construct(OriginalDate, [t !== t ? 0 : t]);
  return dateSetTime(date, apply(dateUTCSetters[field], scratch, numbers) as number);
};

/** Local-time setters, as UTC ones. Rest parameters give `length` 0; `setterLengths` fixes it. */
const setters = {
  setMilliseconds(...args: unknown[]): number {
    return setAsUTC(this, 'Milliseconds', args);
  },
  setSeconds(...args: unknown[]): number {
    return setAsUTC(this, 'Seconds', args);
  },
  setMinutes(...args: unknown[]): number {
    return setAsUTC(this, 'Minutes', args);
  },
  setHours(...args: unknown[]): number {
    return setAsUTC(this, 'Hours', args);
  },
  setDate(...args: unknown[]): number {
    return setAsUTC(this, 'Date', args);
  },
  setMonth(...args: unknown[]): number {
    return setAsUTC(this, 'Month', args);
  },
  setFullYear(...args: unknown[]): number {
    return setAsUTC(this, 'FullYear', args);
  },
  /** Annex B.2.3.2, with UTC for LocalTime; its year mapping has no UTC counterpart to reuse. */
  setYear(year: unknown): number {
    const t = dateTimeValueOf(this); // read before ToNumber(year), which may run user code
    const y = toNumber(year);
    if (y !== y) return dateSetTime(this, NaN);
    const truncated = mathTrunc(y);
    const fullYear = truncated >= 0 && truncated <= 99 ? 1900 + truncated : y; // MakeFullYear
    // MakeDay(fullYear, MonthFromTime(t), DateFromTime(t)) + TimeWithinDay(t), t = +0 if NaN, then
    // TimeClip: exactly what setUTCFullYear(fullYear) does to a Date holding that t.
    const scratch: unknown = construct(OriginalDate, [t !== t ? 0 : t]);
    return dateSetTime(this, apply(dateUTCSetters.FullYear, scratch, [fullYear]) as number);
  },
};
const setterLengths: Readonly<Record<keyof typeof setters, number>> = {
  setMilliseconds: 1,
  setSeconds: 2,
  setMinutes: 3,
  setHours: 4,
  setDate: 1,
  setMonth: 2,
  setFullYear: 3,
  setYear: 1,
};

/** toString and friends, in UTC, formatted by our own code (see date-format.ts). */
const formatters = {
  toString(): string {
    return formatDateTime(this);
  },
  toDateString(): string {
    return formatDateOnly(this);
  },
  toTimeString(): string {
    return formatTimeOnly(this);
  },
};

/**
 * ECMA-402's options argument with `timeZone` defaulting to 'UTC' instead of the host's zone. The
 * caller's own `timeZone`, if any, is read once, when Intl reads it; other options are inherited.
 */
const withUTCDefault = (options: unknown): unknown => {
  if (options === null) return options; // Intl's ToObject(null) throws its own TypeError
  const source: object = options === undefined ? create(null) : Object(options);
  return create(source, {
    timeZone: {
      get: () => {
        const zone: unknown = reflectGet(source, 'timeZone');
        return zone === undefined ? 'UTC' : zone;
      },
      enumerable: true,
    },
  });
};

/**
 * The toLocale* methods, still localized (that is localeTaming's job, see tame-locale-methods.ts)
 * but in UTC unless the caller names a zone. Without Intl they would format in local time, so then
 * they fall back to our UTC toString formats.
 */
const makeLocaleMethods = (): object => {
  const original = dateLocaleMethods;
  const probe = (timeZone: string): unknown =>
    apply(original.toLocaleString, construct(OriginalDate, [0]), ['en-US', { timeZone, hour: 'numeric' }]);
  // Whether Intl honours `timeZone` is probed on first use, not at lockdown: the probe loads ICU
  // (about 10 ms), and with localeTaming 'safe' (the default) these methods are replaced anyway.
  // The answer depends only on the engine, so the memo is no channel between callers.
  let honorsTimeZone: boolean | undefined;
  const usesIntl = (): boolean => {
    if (honorsTimeZone === undefined) {
      try {
        honorsTimeZone = probe('UTC') !== probe('Etc/GMT-14');
      } catch {
        honorsTimeZone = false; // no usable Intl: use our formats
      }
    }
    return honorsTimeZone;
  };
  const inUTC = (
    method: (...args: unknown[]) => unknown,
    fallback: (this: unknown) => string,
    self: unknown,
    args: readonly unknown[],
  ): string => (usesIntl() ? (apply(method, self, [args[0], withUTCDefault(args[1])]) as string) : apply(fallback, self, []));
  const free = dateLocaleFreeMethods as Record<'toLocaleString' | 'toLocaleDateString' | 'toLocaleTimeString', (this: unknown) => string>;
  const methods = {
    toLocaleString(...args: unknown[]): string {
      return inUTC(original.toLocaleString, free.toLocaleString, this, args);
    },
    toLocaleDateString(...args: unknown[]): string {
      return inUTC(original.toLocaleDateString, free.toLocaleDateString, this, args);
    },
    toLocaleTimeString(...args: unknown[]): string {
      return inUTC(original.toLocaleTimeString, free.toLocaleTimeString, this, args);
    },
  };
  return methods;
};

/**
 * All replacement methods for Date.prototype, by name. Concise methods throughout: each has the
 * original's `name`, no [[Construct]] and no `prototype`; `length` is set here where rest
 * parameters would otherwise make it 0.
 */
export const makeUTCDateMethods = (): Readonly<Record<string, unknown>> => {
  const setterNames = keys(setterLengths) as (keyof typeof setters)[];
  for (let i = 0; i < setterNames.length; i += 1) {
    defineProperty(setters[setterNames[i]!], 'length', { value: setterLengths[setterNames[i]!] });
  }
  return { ...getters, ...setters, ...formatters, ...makeLocaleMethods() };
};
