// Compiles guest code, once per source text, into a strict function of (global object, helpers,
// lexicals): analyze (analyze-source.ts), rewrite free references into accesses to the global
// object (rewrite-references.ts), return the completion value (completion.ts), all inside
// `with (terminator)` (scope-terminator.ts) so a missed reference never reaches the host's globals.
// The rewritten text is made once per realm; each compartment compiles its own runner from it.
// Side effects: bounded caches of both.
import {
  FERAL_FUNCTION,
  ReferenceError,
  SyntaxError,
  apply,
  arrayJoin,
  create,
  freeze,
  functionToString,
  getOwnPropertyDescriptor,
  keys,
  stringIncludes,
  stringSlice,
  stringSplit,
  stringStartsWith,
  WeakMap,
  weakmapGet,
  weakmapSet,
} from '../commons.js';
import { codes, makeRangeError, makeSyntaxError } from '../errors.js';
import type { Program } from 'acorn';
import {
  analyzeFunctionSource,
  analyzeFunctionSourceWithTree,
  analyzeGeneratedFunction,
  analyzeModuleSource,
  analyzeSourceWithTree,
} from './analyze-source.js';
import type { AnalyzedTree } from './analyze-source.js';
import type { FunctionFlags } from './function-source.js';
import { planModule, rewriteModuleOperators } from './module-compile.js';
import { analyzeScopes } from './analyze-scopes.js';
import { planCompletion } from './completion.js';
import { parseText } from './parse-source.js';
import { makeTargetsSource, rewriteReferences } from './rewrite-references.js';
import type { RewriteNames } from './rewrite-references.js';
import { scopeTerminator } from './scope-terminator.js';
import { makeSourceCache } from './source-cache.js';
import type { SourceCache } from './source-cache.js';
import { makeSourceEdits } from './source-edits.js';
import { canMark, markerKey } from './source-markers.js';

/** Runs compiled guest code: `this` and `global` are the compartment's global object. */
export type Runner = (this: object, global: object, helpers: Helpers, lexicals: object | undefined) => unknown;

/** What rewritten code calls; frozen, and reachable by no name guest code can write. */
export interface Helpers {
  /** Throws the ReferenceError of an unbound name. */
  readonly ref: (name: string) => never;
  /** `x = v`: v, unless x was unbound before v was evaluated or is unbound now. */
  readonly set: (existed: boolean, global: object, name: string, value: unknown) => unknown;
  /** `x op= v`, `x ||= v`: v, unless x is unbound now (it was checked when read). */
  readonly put: (global: object, name: string, value: unknown) => unknown;
}

const notDefined = (name: string): never => {
  throw new ReferenceError(`${name} is not defined`);
};

const helpers: Helpers = freeze({
  ref: freeze({ ref: (name: string): never => notDefined(name) }.ref),
  set: freeze({
    set(existed: boolean, global: object, name: string, value: unknown): unknown {
      if (!existed || !(name in global)) notDefined(name);
      return value;
    },
  }.set),
  put: freeze({
    put(global: object, name: string, value: unknown): unknown {
      if (!(name in global)) notDefined(name);
      return value;
    },
  }.put),
});

/** Calls a compiled runner for `global` (also its `this`, as in ses) with the given extra lexical scope. */
export const run = (runner: Runner, global: object, lexicals: object | undefined): unknown =>
  apply(runner, global, [global, helpers, lexicals]);

// Compiled runners per compartment (its global object), then per source text, then per variant
// (goal, sloppy globals, lexical names). Not shared between compartments: a runner carries
// identity (its template objects), so a shared cache would let one compartment signal another by
// evicting entries or filling variant slots (test/attacks/redteam-template-cache-channel). The
// expensive parts are still shared: analyze-source.ts caches frozen, identity-free results, and
// `rewrites` below the rewritten text.
let caches = new WeakMap<object, SourceCache<Record<string, Runner>>>();
const cacheFor = (owner: object): SourceCache<Record<string, Runner>> => {
  let cache = weakmapGet(caches, owner);
  if (cache === undefined) {
    cache = makeSourceCache<Record<string, Runner>>({
      maxEntries: 256,
      maxSourceLength: 1024 * 1024,
      maxTotalLength: 8 * 1024 * 1024,
    });
    weakmapSet(caches, owner, cache);
  }
  return cache;
};
/** Variants kept per source: more (many lexical name sets) are compiled but not cached. */
const MAX_VARIANTS = 16;

let skipName: string | undefined;

/**
 * For tests of the scope terminator only: the rewrite leaves every reference to `name` as written,
 * as a bug in the analysis would. Clears the cache. Not exported from the package.
 */
