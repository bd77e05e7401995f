// Formats Dates the way ECMA-262 §21.4.4.41 (ToDateString and friends) says, but always for UTC and
// with a fixed English zone name, so the text never depends on the host's time zone or locale (V8's
// own parenthetical is an ICU-localized zone name that follows LANG). Used by tame-date.ts and
// tame-locale-methods.ts. Uses only UTC accessors captured in commons; no side effects.
import {
  dateGetUTCDate,
  dateGetUTCDay,
  dateGetUTCFullYear,
  dateGetUTCHours,
  dateGetUTCMinutes,
  dateGetUTCMonth,
  dateGetUTCSeconds,
  dateTimeValueOf,
  freeze,
  mathAbs,
  stringPadStart,
} from '../commons.js';

/**
 * What follows the time in `toString()`/`toTimeString()`: the spec's TimeZoneString for a zero
 * offset, plus the optional parenthetical name. We always print the English name V8 prints for UTC
 * under an English locale, so the common case reads exactly like an unmodified V8 in TZ=UTC.
 */
export const UTC_ZONE_TEXT = '+0000 (Coordinated Universal Time)';

const weekdayNames: readonly string[] = freeze(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
const monthNames: readonly string[] = freeze([
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]);

const pad2 = (n: number): string => stringPadStart(`${n}`, 2, '0');

/** DateString(tv) of §21.4.4.41.2 for a valid Date, in UTC: `Tue Jan 02 2024`, `Sat Jan 01 -0001`. */
const datePart = (date: unknown): string => {
  const year = dateGetUTCFullYear(date);
  // The spec's yearSign + ToZeroPaddedDecimalString(abs(yv), 4): at least 4 digits, '-' if negative.
  const yearText = `${year < 0 ? '-' : ''}${stringPadStart(`${mathAbs(year)}`, 4, '0')}`;
  return `${weekdayNames[dateGetUTCDay(date)]} ${monthNames[dateGetUTCMonth(date)]} ${pad2(dateGetUTCDate(date))} ${yearText}`;
};

/** TimeString(tv) + TimeZoneString(tv) of §21.4.4.41.1/.3, in UTC: `03:04:05 GMT+0000 (...)`. */
const timePart = (date: unknown): string =>
  `${pad2(dateGetUTCHours(date))}:${pad2(dateGetUTCMinutes(date))}:${pad2(dateGetUTCSeconds(date))} GMT${UTC_ZONE_TEXT}`;

// Each formatter starts with thisTimeValue(date): a TypeError (the engine's own) for non-Dates, as
// the methods they implement require, then 'Invalid Date' for a NaN time value.

/** `Date.prototype.toString` in UTC: `Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)`. */
export const formatDateTime = (date: unknown): string => {
  const tv = dateTimeValueOf(date);
  return tv !== tv ? 'Invalid Date' : `${datePart(date)} ${timePart(date)}`;
};

/** `Date.prototype.toDateString` in UTC: `Tue Jan 02 2024`. */
export const formatDateOnly = (date: unknown): string => {
  const tv = dateTimeValueOf(date);
  return tv !== tv ? 'Invalid Date' : datePart(date);
};

/** `Date.prototype.toTimeString` in UTC: `03:04:05 GMT+0000 (Coordinated Universal Time)`. */
export const formatTimeOnly = (date: unknown): string => {
  const tv = dateTimeValueOf(date);
  return tv !== tv ? 'Invalid Date' : timePart(date);
};

/**
 * Date.prototype.toLocaleString/toLocaleDateString/toLocaleTimeString with neither locale nor
 * zone: the same text as toString()/toDateString()/toTimeString(). Concise methods, so each has the
 * original's `name`, `length` 0 and no [[Construct]]. Their arguments (locales, options) are ignored.
 */
export const dateLocaleFreeMethods = freeze({
  toLocaleString(this: unknown): string {
    return formatDateTime(this);
  },
  toLocaleDateString(this: unknown): string {
    return formatDateOnly(this);
  },
  toLocaleTimeString(this: unknown): string {
    return formatTimeOnly(this);
  },
});
