// Calendar helpers shared by date-parse.ts and date-parse-legacy.ts: parsed fields (read as UTC,
// minus an explicit offset) to a clipped time value, with range checks; month and weekday names.
// Pure; uses only intrinsics captured in commons.
import { dateUTC, freeze, mathAbs, mathFloor, stringSlice, stringStartsWith } from '../commons.js';

const MS_PER_MINUTE = 60000;
const MS_PER_DAY = 86400000;
/** The Gregorian calendar repeats exactly every 400 years, which have this many days. */
const DAYS_PER_400_YEARS = 146097;
/** TimeClip's bound (§21.4.1.31): 10^8 days either side of the epoch. */
const MAX_TIME = 8.64e15;

/**
 * The time value of calendar fields read as UTC (month 1-12; a day past the month's end rolls
 * over, as in MakeDay), minus `offsetMinutes`, then clipped as TimeClip does: NaN out of range.
 */
export const timeFromFields = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): number => {
  // Date.UTC reads years 0-99 as 1900-1999 and clips before we could apply the offset, so shift
  // the year by whole 400-year cycles into [2000, 2400), where neither happens, and shift back.
  const cycles = mathFloor((year - 2000) / 400);
  const t =
    dateUTC(year - cycles * 400, month - 1, day, hour, minute, second, ms) +
    cycles * DAYS_PER_400_YEARS * MS_PER_DAY -
    offsetMinutes * MS_PER_MINUTE;
  return t === t && mathAbs(t) <= MAX_TIME ? t + 0 : NaN;
};

export const monthNames: readonly string[] = freeze([
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]); // prettier-ignore
export const weekdayNames: readonly string[] = freeze([
  'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
]); // prettier-ignore

/** Index of the name that `word` (lowercase) abbreviates with at least 3 of its letters, or -1. */
export const nameIndex = (names: readonly string[], word: string): number => {
  if (word.length < 3) return -1;
  for (let i = 0; i < names.length; i += 1) {
    if (stringStartsWith(names[i]!, word)) return i;
  }
  return -1;
};

/** Milliseconds of a decimal fraction's digits: '5' → 500, '123456' → 123 (truncated). */
const fractionToMs = (digits: string): number => +stringSlice(`${digits}00`, 0, 3);

/** Fields and offset to time value, or NaN if any field is out of its range. */
export const checkedTime = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string,
  offsetMinutes: number,
): number => {
  const ms = fractionToMs(fraction);
  const inRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    minute <= 59 &&
    second <= 59 &&
    // 24:00 is the end of the day, allowed only with zero minutes, seconds and fraction.
    (hour < 24 || (hour === 24 && minute === 0 && second === 0 && +fraction === 0));
  return inRange ? timeFromFields(year, month, day, hour, minute, second, ms, offsetMinutes) : NaN;
};