export const setRewriteFaultForTesting = (name: string | undefined): void => {
  skipName = name;
  caches = new WeakMap<object, SourceCache<Record<string, Runner>>>();
  rewrites.clear();
};

const startsAny = (names: readonly string[], prefix: string): boolean => {
  for (let i = 0; i < names.length; i += 1) if (stringStartsWith(names[i], prefix)) return true;
  return false;
};

/** Every identifier name in the AST, as the engine reads it (escapes decoded): `\u0024pfG` is `$pfG`. */
const identifierNames = (root: unknown): string[] => {
  const names: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    stack.length -= 1;
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (record.type === 'Identifier' && typeof record.name === 'string') names[names.length] = record.name;
    const fields = keys(record);
    for (let i = 0; i < fields.length; i += 1) {
      const value = record[fields[i]!];
      if (typeof value === 'object' && value !== null) stack[stack.length] = value;
    }
  }
  return names;
};

/**
 * Identifiers for the rewritten code: a prefix that no identifier of the source starts with,
 * compared on the decoded names (a guest's `var \u0024pfG` must not shadow our parameter) and on
 * the raw text (so the names also never appear inside the guest's strings or comments).
 */
const freshNames = (
  text: string,
  root: unknown,
): RewriteNames & Record<'temp' | 'saved' | 'terminator' | 'module' | 'defaultBinding', string> => {
  // Without `\u` in the text no identifier is spelled with an escape, so the raw-text check
  // below already covers every decoded name: the AST walk is only needed when there is one.
  const used = stringIncludes(text, '\\u') ? identifierNames(root) : [];
  let prefix = '$pf';
  for (let k = 1; ; k += 1) {
    if (!stringIncludes(text, prefix) && !startsAny(used, prefix)) break;
    prefix = `$pf${k}`;
  }
  return {
    global: `${prefix}G`,
    helpers: `${prefix}R`,
    lexicals: `${prefix}L`,
    targets: `${prefix}W`,
    temp: `${prefix}C`,
    saved: `${prefix}F`,
    terminator: `${prefix}T`,
    module: `${prefix}M`,
    defaultBinding: `${prefix}D`,
  };
};

/**
 * Validates what will be compiled, not only what was given: the rewritten function is analyzed
 * again, so that an edit which makes the engine read the text differently (a regex turned into a
 * division, a keyword glued to a parenthesis) cannot smuggle `import()` or HTML comments past the
 * first analysis, and every name it uses must be one of our parameters. Fails closed.
 */
const validateRewritten = (params: string, body: string, flags: FunctionFlags): void => {
  let freeNames: readonly string[];
  try {
    freeNames = analyzeGeneratedFunction(params, body, flags).freeNames;
  } catch {
    throw makeSyntaxError('Compartment.evaluate()', 'the source could not be rewritten safely', codes.SYNTAX_ERROR);
  }
  // (The test hook that disables one name's rewrite also skips this check, so that the scope
  // terminator behind it can be shown to hold on its own.)
  if (freeNames.length > 0 && skipName === undefined) {
    throw makeSyntaxError('Compartment.evaluate()', 'the source could not be rewritten safely', codes.SYNTAX_ERROR);
  }
};

type Goal = 'script' | 'expression' | 'module';

/** The `this` of the sloppy factory that builds each runner: frozen, null-prototype, empty. */
const inertThis = freeze(create(null) as object);

/** What one source compiles to, as text: shared by every compartment (strings carry no identity). */
interface Rewritten {
  /** The factory's body: `with (terminator) { return function (params) { … } }`. */
  readonly source: string;
  /** The factory's one parameter, which holds the scope terminator. */
  readonly terminator: string;
  /** How the engine must render the runner the factory returns. */
  readonly runnerText: string;
}

