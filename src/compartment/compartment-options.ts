// Reads and validates the arguments of `new Compartment(…)` (the options bag with its
// `__options__: true` sigil, or the legacy `(globals, modules, options)` form, told apart as ses
// 2.3 does) and the options of `evaluate`. Options are read once, as own data properties; unknown
// names and accessors are rejected (ses ignores unknown names). Module options are only validated
// and kept for the module loader. No side effects.
import { readOptionsBag } from '../read-options.js';
import {
  arrayConcat,
  arraySlice,
  assign,
  create,
  freeze,
  isArray,
  isObject,
  kindOf,
} from '../commons.js';
import { codes, makeTypeError } from '../errors.js';

/** A source-to-source function applied before analysis (`transforms` options). */
export type Transform = (source: string) => string;

/** The options bag of `new Compartment(options)` (with `__options__: true`); compatible with ses 2.3. */
export interface CompartmentOptions {
  /** Shown by `compartment.name`. Default `'<unknown>'`. */
  name?: string;
  /** Own enumerable properties copied onto the compartment's global object, as by Object.assign. */
  globals?: object | null;
  /** Module map, for the module loader (not yet implemented: kept). */
  modules?: object | null;
  resolveHook?: (importSpecifier: string, referrerSpecifier: string) => string;
  importHook?: (specifier: string) => Promise<unknown>;
  importNowHook?: (specifier: string) => unknown;
  moduleMapHook?: (specifier: string) => unknown;
  importMetaHook?: (specifier: string, importMeta: object) => void;
  /** Applied, in order, to every source this compartment evaluates (after `evaluate`'s own). */
  transforms?: readonly Transform[];
  /** As `transforms`, and also for modules (ses). Applied after `transforms`. */
  __shimTransforms__?: readonly Transform[];
  __noNamespaceBox__?: boolean;
  noAggregateLoadErrors?: boolean;
}

/** Options of `compartment.evaluate(source, options)`; compatible with ses 2.3. */
export interface EvaluateOptions {
  /** Applied, in order, before the compartment's transforms. */
  transforms?: readonly Transform[];
  /** Assigning to an unbound name creates a property of the global object instead of throwing. */
  sloppyGlobalsMode?: boolean;
  /** Extra bindings for this evaluation only, seen before the globals (ses's module shim). */
  __moduleShimLexicals__?: object;
  /** Accepted for ses compatibility; no effect (see docs/compartment.md). */
  __evadeHtmlCommentTest__?: boolean;
  /** Accepted for ses compatibility; no effect (see docs/compartment.md). */
  __evadeImportExpressionTest__?: boolean;
  /** Accepted for ses compatibility; no effect (see docs/compartment.md). */
  __rejectSomeDirectEvalExpressions__?: boolean;
}

type Hook = (...args: never[]) => unknown;

/** The validated options of one compartment. */
export interface ResolvedCompartmentOptions {
  readonly name: string;
  readonly globals: object | undefined;
  readonly modules: Readonly<Record<string, unknown>>;
  readonly resolveHook: Hook | undefined;
  readonly importHook: Hook | undefined;
  readonly importNowHook: Hook | undefined;
  readonly moduleMapHook: Hook | undefined;
  readonly importMetaHook: Hook | undefined;
  /** `transforms` then `__shimTransforms__`, as ses applies them to scripts. */
  readonly transforms: readonly Transform[];
  readonly shimTransforms: readonly Transform[];
  readonly noNamespaceBox: boolean;
  readonly noAggregateLoadErrors: boolean;
}

export interface ResolvedEvaluateOptions {
  readonly localTransforms: readonly Transform[];
  readonly sloppyGlobalsMode: boolean;
  readonly lexicals: object | undefined;
}

const CONSTRUCTOR = 'new Compartment()';
const EVALUATE = 'Compartment.evaluate()';
const HOOKS = ['resolveHook', 'importHook', 'importNowHook', 'moduleMapHook', 'importMetaHook'];
const FLAGS = ['__noNamespaceBox__', 'noAggregateLoadErrors'];
const COMPARTMENT_OPTIONS = arrayConcat(['globals', 'modules', 'name', 'transforms', '__shimTransforms__'], HOOKS, FLAGS);
const BAG_OPTIONS = arrayConcat(['__options__'], COMPARTMENT_OPTIONS);
const EVALUATE_OPTIONS = [
  'transforms',
  'sloppyGlobalsMode',
  '__moduleShimLexicals__',
  '__evadeHtmlCommentTest__',
  '__evadeImportExpressionTest__',
  '__rejectSomeDirectEvalExpressions__',
];
const NO_TRANSFORMS: readonly Transform[] = freeze([]);
const NO_MODULES: Readonly<Record<string, unknown>> = freeze(create(null));


/** The own data properties of an options bag, by name; unknown names and accessors throw. */

const badValue = (api: string, name: string, expected: string, value: unknown): Error =>
  makeTypeError(api, `option "${name}" must be ${expected}, got a value of kind ${kindOf(value)}`, codes.BAD_OPTION_VALUE);

const readTransforms = (api: string, name: string, value: unknown): readonly Transform[] => {
  if (value === undefined) return NO_TRANSFORMS;
  if (!isArray(value)) throw badValue(api, name, 'an array of functions', value);
  const copy = arraySlice(value as unknown[]);
  for (let i = 0; i < copy.length; i += 1) {
    if (typeof copy[i] !== 'function') throw badValue(api, `${name}[${i}]`, 'a function', copy[i]);
  }
  return freeze(copy as Transform[]);
};

