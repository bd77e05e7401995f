// Reads and checks the options of `makeSESRootRealm(options)` (seed SES 0.6 API): the six mode
// options, each 'allow' or 'deny' (default 'deny'), and `transforms`. Options are read once, as
// own data properties; unknown names, accessors and bad values are rejected (the seed ignored
// them). No side effects.
import { listOfNames, readOptionsBag } from '../read-options.js';
import {
  arrayConcat,
  arrayIncludes,
  arraySlice,
  create,
  freeze,
  isArray,
  jsonStringify,
  kindOf,
} from '../commons.js';
import type { Transform } from '../compartment/compartment-options.js';
import { codes, makeTypeError } from '../errors.js';

/** A mode option's value: 'allow' re-enables that power in this realm only; 'deny' is the default. */
export type Mode = 'allow' | 'deny';

/** The mode options of `makeSESRootRealm` (names as in the seed SES). */
export const MODE_NAMES = freeze([
  'consoleMode',
  'errorStackMode',
  'mathRandomMode',
  'dateNowMode',
  'intlMode',
  'regexpMode',
] as const);
export type ModeName = (typeof MODE_NAMES)[number];

/** Options of `makeSESRootRealm(options)`; see docs/legacy.md. */
export type SESRootRealmOptions = { readonly [K in ModeName]?: Mode } & {
  /** Applied, in order, to the source of every `evaluate`, `SES.confine` and `SES.confineExpr`. */
  readonly transforms?: readonly Transform[];
};

/** Which powers a realm has (true: 'allow'), and its transforms. Frozen. */
export interface ResolvedRealmOptions {
  readonly modes: { readonly [K in ModeName]: boolean };
  readonly transforms: readonly Transform[];
}

const ACCEPTED: readonly string[] = freeze(arrayConcat<string>(MODE_NAMES, ['transforms']));
const VALUES: readonly Mode[] = freeze(['allow', 'deny']);

/** The own data properties of `bag` by name; unknown names and accessors throw. */

const readTransforms = (api: string, value: unknown): readonly Transform[] => {
  if (value === undefined) return freeze([]);
  if (!isArray(value)) {
    throw makeTypeError(api, `option "transforms" must be an array of functions, got a value of kind ${kindOf(value)}`, codes.BAD_OPTION_VALUE);
  }
  const copy = arraySlice(value as unknown[]);
  for (let i = 0; i < copy.length; i += 1) {
    if (typeof copy[i] !== 'function') {
      throw makeTypeError(api, `option "transforms[${i}]" must be a function, got a value of kind ${kindOf(copy[i])}`, codes.BAD_OPTION_VALUE);
    }
  }
  return freeze(copy as Transform[]);
};

/** Checks `options`; a TypeError names the bad option and what it accepts. */
export const resolveRealmOptions = (api: string, options: unknown): ResolvedRealmOptions => {
  const given = readOptionsBag(api, options, ACCEPTED);
  const modes = create(null) as { [K in ModeName]: boolean };
  for (let i = 0; i < MODE_NAMES.length; i += 1) {
    const name = MODE_NAMES[i];
    const value = given[name];
    if (value !== undefined && !arrayIncludes(VALUES, value as Mode)) {
      const shown = typeof value === 'string' ? jsonStringify(value) : `a value of kind ${kindOf(value)}`;
      throw makeTypeError(api, `option "${name}" must be one of ${listOfNames(VALUES)}, got ${shown}`, codes.BAD_OPTION_VALUE);
    }
    modes[name] = value === 'allow';
  }
  return freeze({ modes: freeze(modes), transforms: readTransforms(api, given.transforms) });
};

/**
 * A realm made from inside another (its `SES.makeSESRootRealm`) may allow only what its parent
 * allows: otherwise any guest could grant itself the clock, entropy or the host's Intl.
 */
export const checkGranted = (api: string, asked: ResolvedRealmOptions, parent: ResolvedRealmOptions): void => {
  for (let i = 0; i < MODE_NAMES.length; i += 1) {
    const name = MODE_NAMES[i];
    if (asked.modes[name] && !parent.modes[name]) {
      throw makeTypeError(api, `option "${name}": 'allow' is not granted to code in a realm whose own ${name} is 'deny'`, codes.MODE_NOT_GRANTED);
    }
  }
};
