// Details tokens (`details`, alias `X`) and declassified values (`quote`/`q`, `bare`/`b`), and the
// redacted message text made from them. Tokens and declassified values are recognized only by
// identity, through private WeakMaps, so no look-alike object can forge them. No side effects.
import {
  String,
  WeakMap,
  arrayMap,
  arrayPush,
  arrayJoin,
  create,
  freeze,
  isObject,
  stringCharCodeAt,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import { an, bestEffortStringify, errorNameOf, isErrorLike } from './stringify.js';
import type { DetailsToken, Stringable } from './types.js';

/** One `details` template: its literal text (always one more than values) and its raw values. */
export interface DetailsParts {
  readonly literals: readonly string[];
  readonly args: readonly unknown[];
}

/** A declassified value: what was given, and the text that messages show for it. */
interface Declassified {
  readonly value: unknown;
  readonly text: () => string;
}

const declassifiers = new WeakMap<object, Declassified>();
const hiddenDetails = new WeakMap<object, DetailsParts>();

const lookupDeclassified = (x: unknown): Declassified | undefined =>
  isObject(x) ? weakmapGet(declassifiers, x) : undefined;

/** The value a `q`/`b` result stands for; any other value as it is. For the console. */
export const unwrapDeclassified = (x: unknown): unknown => {
  const record = lookupDeclassified(x);
  return record === undefined ? x : record.value;
};

const declassify = (value: unknown, text: () => string): Stringable => {
  const result = freeze({ toString: freeze(text) });
  weakmapSet(declassifiers, result, freeze({ value, text }));
  return result;
};

/** `q(value)`: shown in messages, as {@link bestEffortStringify} renders it (at message time). */
export const quote = (value: unknown, spaces: string | number | undefined = undefined): Stringable =>
  declassify(value, () => bestEffortStringify(value, spaces));
freeze(quote);

/** `\w`, ':' or '-': the characters of ses's bare-able text. */
const isBareChar = (c: number): boolean =>
  (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45; // 0-9 : A-Z a-z _ -

/** Word-like text, single spaces between: `/^[\w:-]( ?[\w:-])*$/` without a RegExp to poison. */
const canBeBare = (text: string): boolean => {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i += 1) {
    const c = stringCharCodeAt(text, i);
    if (isBareChar(c)) continue;
    const isInnerSpace = c === 32 && i > 0 && i < text.length - 1 && isBareChar(stringCharCodeAt(text, i + 1));
    if (!isInnerSpace) return false;
  }
  return true;
};

/** `b(text)`: word-like text shown as it is; anything else as `q(text, spaces)`. */
export const bare = (text: unknown, spaces: string | number | undefined = undefined): Stringable =>
  typeof text === 'string' && canBeBare(text) ? declassify(text, () => text) : quote(text, spaces);
freeze(bare);

/** The redacted text of one substitution value: declassified as shown, others by kind only. */
const argText = (arg: unknown): string => {
  const record = lookupDeclassified(arg);
  if (record !== undefined) return record.text();
  if (isErrorLike(arg)) return `(${an(errorNameOf(arg))})`;
  return `(${an(typeof arg)})`;
};

/** The message an error made from these details carries: unquoted values are redacted. */
export const messageOf = ({ literals, args }: DetailsParts): string => {
  const parts: string[] = [literals[0]!];
  for (let i = 0; i < args.length; i += 1) arrayPush(parts, argText(args[i]), literals[i + 1]!);
  return arrayJoin(parts, '');
};

/**
 * Tokens inherit one this-sensitive `toString` (cheaper than one per token) that checks its
 * receiver: stringifying a token gives exactly the redacted message, never more.
 */
const DetailsTokenPrototype = freeze({
  toString(this: unknown): string {
    const parts = isObject(this) ? weakmapGet(hiddenDetails, this) : undefined;
    return parts === undefined ? '[Not a DetailsToken]' : messageOf(parts);
  },
});
freeze(DetailsTokenPrototype.toString);

/** A literal part as text, without calling anything a guest could have supplied. */
const literalText = (part: unknown): string => {
  if (typeof part === 'string') return part;
  if (part === undefined || part === null) return ''; // as Array.prototype.join shows them
  return isObject(part) ? `(${an(typeof part)})` : String(part);
};

/**
 * Snapshots the template's literals now, during the caller's own call, so that neither a later
 * mutation of a string[] template nor its getters can affect (or run during) message making.
 */
const makeToken = (template: unknown, args: readonly unknown[]): DetailsToken => {
  if (template === undefined || template === null) {
    throw makeTypeError('assert.details', 'the template must be an array of strings', codes.BAD_ASSERT_ARGUMENT);
  }
  const literals: string[] = [];
  for (let i = 0; i <= args.length; i += 1) arrayPush(literals, literalText((template as Record<number, unknown>)[i]));
  const token = freeze(create(DetailsTokenPrototype)) as DetailsToken;
  weakmapSet(hiddenDetails, token, freeze({ literals: freeze(literals), args: freeze(args) }));
  return token;
};

/** `X`: the redacting template tag. */
export const redactedDetails = (template: TemplateStringsArray | readonly string[], ...args: unknown[]): DetailsToken =>
  makeToken(template, args);
freeze(redactedDetails);

/** The tag of `makeAssert(_, true)`: every value is shown, as if each were wrapped in `q`. */
export const unredactedDetails = (template: TemplateStringsArray | readonly string[], ...args: unknown[]): DetailsToken =>
  makeToken(
    template,
    arrayMap(args, arg => (lookupDeclassified(arg) === undefined ? quote(arg) : arg)),
  );
freeze(unredactedDetails);

/** The parts behind `details` (a string is a template without values), or a TypeError naming `api`. */
export const detailsPartsOf = (api: string, details: unknown): DetailsParts => {
  if (typeof details === 'string') return freeze({ literals: freeze([details]), args: freeze([]) });
  const parts = isObject(details) ? weakmapGet(hiddenDetails, details) : undefined;
  if (parts === undefined) {
    const shown = bestEffortStringify(details);
    throw makeTypeError(api, `unrecognized details ${shown}: pass a string or a token from assert.details`, codes.UNRECOGNIZED_DETAILS);
  }
  return parts;
};
