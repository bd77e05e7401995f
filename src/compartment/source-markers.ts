// Marks every piece of text the evaluator inserts into guest code, so that
// Function.prototype.toString can show a guest function as its author wrote it, not as rewritten.
// Each inserted piece is preceded by a block comment `/*<key>:<original>:<length>*/`: the original
// text it replaces (empty for a pure insertion) and the length of the inserted text. Comments are
// kept in a function's source text and never appear in error messages, and the key is a secret
// of this realm, so guest code can neither learn a valid marker nor forge one: `unmark` is a pure
// function of the engine's text and the key, and reveals nothing about other sources or
// compartments. Assumes the key is made before any guest code runs. Side effects: the key, once.
import { mathFloor, mathRandom, stringCharCodeAt, stringIncludes, stringIndexOf, stringSlice } from '../commons.js';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
let key: string | undefined;

/** This realm's marker key: `pf` and 20 random base-36 digits (about 103 bits). */
export const markerKey = (): string => {
  if (key === undefined) {
    let made = 'pf';
    for (let i = 0; i < 20; i += 1) made += DIGITS[mathFloor(mathRandom() * 36)];
    key = made;
  }
  return key;
};

// The original text is an identifier or an operator; `%`, `*`, `/`, `:` and `~` are escaped anyway,
// so a marker can never end early or be misread, whatever it holds (a leading `~` is a flag).
const encode = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    out += c === '%' ? '%25' : c === '*' ? '%2A' : c === '/' ? '%2F' : c === ':' ? '%3A' : c === '~' ? '%7E' : c;
  }
  return out;
};

const DECODED: Readonly<Record<string, string>> = { __proto__: null, '%25': '%', '%2A': '*', '%2F': '/', '%3A': ':', '%7E': '~' } as unknown as Record<string, string>;

const decode = (text: string): string | undefined => {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] !== '%') {
      out += text[i];
      continue;
    }
    const c = DECODED[stringSlice(text, i, i + 3)];
    if (c === undefined) return undefined;
    out += c;
    i += 2;
  }
  return out;
};

/**
 * The marker written before `insertedLength` characters of inserted text that replace `original`.
 * `spaced`: the marker follows a `/`, onto which its `/*` would glue as `//*`, a line comment that
 * hides the rest of the line (`4/x` would not compile): it is then preceded by a space of its own,
 * flagged by a `~` before the original, which `unmark` removes with it.
 */
export const marker = (markKey: string, original: string, insertedLength: number, spaced = false): string =>
  `${spaced ? ' ' : ''}/*${markKey}:${spaced ? '~' : ''}${encode(original)}:${insertedLength}*/`;

/**
 * `text` with every marked insertion replaced by the original text it stands for. Text without a
 * marker, or with one that does not parse, is returned as it is.
 */
export const unmark = (text: string): string => {
  if (key === undefined) return text;
  const open = `/*${key}:`;
  let at = stringIndexOf(text, open);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const originalStart = at + open.length;
    const colon = stringIndexOf(text, ':', originalStart);
    const close = stringIndexOf(text, '*/', originalStart);
    if (colon < 0 || close < colon + 2) return text;
    const spaced = stringCharCodeAt(text, originalStart) === 126; /* ~ */
    const original = decode(stringSlice(text, spaced ? originalStart + 1 : originalStart, colon));
    const lengthText = stringSlice(text, colon + 1, close);
    let length = 0;
    for (let i = 0; i < lengthText.length; i += 1) {
      const digit = stringCharCodeAt(lengthText, i) - 48;
      if (digit < 0 || digit > 9 || lengthText.length > 9) return text;
      length = length * 10 + digit;
    }
    const resume = close + 2 + length;
    if (original === undefined || resume > text.length) return text;
    if (spaced && (at - 1 < from || stringCharCodeAt(text, at - 1) !== 32)) return text;
    out += stringSlice(text, from, spaced ? at - 1 : at) + original;
    from = resume;
    at = stringIndexOf(text, open, from);
  }
  return out + stringSlice(text, from);
};

/** Whether markers can be used for `source`: never if it holds the key (it cannot, unless leaked). */
export const canMark = (source: string): boolean => !stringIncludes(source, markerKey());