/** Parses, analyzes and rewrites one source; validates the result. Throws SyntaxError. */
const rewrite = (
  text: string,
  goal: Goal,
  sloppyGlobals: boolean,
  lexicalNames: Record<string, true> | null,
  tree: AnalyzedTree | undefined,
): Rewritten => {
  // The analysis's own parse and findings when it just made them (scripts and expressions: the
  // same walk), else a parse of our own.
  const parsed = tree !== undefined ? tree.parsed : parseText(text, goal);
  if (!('root' in parsed)) {
    if (parsed.code === codes.STACK_EXHAUSTED) throw makeRangeError('Compartment.evaluate()', parsed.what, parsed.code);
    throw makeSyntaxError('Compartment.evaluate()', parsed.what, parsed.code);
  }
  const isModule = goal === 'module';
  const findings = tree !== undefined ? tree.findings : analyzeScopes(parsed.root, text, isModule);
  if (isModule) {
    // The ModuleSource's facts came from checks made while parsing (analyzeModuleSource, cached),
    // the rewrite's from this walk: the loader trusts the first, the compiled code follows the
    // second, so they must agree, and the walk must find nothing the checks would have rejected
    // (else fail closed).
    const record = analyzeModuleSource(text);
    if (
      record.hasTopLevelAwait !== findings.hasTopLevelAwait ||
      record.usesImportMeta !== findings.importMetaAt >= 0 ||
      record.usesDynamicImport !== findings.importExpressionAt >= 0 ||
      findings.unsupportedAt >= 0 ||
      findings.htmlLikeOperatorAt >= 0
    ) {
      throw makeSyntaxError('ModuleSource', 'the module could not be compiled consistently', codes.SYNTAX_ERROR);
    }
  }
  const names = freshNames(text, parsed.root);
  const edits = makeSourceEdits(text, findings.expressionStatementStarts, findings.unterminatedEnds);
  let usesTemp = false;
  let lexicals = lexicalNames;
  let prologue = '';
  if (goal === 'script') usesTemp = planCompletion(parsed.root as Program, text, edits, names.temp, names.saved).usesTemp;
  else if (isModule) {
    const plan = planModule(parsed.root as Program, text, edits, names);
    rewriteModuleOperators(findings.importMetaRanges, findings.importCallRanges, edits, names.module);
    lexicals = plan.importedNames;
    prologue = plan.prologue;
  } else {
    edits.open(0, 'return (', true);
    edits.close(text.length, '\n)');
  }
  const targets = rewriteReferences(text, findings, edits, names, { lexicalNames: lexicals, sloppyGlobals, skipName });
  // Marked, so that guest functions render as written (source-markers.ts, tame-function-tostring.ts).
  let body = edits.apply(canMark(text) ? markerKey() : undefined);
  // A hashbang comment is only one at the very start of a script: keep it a comment.
  if (parsed.hasHashbang) body = `//${stringSlice(body, 2)}`;
  const prelude =
    (usesTemp ? `let ${names.temp}; ` : '') +
    (targets.length > 0 ? makeTargetsSource(targets, names, sloppyGlobals) : '') +
    prologue;
  const epilogue = usesTemp ? `return ${names.temp};\n` : '';
  const { terminator, global, helpers: h } = names;
  // A module is a generator (async if it awaits at top level): its prologue, then its body.
  const flags: FunctionFlags = { async: isModule && findings.hasTopLevelAwait, generator: isModule };
  const params = `${global}, ${h}, ${names.lexicals}${isModule ? `, ${names.module}` : ''}`;
  const inner = `'use strict'; ${prelude}\n${body}\n${epilogue}`;
  validateRewritten(params, inner, flags);
  const runnerText = `${flags.async ? 'async ' : ''}function${flags.generator ? '*' : ''} (${params}) { ${inner}}`;
  return freeze({ source: `with (${terminator}) { return ${runnerText} }`, runnerText, terminator });
};

/**
 * The engine's reason for refusing to compile a source the analysis accepted, for the message: an
 * invalid regular expression (the <script> build's acorn does not validate them), an engine limit
 * (more than 65535 arguments), syntax the engine does not know yet. Never any text of the rewrite's
 * own markers (their key is the realm's secret: source-markers.ts), and at most 200 characters.
 */
const engineReason = (error: SyntaxError): string => {
  const message = `${getOwnPropertyDescriptor(error, 'message')?.value ?? ''}`;
  const cleaned = arrayJoin(stringSplit(message, markerKey()), '');
  return cleaned.length > 200 ? `${stringSlice(cleaned, 0, 200)}…` : cleaned;
};

/** Compiles rewritten text into a new runner: its own function objects, template objects and all. */
const instantiate = ({ source, runnerText, terminator }: Rewritten, api: string): Runner => {
  let factory: (terminator: object) => Runner;
  try {
    factory = FERAL_FUNCTION(terminator, source) as (terminator: object) => Runner;
  } catch (error) {
    // Only the engine's SyntaxError for what the analysis accepted; it is reported without the
    // rewritten text. Anything else (an EvalError under a CSP without 'unsafe-eval') as is.
    if (!(error instanceof SyntaxError)) throw error;
    const reason = engineReason(error);
    throw makeSyntaxError(api, `the source could not be compiled${reason === '' ? '' : ` (${reason})`}`, codes.SYNTAX_ERROR);
  }
  // Defense in depth against text that would close the runner early and run in the factory (a
  // sloppy function, because of `with`): its `this` is an inert frozen object, never the host's
  // global (what a sloppy call with an undefined `this` would give). And the runner must be
  // exactly the function we wrote: the engine's own rendering of it is compared with our text.
  const runner = apply(factory, inertThis, [scopeTerminator]);
  if (typeof runner !== 'function' || functionToString(runner) !== runnerText) {
    throw makeSyntaxError(api, 'the source could not be rewritten safely', codes.SYNTAX_ERROR);
  }
  return runner;
};

