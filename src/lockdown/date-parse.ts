// Date.parse for the tamed Date constructors: our own parser, so that a string without an explicit
// UTC offset always means UTC and no result depends on the host's time zone, locale or engine
// version. Accepts, in this order: the ECMAScript Date Time String Format (§21.4.1.32), the
// toString() and toUTCString() formats (which must round-trip), and the small legacy grammar
// documented at `parseLegacy`; anything else is NaN. Pure; uses only intrinsics from commons.
import { regexpExec, stringToLowerCase } from '../commons.js';
import { checkedTime, monthNames, nameIndex } from './date-fields.js';
import { parseLegacy } from './date-parse-legacy.js';

// §21.4.1.32: YYYY | ±YYYYYY, then -MM, -DD, THH:mm, :ss, .sss, Z | ±HH:mm. Like V8 we also accept
// lowercase 't'/'z' and 1 or more fraction digits. Groups: 1 year, 2 month, 3 day, 4 hour,
// 5 minute, 6 second, 7 fraction, 8 'Z', 9 offset sign, 10 offset hours, 11 offset minutes.
const isoPattern =
  /^([+-]\d{6}|\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?)?$/;

/** The ECMAScript format, or undefined if `s` is not in it. No offset means UTC, for every form. */
const parseIso = (s: string): number | undefined => {
  const m = regexpExec(isoPattern, s);
  if (m === null) return undefined;
  if (m[1] === '-000000') return NaN; // §21.4.1.32.1: negative zero is not a valid year.
  const n = (text: string | undefined, absent: number): number => (text === undefined ? absent : +text);
  let offset = 0;
  if (m[9] !== undefined) {
    const hours = +m[10]!;
    const minutes = +m[11]!;
    if (hours > 23 || minutes > 59) return NaN;
    offset = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return checkedTime(+m[1]!, n(m[2], 1), n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0), m[7] ?? '', offset);
};

// The formats of Date.prototype.toString (also toDateString's prefix of it) and toUTCString,
// which Date.parse must read back (§21.4.3.2). Years may be negative or longer than 4 digits, which
// V8's own parser rejects. The weekday is not checked against the date, as in V8.
const toStringPattern =
  /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}) (-?\d{4,})(?: (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})(?: \(.*\))?)?$/;
const toUTCStringPattern =
  /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (-?\d{4,}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

const monthOfAbbreviation = (abbr: string): number => nameIndex(monthNames, stringToLowerCase(abbr)) + 1;

/** The toString()/toUTCString() formats, or undefined if `s` is in neither. */
const parseDateStringFormats = (s: string): number | undefined => {
  let m = regexpExec(toStringPattern, s);
  if (m !== null) {
    let offset = 0;
    if (m[7] !== undefined) {
      const hours = +m[8]!;
      const minutes = +m[9]!;
      if (hours > 23 || minutes > 59) return NaN;
      offset = (m[7] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    // toDateString()'s output has no time: midnight UTC.
    return checkedTime(+m[3]!, monthOfAbbreviation(m[1]!), +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), '', offset);
  }
  m = regexpExec(toUTCStringPattern, s);
  if (m !== null) {
    return checkedTime(+m[3]!, monthOfAbbreviation(m[2]!), +m[1]!, +m[4]!, +m[5]!, +m[6]!, '', 0);
  }
  return undefined;
};

/**
 * Our `Date.parse(string)` after ToString: the time value `s` denotes, or NaN. Never consults the
 * host time zone: no offset in the string means UTC.
 */
export const parseDate = (s: string): number => {
  const iso = parseIso(s);
  if (iso !== undefined) return iso;
  const formatted = parseDateStringFormats(s);
  if (formatted !== undefined) return formatted;
  return parseLegacy(s);
};
