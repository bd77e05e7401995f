// `compartment.makeRequire(config)`, after the seed SES design (SES 0.6 make-require.js): a
// `require(name)` for confined code whose modules are named by `config`. Entries are checked and
// snapshotted when makeRequire is called; modules are made on first require, in the compartment,
// hardened and cached per require. Host values cross only through host-values.ts.
// Assumes lockdown() has run. No side effects at load.
import {
  Error,
  Map,
  arrayIncludes,
  functionToString,
  isObject,
  jsonStringify,
  kindOf,
  mapGet,
  mapHas,
  mapSet,
  objectPropertyIsEnumerable,
  ownKeys,
  regexpTest,
  reflectGet,
  stringSlice,
} from '../commons.js';
import { codes, formatMessage, makeTypeError } from '../errors.js';
import { harden as publicHarden } from '../harden.js';
import { getLockdownHarden } from '../lockdown/lockdown.js';
import { markOwn } from '../lockdown/own-functions.js';
import { tameHostProperties } from './host-values.js';
import { unmark } from './source-markers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- module values are untyped, as in the seed */
/** An attenuator entry: `attenuatorSource` evaluates to a function called with the other properties. */
export interface AttenuatorEntry {
  readonly attenuatorSource: string;
  readonly [authority: string]: unknown;
}
/** A module entry: a standalone function (stringified), an attenuator, or `true` for '@agoric/harden'. */
export type RequireEntry = ((...args: any[]) => any) | AttenuatorEntry | true;
/** `makeRequire`'s configuration: module name → entry. */
export type RequireConfig = Readonly<Record<string, RequireEntry>>;
/** What `makeRequire` returns: a hardened `require(name)` for confined code. */
export type Require = (name: string) => any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The seed's one built-in module name: its value is `harden` itself. */
export const HARDEN_MODULE = '@agoric/harden';

type Plan =
  | { readonly kind: 'harden' }
  | { readonly kind: 'function'; readonly source: string }
  | { readonly kind: 'attenuator'; readonly source: string; readonly rest: object; readonly entry: object };

const API = 'makeRequire()';
const badEntry = (name: string, what: string): Error =>
  makeTypeError(API, `module ${jsonStringify(name)}: ${what}`, codes.BAD_REQUIRE_CONFIG);

// The original Function.prototype.toString renders built-ins, bound functions and proxies so;
// such a text cannot be evaluated anywhere, so it is refused now rather than at require time.
const NATIVE_SOURCE = /\{\s*\[native code\]\s*\}\s*$/;
const CLASS_SOURCE = /^class\b/;

/** Checks one config entry and snapshots what its module will be made from. */
const planEntry = (name: string, value: unknown): Plan => {
  if (name === HARDEN_MODULE) {
    if (value !== true) throw badEntry(name, `the value must be true (it names harden), got a value of kind ${kindOf(value)}`);
    return { kind: 'harden' };
  }
  if (typeof value === 'function') {
    // The original rendering (captured before lockdown tamed toString): the function's own text,
    // and a guest function's as its author wrote it (without the evaluator's rewrite).
    const source = unmark(functionToString(value));
    if (regexpTest(NATIVE_SOURCE, source)) {
      throw badEntry(name, 'a built-in, bound or proxy function has no source text to evaluate; give a standalone function');
    }
    if (regexpTest(CLASS_SOURCE, source)) {
      throw badEntry(name, 'a class is not a module function; give a function that returns it');
    }
    return { kind: 'function', source };
  }
  if (isObject(value)) {
    const source: unknown = reflectGet(value, 'attenuatorSource');
    if (typeof source !== 'string') {
      throw badEntry(name, `an object entry needs a string attenuatorSource, got a value of kind ${kindOf(source)}`);
    }
    // The rest of the entry: own enumerable string keys, read now (getters once), crossed later.
    const rest: Record<string, unknown> = {};
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i];
      if (typeof key !== 'string' || key === 'attenuatorSource' || !objectPropertyIsEnumerable(value, key)) continue;
      rest[key] = reflectGet(value, key);
    }
    return { kind: 'attenuator', source, rest, entry: value };
  }
  throw badEntry(name, `expected a function or an object with attenuatorSource, got a value of kind ${kindOf(value)}`);
};

/** Makes one module: evaluates its source in the compartment; does not harden (require does). */
const instantiate = (plan: Plan, evaluateExpr: (source: string) => unknown, name: string): unknown => {
  // The one `harden` every compartment has as a global (%Harden%).
  if (plan.kind === 'harden') return publicHarden;
  if (plan.kind === 'function') {
    // Seed: `r.evaluate(`(${c})`)`: the module is the function re-made in the compartment (not
    // called). The newline keeps a trailing line comment from swallowing the closing parenthesis.
    return evaluateExpr(`(${plan.source}\n)`);
  }
  const attenuator = evaluateExpr(`(${plan.source}\n)`);
  if (typeof attenuator !== 'function') {
    throw makeTypeError('require()', `module ${jsonStringify(name)}: attenuatorSource evaluated to a value of kind ${kindOf(attenuator)}, not a function`, codes.BAD_REQUIRE_CONFIG);
  }
  // The authorities cross as tameHostValue says (host functions wrapped, with the entry as their
  // `this`; plain data copied and hardened; other objects hardened).
  return (attenuator as (rest: unknown) => unknown)(tameHostProperties(plan.rest, plan.entry));
};

/**
 * A `require` for code evaluated by `evaluateExpr` (one compartment's). `config` is read now: own
 * enumerable string keys, each entry checked (a TypeError names the first bad one); later changes
 * to `config` are not seen. See docs/legacy.md.
 */
export const makeRequireFor = (evaluateExpr: (source: string) => unknown, config: unknown): Require => {
  const harden = getLockdownHarden();
  if (harden === undefined) throw makeTypeError(API, 'call lockdown() first', codes.NOT_LOCKED_DOWN);
  if (!isObject(config)) {
    throw makeTypeError(API, `config must be an object, got a value of kind ${kindOf(config)}`, codes.BAD_REQUIRE_CONFIG);
  }
  const plans = new Map<string, Plan>();
  const keys = ownKeys(config);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (typeof key !== 'string' || !objectPropertyIsEnumerable(config, key)) continue;
    mapSet(plans, key, planEntry(key, reflectGet(config, key)));
  }
  const cache = new Map<string, unknown>();
  const pending: string[] = [];

  const { require } = {
    require(specifier: string): unknown {
      // As the seed: the name is the string form of the argument.
      const name = `${specifier}`;
      if (mapHas(cache, name)) return mapGet(cache, name);
      const plan = mapGet(plans, name);
      if (plan === undefined) {
        // Names only what the caller asked for: not the configured names, nothing of the host.
        throw new Error(formatMessage('require()', `cannot find module ${jsonStringify(stringSlice(name, 0, 200))}`, codes.MODULE_NOT_FOUND));
      }
      if (arrayIncludes(pending, name)) {
        throw makeTypeError('require()', `module ${jsonStringify(name)} requires itself while it is being made`, codes.BAD_REQUIRE_CONFIG);
      }
      pending[pending.length] = name;
      let value: unknown;
      try {
        value = harden(instantiate(plan, evaluateExpr, name));
      } finally {
        pending.length -= 1;
      }
      // Cached only once made and hardened: a module whose making threw is tried again next time.
      mapSet(cache, name, value);
      return value;
    },
  };
  return harden(markOwn(require)) as Require;
};
