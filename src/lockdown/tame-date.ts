// Makes %InitialDate% (the host's Date) and %SharedDate% (compartments': cannot read the clock), two
// new constructors named Date sharing the original Date.prototype, and gives Date UTC semantics
// everywhere so that no result depends on the host's time zone: fields, parsing and formatting.
// Side effects (visible to the host too): replaces the local-time methods of the ORIGINAL
// Date.prototype with UTC ones and points its `constructor` at %SharedDate%. Run before freezing.
import { markOwn } from './own-functions.js';
import {
  Date as OriginalDate,
  construct,
  dateNow,
  dateTimeValueOf,
  dateUTC,
  defineProperties,
  defineProperty,
  isObject,
  keys,
  stringSlice,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { formatDateTime } from './date-format.js';
import { parseDate } from './date-parse.js';
import { makeUTCDateMethods, toNumber } from './date-utc-methods.js';

const clockDisabled = (api: string, how: string): Error =>
  makeTypeError(
    api,
    `${how}reads the clock, which a compartment may not do (a side channel and an ambient authority); endow a clock instead`,
    codes.DATE_NOW_DISABLED,
  );

/**
 * Steps 4-5 of `Date ( ...values )` (ECMA-262 §21.4.2.1) for one or more arguments: the time value
 * to store, with UTC replacing local time, before TimeClip (which the original constructor does).
 */
const timeValueOfArguments = (args: readonly unknown[]): number => {
  if (args.length === 1) {
    const value = args[0];
    if (isObject(value)) {
      // A Date argument is copied without ToPrimitive. getTime() is the brand check: it has no
      // other effect, and it throws (without touching proxies' traps) for anything but a Date.
      try {
        return dateTimeValueOf(value);
      } catch {
        // not a Date: fall through to ToPrimitive
      }
    }
    // ToPrimitive(value) with no hint, exactly once, then ToNumber unless it gave a String: the
    // `+` operator does precisely these steps, and its sum is a String only if the primitive was.
    const sum: unknown = (value as number) + 0;
    if (typeof sum === 'string') return parseDate(stringSlice(sum, 0, sum.length - 1));
    return sum as number;
  }
  // ToNumber on each given field, in order, then MakeDate as UTC instead of local time.
  const n = args.length;
  const year = toNumber(args[0]);
  const month = toNumber(args[1]);
  const day = n > 2 ? toNumber(args[2]) : 1;
  const hours = n > 3 ? toNumber(args[3]) : 0;
  const minutes = n > 4 ? toNumber(args[4]) : 0;
  const seconds = n > 5 ? toNumber(args[5]) : 0;
  const ms = n > 6 ? toNumber(args[6]) : 0;
  return dateUTC(year, month, day, hours, minutes, seconds, ms);
};

// Concise methods: named, not constructors, no `prototype` property, as built-in methods are.
const statics = {
  parse(string: unknown): number {
    return parseDate(`${string}`);
  },
  now(): number {
    throw clockDisabled('Date.now()', '');
  },
};

/** Replaces `obj[name]` for each own method of `methods`, keeping each property's attributes. */
const replaceMethods = (obj: object, methods: object): void => {
  const names = keys(methods);
  for (let i = 0; i < names.length; i += 1) {
    defineProperty(obj, names[i]!, { value: markOwn((methods as Record<string, unknown>)[names[i]!]) });
  }
};

/** Builds both Date constructors and tames the shared Date.prototype. See the module header. */
export const tameDate = (): { '%InitialDate%': DateConstructor; '%SharedDate%': DateConstructor } => {
  const DatePrototype = OriginalDate.prototype;

  const makeDateConstructor = (canReadClock: boolean): DateConstructor => {
    // A plain function, not a class: callable and constructible, named "Date". construct() with
    // new.target makes real Date objects (internal slot, subclass prototypes).
    const TamedDate = function Date(...args: unknown[]): unknown {
      if (new.target === undefined) {
        // §21.4.2.1 step 1: called as a function, the current time as toString() text; the
        // arguments are ignored.
        if (!canReadClock) throw clockDisabled('Date()', 'called as a function, Date ');
        return formatDateTime(construct(OriginalDate, [dateNow()]));
      }
      if (args.length === 0) {
        if (!canReadClock) throw clockDisabled('new Date()', 'with no arguments, Date ');
        return construct(OriginalDate, [], new.target);
      }
      return construct(OriginalDate, [timeValueOfArguments(args)], new.target);
    };
    const method = { writable: true, enumerable: false, configurable: true };
    defineProperties(TamedDate, {
      length: { value: 7 },
      prototype: { value: DatePrototype, writable: false, enumerable: false, configurable: false },
      now: { ...method, value: canReadClock ? dateNow : statics.now },
      parse: { ...method, value: statics.parse },
      UTC: { ...method, value: dateUTC },
    });
    markOwn(TamedDate, statics.now, statics.parse);
    return TamedDate as unknown as DateConstructor;
  };
  const InitialDate = makeDateConstructor(true);
  const SharedDate = makeDateConstructor(false);

  replaceMethods(DatePrototype, makeUTCDateMethods());
  defineProperty(DatePrototype, 'constructor', { value: SharedDate });

  return { '%InitialDate%': InitialDate, '%SharedDate%': SharedDate };
};
