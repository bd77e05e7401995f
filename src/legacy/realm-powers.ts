// The powers a mode option set to 'allow' gives one SES root realm, as globals of that realm
// only: a Math whose random works, a Date that reads the clock, a console, the host's Intl, and
// a reader of hidden error stacks. Everything made here is hardened before any guest sees it.
// Assumes lockdown() has run. Side effect: intlMode 'allow' hardens the host's Intl (realm-wide).
import {
  create,
  getOwnPropertyDescriptors,
  getPrototypeOf,
  hostConsole,
  hostIntl,
} from '../commons.js';
import type { IntrinsicRecord } from '../lockdown/intrinsics.js';
import { markOwn } from '../lockdown/own-functions.js';
import { makeCausalConsole } from '../lockdown/tame-console.js';
import type { Harden } from '../types.js';
import type { ResolvedRealmOptions } from './realm-options.js';

/** A Math like every compartment's (%SharedMath%), but whose `random` is the host's own. */
const makeMathWithRandom = (intrinsics: IntrinsicRecord): object => {
  const shared = intrinsics['%SharedMath%']!;
  const descriptors = getOwnPropertyDescriptors(shared) as Record<PropertyKey, PropertyDescriptor>;
  const random: unknown = (intrinsics['%InitialMath%'] as { random: unknown }).random;
  descriptors.random = { ...descriptors.random, value: random };
  // A new object over the frozen %ObjectPrototype%: nothing it inherits can be changed.
  return create(getPrototypeOf(shared), descriptors);
};

/**
 * The globals that `modes` grant (each absent when denied), and the extra members of the realm's
 * `SES` object. The caller hardens both (they become reachable from the realm's global object).
 */
export const makeRealmPowers = (
  intrinsics: IntrinsicRecord,
  harden: Harden,
  { modes }: ResolvedRealmOptions,
): { globals: Record<string, unknown>; ses: Record<string, unknown> } => {
  const globals: Record<string, unknown> = {};
  const ses: Record<string, unknown> = {};
  const getStackString = intrinsics['%InitialGetStackString%'] as unknown as (error: unknown) => string;

  // mathRandomMode: the host's entropy, for this realm only; other compartments keep a Math
  // whose random throws (PF_MATH_RANDOM_DISABLED).
  if (modes.mathRandomMode) globals.Math = makeMathWithRandom(intrinsics);

  // dateNowMode: the host's tamed Date (%InitialDate%): `Date.now()`, `new Date()` and `Date()`
  // read the clock; every other behaviour (UTC, parsing) is the shared Date's. Frozen already.
  if (modes.dateNowMode) globals.Date = intrinsics['%InitialDate%'];

  // consoleMode: a causal console over the host's: it prints what it is given, reading errors by
  // own data properties only, so no guest getter, toString or inspect hook runs in the host.
  if (modes.consoleMode && hostConsole !== undefined) globals.console = makeCausalConsole(hostConsole, getStackString);

  // intlMode: the host's Intl itself (it reveals the host's locale and time zone, which is what
  // 'allow' asks for). Guests must not be able to change what the host's Intl does, so it is
  // hardened, for the whole realm: install Intl polyfills before making such a realm.
  if (modes.intlMode && hostIntl !== undefined) globals.Intl = harden(hostIntl);

  // errorStackMode: stacks stay hidden from `error.stack` (that accessor is shared by every
  // compartment); this realm gets `SES.getStackString(error)`, the host's reader of hidden
  // stacks: the "\n  at …" lines, with the host's file names. For debugging only.
  if (modes.errorStackMode) {
    const reader = {
      getStackString(error: unknown): string {
        return getStackString(error);
      },
    };
    ses.getStackString = markOwn(reader.getStackString);
  }

  // regexpMode: nothing. Lockdown removed RegExp's legacy statics (RegExp.$1, lastMatch, ...)
  // from the one %RegExp% that every compartment shares; given back to one realm, they would be a
  // channel between all of them. 'allow' is accepted for seed compatibility; see docs/legacy.md.
  return { globals, ses };
};