const readFlag = (api: string, name: string, value: unknown): boolean => {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw badValue(api, name, 'a boolean', value);
  return value;
};

const readObject = (api: string, name: string, value: unknown): object | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badValue(api, name, 'an object', value);
  return value;
};

const readHook = (given: Record<string, unknown>, name: string): Hook | undefined => {
  const value = given[name];
  if (value !== undefined && typeof value !== 'function') throw badValue(CONSTRUCTOR, name, 'a function', value);
  return value as Hook | undefined;
};

/** The options of `new Compartment()`, shared: they are frozen and hold nothing mutable. */
let defaults: ResolvedCompartmentOptions | undefined;

const resolve = (given: Record<string, unknown>): ResolvedCompartmentOptions => {
  const { name } = given;
  if (name !== undefined && typeof name !== 'string') throw badValue(CONSTRUCTOR, 'name', 'a string', name);
  const modules = readObject(CONSTRUCTOR, 'modules', given.modules);
  const transforms = readTransforms(CONSTRUCTOR, 'transforms', given.transforms);
  const shimTransforms = readTransforms(CONSTRUCTOR, '__shimTransforms__', given.__shimTransforms__);
  return freeze({
    name: name === undefined ? '<unknown>' : name,
    globals: readObject(CONSTRUCTOR, 'globals', given.globals),
    // A snapshot, as ses takes: later changes to the caller's object do not count.
    modules: modules === undefined ? NO_MODULES : freeze(assign(create(null), modules)),
    resolveHook: readHook(given, 'resolveHook'),
    importHook: readHook(given, 'importHook'),
    importNowHook: readHook(given, 'importNowHook'),
    moduleMapHook: readHook(given, 'moduleMapHook'),
    importMetaHook: readHook(given, 'importMetaHook'),
    transforms: shimTransforms.length === 0 ? transforms : freeze(arrayConcat(transforms, shimTransforms)),
    shimTransforms,
    noNamespaceBox: readFlag(CONSTRUCTOR, '__noNamespaceBox__', given.__noNamespaceBox__),
    noAggregateLoadErrors: readFlag(CONSTRUCTOR, 'noAggregateLoadErrors', given.noAggregateLoadErrors),
  });
};

/**
 * `new Compartment(options)` when the only argument is an object with an `__options__` property
 * (which must be `true`), else the legacy `new Compartment(globals?, modules?, options?)`, whose
 * options may not repeat `globals` or `modules` (as in ses 2.3).
 */
export const resolveCompartmentArguments = (args: readonly unknown[]): ResolvedCompartmentOptions => {
  if (args.length === 0) return (defaults ??= resolve(create(null)));
  const first = args[0];
  if (isObject(first) && typeof first !== 'function' && '__options__' in first) {
    if (args.length !== 1) {
      throw makeTypeError(CONSTRUCTOR, 'the options-bag form takes exactly one argument', codes.BAD_OPTIONS);
    }
    const given = readOptionsBag(CONSTRUCTOR, first, BAG_OPTIONS);
    if (given.__options__ !== true) {
      throw makeTypeError(CONSTRUCTOR, 'the "__options__" sigil must be true', codes.BAD_OPTION_VALUE);
    }
    return resolve(given);
  }
  const given = readOptionsBag(CONSTRUCTOR, args[2], COMPARTMENT_OPTIONS);
  if (given.globals !== undefined || given.modules !== undefined) {
    throw makeTypeError(
      CONSTRUCTOR,
      'give globals and modules either as the first two arguments or as options, not both',
      codes.BAD_OPTIONS,
    );
  }
  given.globals = args[0];
  given.modules = args[1];
  return resolve(given);
};

const DEFAULT_EVALUATE: ResolvedEvaluateOptions = freeze({
  localTransforms: NO_TRANSFORMS,
  sloppyGlobalsMode: false,
  lexicals: undefined,
});

/** Reads `evaluate`'s options. The ses evasion flags are validated and have no effect. */
export const resolveEvaluateOptions = (options: unknown): ResolvedEvaluateOptions => {
  if (options === undefined) return DEFAULT_EVALUATE;
  const given = readOptionsBag(EVALUATE, options, EVALUATE_OPTIONS);
  readFlag(EVALUATE, '__evadeHtmlCommentTest__', given.__evadeHtmlCommentTest__);
  readFlag(EVALUATE, '__evadeImportExpressionTest__', given.__evadeImportExpressionTest__);
  readFlag(EVALUATE, '__rejectSomeDirectEvalExpressions__', given.__rejectSomeDirectEvalExpressions__);
  const lexicals = given.__moduleShimLexicals__;
  if (lexicals !== undefined && !isObject(lexicals)) {
    throw badValue(EVALUATE, '__moduleShimLexicals__', 'an object', lexicals);
  }
  return {
    localTransforms: readTransforms(EVALUATE, 'transforms', given.transforms),
    sloppyGlobalsMode: readFlag(EVALUATE, 'sloppyGlobalsMode', given.sloppyGlobalsMode),
    lexicals: lexicals as object | undefined,
  };
};