// The rewritten text per source and variant, shared by all compartments: parsing and rewriting a
// source is done once per realm, compiling it once per compartment. Holds only strings.
const rewrites = makeSourceCache<Record<string, Rewritten>>({
  maxEntries: 512,
  maxSourceLength: 1024 * 1024,
  maxTotalLength: 16 * 1024 * 1024,
});

/** The variant `tag` of `text` in `cache`, made by `make` on a miss (and kept, up to MAX_VARIANTS). */
const variant = <V>(cache: SourceCache<Record<string, V>>, text: string, tag: string, make: () => V): V => {
  let entry = cache.get(text);
  const hit = entry?.[tag];
  if (hit !== undefined) return hit;
  const made = make();
  if (entry === undefined) {
    entry = create(null) as Record<string, V>;
    cache.set(text, entry);
  }
  if (keys(entry).length < MAX_VARIANTS) entry[tag] = made;
  return made;
};

const compile = (
  owner: object,
  text: string,
  tag: string,
  goal: Goal,
  sloppyGlobals: boolean,
  lexicalNames: Record<string, true> | null,
  validate: () => AnalyzedTree | undefined,
): Runner =>
  variant(cacheFor(owner), text, tag, () =>
    instantiate(
      variant(rewrites, text, tag, () => {
        // Throws the analysis's SyntaxError for what must not run (cached by analyze-source.ts);
        // a fresh analysis also hands over its tree.
        const tree = validate();
        return rewrite(text, goal, sloppyGlobals, lexicalNames, tree);
      }),
      apiName(tag),
    ),
  );

/** The API a compile failure is reported for, from the variant's tag (its first letter: the kind). */
const apiName = (tag: string): string =>
  tag[0] === 'f' ? 'Function()' : tag[0] === 'm' ? 'ModuleSource' : 'Compartment.evaluate()';

/** The extra lexical scope's names: a null-prototype set, and a tag that identifies it. */
export interface LexicalNames {
  readonly set: Record<string, true>;
  readonly tag: string;
}

/** Compiles a script: its completion value is the runner's return value. */
export const compileScript = (owner: object, source: string, sloppyGlobals: boolean, lexicals: LexicalNames | null): Runner =>
  compile(owner, source, `s${sloppyGlobals ? '!' : ''}${lexicals === null ? '' : lexicals.tag}`, 'script', sloppyGlobals, lexicals && lexicals.set, () =>
    analyzeSourceWithTree(source, 'script'),
  );

/** Compiles one expression: its value is the runner's return value. */
export const compileExpression = (owner: object, source: string, lexicals: LexicalNames | null): Runner =>
  compile(owner, source, `e${lexicals === null ? '' : lexicals.tag}`, 'expression', false, lexicals && lexicals.set, () =>
    analyzeSourceWithTree(source, 'expression'),
  );

/** Compiles `new Function(params, body)`: the runner returns the function. Parameters and body are validated apart. */
export const compileFunction = (owner: object, params: string, body: string): Runner => {
  // The analysis first (it throws what must not run); its tree if it was made now.
  const tree = analyzeFunctionSourceWithTree(params, body);
  const { source } = tree !== undefined ? tree : analyzeFunctionSource(params, body);
  return compile(owner, source, 'f', 'expression', false, null, () => tree);
};

/** A compiled module: a generator of (global object, helpers, import bindings, module environment). */
export type ModuleRunner = (
  this: undefined,
  global: object,
  helpers: Helpers,
  imports: object,
  env: object,
) => Generator<undefined, undefined, undefined> | AsyncGenerator<undefined, undefined, undefined>;

/** Compiles module text (module-compile.ts); throws its SyntaxError. One runner per compartment. */
export const compileModule = (owner: object, source: string): ModuleRunner =>
  compile(owner, source, 'm', 'module', false, null, () => {
    analyzeModuleSource(source);
    return undefined;
  }) as unknown as ModuleRunner;

/** Starts a compiled module: `this` is undefined at a module's top level. */
export const startModule = (runner: ModuleRunner, global: object, imports: object, env: object) =>
  apply(runner, undefined, [global, helpers, imports, env]);

/** Empties the realm's cache of rewritten text (for benchmarks that measure a first compile). */
export const resetRewriteCache = (): void => rewrites.clear();
