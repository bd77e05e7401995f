// Validates lockdown() options: names, values and defaults follow ses 2.3, and a value may also come
// from a LOCKDOWN_* environment variable as in ses. Unknown options and bad values throw a TypeError
// naming the option and the accepted values (ses ignores unknown option names; we do not).
// Reads the host environment (process.env) captured in commons; no other side effects.
import {
  arrayFilter,
  arrayIncludes,
  arrayJoin,
  arrayMap,
  arraySlice,
  arraySome,
  freeze,
  getOwnPropertyDescriptor,
  isArray,
  isObject,
  jsonStringify,
  kindOf,
  objectHasOwn,
  ownKeys,
  processEnv,
  stringSplit,
  arrayConcat,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';
import type { LockdownOptions } from '../types.js';

const API = 'lockdown()';

/** Each enumerated option: its environment variable and accepted values, the default first. */
const choices = {
  errorTaming: ['LOCKDOWN_ERROR_TAMING', ['safe', 'unsafe', 'unsafe-debug']],
  errorTrapping: ['LOCKDOWN_ERROR_TRAPPING', ['platform', 'none', 'report', 'abort', 'exit']],
  reporting: ['LOCKDOWN_REPORTING', ['platform', 'console', 'none']],
  unhandledRejectionTrapping: ['LOCKDOWN_UNHANDLED_REJECTION_TRAPPING', ['report', 'none']],
  regExpTaming: ['LOCKDOWN_REGEXP_TAMING', ['safe', 'unsafe']],
  localeTaming: ['LOCKDOWN_LOCALE_TAMING', ['safe', 'unsafe']],
  consoleTaming: ['LOCKDOWN_CONSOLE_TAMING', ['safe', 'unsafe']],
  overrideTaming: ['LOCKDOWN_OVERRIDE_TAMING', ['moderate', 'min', 'severe']],
  stackFiltering: ['LOCKDOWN_STACK_FILTERING', ['concise', 'omit-frames', 'shorten-paths', 'verbose']],
  domainTaming: ['LOCKDOWN_DOMAIN_TAMING', ['safe', 'unsafe']],
  evalTaming: ['LOCKDOWN_EVAL_TAMING', ['safe-eval', 'unsafe-eval', 'no-eval']],
  legacyRegeneratorRuntimeTaming: ['LOCKDOWN_LEGACY_REGENERATOR_RUNTIME_TAMING', ['safe', 'unsafe-ignore']],
  __hardenTaming__: ['LOCKDOWN_HARDEN_TAMING', ['safe', 'unsafe']],
} as const;

type Choices = typeof choices;
type ChoiceName = keyof Choices;
type ChoiceValue<K extends ChoiceName> = Choices[K][1][number];

/** The fully resolved options: every option has a valid value. */
export type ResolvedOptions = { readonly [K in ChoiceName]: ChoiceValue<K> } & {
  readonly overrideDebug: readonly string[];
};

/** Deprecated camelCase spellings ses still accepts for evalTaming. */
const evalAliases: Readonly<Record<string, ChoiceValue<'evalTaming'>>> = freeze({
  __proto__: null,
  safeEval: 'safe-eval',
  unsafeEval: 'unsafe-eval',
  noEval: 'no-eval',
} as unknown as Record<string, ChoiceValue<'evalTaming'>>);

/** Options ses accepts but ignores (deprecated); we accept them too, with a warning, for compatibility. */
const deprecatedIgnored = ['dateTaming', 'mathTaming'] as const;

const describe = (value: unknown): string =>
  typeof value === 'string' ? jsonStringify(value) : `a value of kind ${kindOf(value)}`;

const listOf = (values: readonly string[]): string => arrayJoin(arrayMap(values, v => jsonStringify(v)), ', ');

/** Reads one environment variable as ses does: absent → undefined; present → its string. */
const readEnv = (name: string): string | undefined => {
  if (processEnv === undefined) return undefined;
  const value = processEnv[name];
  return typeof value === 'string' ? value : undefined;
};

const resolveChoice = <K extends ChoiceName>(name: K, given: unknown): ChoiceValue<K> => {
  const envName = choices[name][0];
  const accepted = choices[name][1];
  const fromEnv = given === undefined ? readEnv(envName) : undefined;
  const value = given === undefined ? (fromEnv ?? accepted[0]) : given;
  const canonical = name === 'evalTaming' && typeof value === 'string' ? (evalAliases[value] ?? value) : value;
  if (typeof canonical !== 'string' || !arrayIncludes(accepted as readonly string[], canonical)) {
    const source = fromEnv !== undefined ? `environment variable ${envName}` : `option "${name}"`;
    throw makeTypeError(
      API,
      `${source} must be one of ${listOf(accepted)}, got ${describe(value)}`,
      fromEnv !== undefined ? codes.BAD_ENVIRONMENT_OPTION : codes.BAD_OPTION_VALUE,
    );
  }
  return canonical as ChoiceValue<K>;
};

const resolveOverrideDebug = (given: unknown): readonly string[] => {
  if (given === undefined) {
    const fromEnv = readEnv('LOCKDOWN_OVERRIDE_DEBUG') ?? '';
    return freeze(arrayFilter(stringSplit(fromEnv, ','), s => s !== ''));
  }
  if (!isArray(given) || arraySome(given as unknown[], x => typeof x !== 'string')) {
    throw makeTypeError(
      API,
      `option "overrideDebug" must be an array of property names, got ${describe(given)}`,
      codes.BAD_OPTION_VALUE,
    );
  }
  return freeze(arraySlice(given as string[]));
};

/**
 * Copies the caller's options bag (own data properties only: getters are never called, so a
 * hostile options object cannot change its answer between our reads), rejects unknown names,
 * and resolves every option to a valid value.
 */
export const resolveOptions = (options: unknown): { resolved: ResolvedOptions; deprecated: string[] } => {
  if (options === undefined) options = {};
  if (!isObject(options) || typeof options === 'function') {
    throw makeTypeError(API, `options must be an object, got ${describe(options)}`, codes.BAD_OPTIONS);
  }
  const given: Record<string, unknown> = { __proto__: null } as unknown as Record<string, unknown>;
  const deprecated: string[] = [];
  const keys = ownKeys(options);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    const known =
      typeof key === 'string' &&
      (objectHasOwn(choices, key) || key === 'overrideDebug' || arrayIncludes(deprecatedIgnored, key as never));
    if (!known) {
      const accepted = arrayConcat(ownKeys(choices) as string[], ['overrideDebug']);
      throw makeTypeError(
        API,
        `unknown option ${typeof key === 'symbol' ? 'of kind symbol' : jsonStringify(key)}; accepted options are ${listOf(accepted)}`,
        codes.UNKNOWN_OPTION,
      );
    }
    const desc = getOwnPropertyDescriptor(options, key)!;
    if (!('value' in desc)) {
      throw makeTypeError(API, `option "${key as string}" must be a data property, not an accessor`, codes.BAD_OPTIONS);
    }
    if (arrayIncludes(deprecatedIgnored, key as never)) {
      if (desc.value !== undefined) deprecated[deprecated.length] = key as string;
      continue;
    }
    given[key as string] = desc.value;
  }
  const resolved = {
    errorTaming: resolveChoice('errorTaming', given.errorTaming),
    errorTrapping: resolveChoice('errorTrapping', given.errorTrapping),
    reporting: resolveChoice('reporting', given.reporting),
    unhandledRejectionTrapping: resolveChoice('unhandledRejectionTrapping', given.unhandledRejectionTrapping),
    regExpTaming: resolveChoice('regExpTaming', given.regExpTaming),
    localeTaming: resolveChoice('localeTaming', given.localeTaming),
    consoleTaming: resolveChoice('consoleTaming', given.consoleTaming),
    overrideTaming: resolveChoice('overrideTaming', given.overrideTaming),
    stackFiltering: resolveChoice('stackFiltering', given.stackFiltering),
    domainTaming: resolveChoice('domainTaming', given.domainTaming),
    evalTaming: resolveChoice('evalTaming', given.evalTaming),
    legacyRegeneratorRuntimeTaming: resolveChoice('legacyRegeneratorRuntimeTaming', given.legacyRegeneratorRuntimeTaming),
    __hardenTaming__: resolveChoice('__hardenTaming__', given.__hardenTaming__),
    overrideDebug: resolveOverrideDebug(given.overrideDebug),
  } satisfies ResolvedOptions;
  return { resolved: freeze(resolved), deprecated };
};

/** The public option type is checked against our table so that the two cannot drift apart. */
export type _CheckOptions = LockdownOptions extends Partial<Record<ChoiceName, string>> ? true : never;
