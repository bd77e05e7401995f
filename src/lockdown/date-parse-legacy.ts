// The "implementation-specific" part of our Date.parse (§21.4.3.2 lets engines accept more than the
// ECMAScript format): a small grammar for the everyday strings V8 accepts, such as "Jan 2 2024",
// "2 January 2024 10:00 PM", "1/2/2024 10:00 EST" or "2024-01-02 03:04:05". Our own rules, not V8's
// parser: without an explicit zone the fields are read as UTC, never as host local time.
// Pure; uses only intrinsics captured in commons.
import { arrayPush, stringCharCodeAt, stringSlice, stringToLowerCase } from '../commons.js';
import { checkedTime, monthNames, nameIndex, weekdayNames } from './date-fields.js';

type Token = { readonly kind: 'number' | 'word' | 'punct'; readonly text: string };

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
// ASCII whitespace (tab, LF, VT, FF, CR, space) and no-break space.
const isSpace = (c: number): boolean => (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0;
const isPunct = (c: number): boolean =>
  c === 0x2b || c === 0x2d || c === 0x3a || c === 0x2f || c === 0x2e || c === 0x2c; // + - : / . ,

/**
 * Splits `s` into runs of digits, runs of ASCII letters (lowercased) and single punctuation
 * marks, dropping whitespace and parenthesized comments (which may nest). Undefined for any other
 * character or an unclosed comment.
 */
const tokenize = (s: string): Token[] | undefined => {
  const tokens: Token[] = [];
  const end = s.length;
  let i = 0;
  while (i < end) {
    const c = stringCharCodeAt(s, i);
    const start = i;
    if (isSpace(c)) {
      i += 1;
    } else if (c === 0x28) {
      let depth = 0;
      do {
        const d = stringCharCodeAt(s, i);
        if (d === 0x28) depth += 1;
        else if (d === 0x29) depth -= 1;
        i += 1;
      } while (depth > 0 && i < end);
      if (depth > 0) return undefined;
    } else if (isDigit(c) || isLetter(c)) {
      const same = isDigit(c) ? isDigit : isLetter;
      while (i < end && same(stringCharCodeAt(s, i))) i += 1;
      const text = stringSlice(s, start, i);
      arrayPush(tokens, isDigit(c) ? { kind: 'number', text } : { kind: 'word', text: stringToLowerCase(text) });
    } else if (isPunct(c)) {
      i += 1;
      arrayPush(tokens, { kind: 'punct', text: stringSlice(s, start, i) });
    } else {
      return undefined;
    }
  }
  return tokens;
};

/** Zone names and their offsets in minutes east of UTC: UTC itself and the US zones RFC 2822 names. */
const zoneOffsets: Readonly<Record<string, number | undefined>> = {
  __proto__: null,
  z: 0, ut: 0, utc: 0, gmt: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
} as unknown as Record<string, number | undefined>; // prettier-ignore

/** A year written with at most 2 digits means 2000-2049 (00-49) or 1950-1999 (50-99). */
const fullYear = (text: string): number => {
  const y = +text;
  if (text.length > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
};
/** Year used when a string names no year, as V8 does ("Jan 2" is 2001-01-02). */
const DEFAULT_YEAR = '2001';

/**
 * The legacy grammar. Tokens, in any order:
 * - a time `h:mm`, `h:mm:ss` or `h:mm:ss.fff` (at most one), optionally followed by `am`/`pm`;
 * - up to 3 date numbers separated by spaces, `/`, `-`, `.` or `,`;
 * - a month name (its first 3 or more letters); weekday names (likewise), ignored;
 * - a zone: `Z`, `UT`, `UTC`, `GMT` (optionally followed by an offset), or EST/EDT/CST/CDT/MST/MDT/
 *   PST/PDT; an offset `±hh`, `±hhmm` or `±hh:mm` (a `-` counts as an offset only right after the
 *   time or a zone name, else it separates date numbers);
 * - the letter `T` (ISO-style separator); other words only before the first date field.
 * Date numbers: with a month name, `D Y` or `Y D` (a number with 3+ digits or above 31 is the
 * year); without one, `Y M D` when the first is such a year, else `M D Y` (US order). Without a
 * zone the fields are UTC. NaN for anything else.
 */
export const parseLegacy = (s: string): number => {
  const tokens = tokenize(s);
  if (tokens === undefined) return NaN;
  const count = tokens.length;
  const at = (k: number, kind: Token['kind'], text?: string): boolean =>
    k < count && tokens[k]!.kind === kind && (text === undefined || tokens[k]!.text === text);

  const dateNumbers: string[] = [];
  let namedMonth = 0; // 1-12 once a month name is seen
  let hour: number | undefined;
  let minute = 0;
  let second = 0;
  let fraction = '';
  let meridiem = '';
  let offset: number | undefined; // minutes east of UTC
  let offsetMayFollow = false; // just after the time or a zone name: `-0500` is an offset here
  let utcKeyword = false; // the zone so far is GMT/UTC/UT, which an offset may refine
  let sawField = false;

  for (let i = 0; i < count; i += 1) {
    const { kind, text } = tokens[i]!;
    let afterTimeOrZone = false;
    if (kind === 'number' && at(i + 1, 'punct', ':')) {
      if (hour !== undefined || !at(i + 2, 'number')) return NaN;
      hour = +text;
      minute = +tokens[i + 2]!.text;
      i += 2;
      if (at(i + 1, 'punct', ':')) {
        if (!at(i + 2, 'number')) return NaN;
        second = +tokens[i + 2]!.text;
        i += 2;
        if (at(i + 1, 'punct', '.')) {
          if (!at(i + 2, 'number')) return NaN;
          fraction = tokens[i + 2]!.text;
          i += 2;
        }
      }
      sawField = true;
      afterTimeOrZone = true;
    } else if (kind === 'number') {
      if (dateNumbers.length === 3) return NaN;
      arrayPush(dateNumbers, text);
      sawField = true;
    } else if (kind === 'word') {
      const zone = zoneOffsets[text];
      const monthIndex = nameIndex(monthNames, text);
      if (monthIndex >= 0) {
        if (namedMonth !== 0) return NaN;
        namedMonth = monthIndex + 1;
        sawField = true;
      } else if (text === 'am' || text === 'pm') {
        if (hour === undefined || meridiem !== '') return NaN;
        meridiem = text;
        afterTimeOrZone = true;
      } else if (zone !== undefined) {
        if (offset !== undefined) return NaN;
        offset = zone;
        utcKeyword = zone === 0 && text !== 'z';
        afterTimeOrZone = true;
      } else if (nameIndex(weekdayNames, text) < 0 && text !== 't' && sawField) {
        return NaN; // unknown words are skipped only before the first date or time field
      }
    } else if ((text === '+' || (text === '-' && offsetMayFollow)) && at(i + 1, 'number')) {
      if (offset !== undefined && !utcKeyword) return NaN;
      const digits = tokens[i + 1]!.text;
      let hours: number;
      let minutes = 0;
      i += 1;
      if (digits.length === 4) {
        hours = +stringSlice(digits, 0, 2);
        minutes = +stringSlice(digits, 2);
      } else if (digits.length <= 2) {
        hours = +digits;
        if (at(i + 1, 'punct', ':')) {
          if (!at(i + 2, 'number') || tokens[i + 2]!.text.length !== 2) return NaN;
          minutes = +tokens[i + 2]!.text;
          i += 2;
        }
      } else {
        return NaN;
      }
      if (hours > 23 || minutes > 59) return NaN;
      offset = (offset ?? 0) + (text === '-' ? -1 : 1) * (hours * 60 + minutes);
      utcKeyword = false;
    } else if (text === ':' || text === '+') {
      return NaN;
    }
    // Any other '-', '/', '.' or ',' just separates fields.
    offsetMayFollow = afterTimeOrZone;
  }

  // Assign the date numbers to year, month and day.
  const n = dateNumbers.length;
  const yearLike = (k: number): boolean => dateNumbers[k]!.length > 2 || +dateNumbers[k]! > 31;
  let yearText = DEFAULT_YEAR;
  let month = namedMonth;
  let day = 1;
  if (namedMonth !== 0) {
    if (n === 0 || n === 3) return NaN;
    if (n === 1 && yearLike(0)) yearText = dateNumbers[0]!;
    else if (n === 1) day = +dateNumbers[0]!;
    else {
      const y = yearLike(0) ? 0 : 1;
      yearText = dateNumbers[y]!;
      day = +dateNumbers[1 - y]!;
    }
  } else if (n === 0) {
    return NaN;
  } else if (yearLike(0)) {
    yearText = dateNumbers[0]!;
    month = n > 1 ? +dateNumbers[1]! : 1;
    day = n > 2 ? +dateNumbers[2]! : 1;
  } else {
    month = +dateNumbers[0]!;
    day = n > 1 ? +dateNumbers[1]! : 1;
    if (n > 2) yearText = dateNumbers[2]!;
  }

  let h = hour ?? 0;
  if (meridiem !== '') {
    if (h > 12) return NaN;
    h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return checkedTime(fullYear(yearText), month, day, h, minute, second, fraction, offset ?? 0);
};
