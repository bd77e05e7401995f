// Compiles guest code, once per source text, into a strict function of (global object, helpers,
// lexicals): analyze (analyze-source.ts), rewrite free references into accesses to the global
// object (rewrite-references.ts), return the completion value (completion.ts), all inside
// `with (terminator)` (scope-terminator.ts) so a missed reference never reaches the host's globals.
// One compiled function serves every compartment. Side effects: a bounded cache of them.
import {
  FERAL_FUNCTION,
  ReferenceError,
  SyntaxError,
  apply,
  create,
  freeze,
  keys,
  stringIncludes,
  stringSlice,
  stringStartsWith,
} from '../commons.js';
import { codes, makeSyntaxError } from '../errors.js';
import type { Program } from 'acorn';
import { analyzeFunctionSource, analyzeSource } from './analyze-source.js';
import { analyzeScopes } from './analyze-scopes.js';
import { planCompletion } from './completion.js';
import { parseText } from './parse-source.js';
import { makeTargetsSource, rewriteReferences } from './rewrite-references.js';
import type { RewriteNames } from './rewrite-references.js';
import type { ScopeFindings } from './scope-tracker.js';
import { scopeTerminator } from './scope-terminator.js';
import { makeSourceCache } from './source-cache.js';
import { makeSourceEdits } from './source-edits.js';

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

// Compiled runners per source text, then per variant (goal, sloppy globals, lexical names).
const cache = makeSourceCache<Record<string, Runner>>({
  maxEntries: 1000,
  maxSourceLength: 1024 * 1024,
  maxTotalLength: 32 * 1024 * 1024,
});
/** Variants kept per source: more (many lexical name sets) are compiled but not cached. */
const MAX_VARIANTS = 16;

let skipName: string | undefined;

/**
 * For tests of the scope terminator only: the rewrite leaves every reference to `name` as written,
 * as a bug in the analysis would. Clears the cache. Not exported from the package.
 */
export const setRewriteFaultForTesting = (name: string | undefined): void => {
  skipName = name;
  cache.clear();
};

const startsAny = (names: readonly string[], prefix: string): boolean => {
  for (let i = 0; i < names.length; i += 1) if (stringStartsWith(names[i], prefix)) return true;
  return false;
};

/**
 * Identifiers for the rewritten code: a prefix that occurs nowhere in the source. An identifier
 * can also be spelled with escapes (`\u0024pfG`): then the names the source references or
 * declares at top level (where a clash with our parameters matters) are checked too.
 */
const freshNames = (text: string, f: ScopeFindings): RewriteNames & Record<'temp' | 'saved' | 'terminator', string> => {
  const mayEscape = stringIncludes(text, '\\');
  let prefix = '$pf';
  for (let k = 1; ; k += 1) {
    const clash =
      stringIncludes(text, prefix) ||
      (mayEscape && (startsAny(f.refNames, prefix) || startsAny(f.topLevelDeclarations, prefix)));
    if (!clash) break;
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
  };
};

type Goal = 'script' | 'expression';

const build = (text: string, goal: Goal, sloppyGlobals: boolean, lexicalNames: Record<string, true> | null): Runner => {
  const parsed = parseText(text, goal);
  if (!('root' in parsed)) throw makeSyntaxError('Compartment.evaluate()', parsed.what, parsed.code);
  const findings = analyzeScopes(parsed.root, text);
  const names = freshNames(text, findings);
  const edits = makeSourceEdits(text, findings.expressionStatementStarts, findings.unterminatedEnds);
  let usesTemp = false;
  if (goal === 'script') usesTemp = planCompletion(parsed.root as Program, text, edits, names.temp, names.saved).usesTemp;
  else {
    edits.open(0, 'return (', true);
    edits.close(text.length, '\n)');
  }
  const targets = rewriteReferences(text, findings, edits, names, { lexicalNames, sloppyGlobals, skipName });
  let body = edits.apply();
  // A hashbang comment is only one at the very start of a script: keep it a comment.
  if (parsed.hasHashbang) body = `//${stringSlice(body, 2)}`;
  const prelude =
    (usesTemp ? `let ${names.temp}; ` : '') +
    (targets.length > 0 ? makeTargetsSource(targets, names, sloppyGlobals) : '');
  const epilogue = usesTemp ? `return ${names.temp};\n` : '';
  const { terminator, global, helpers: h, lexicals } = names;
  const source = `with (${terminator}) { return function (${global}, ${h}, ${lexicals}) { 'use strict'; ${prelude}\n${body}\n${epilogue}} }`;
  let factory: (terminator: object) => Runner;
  try {
    factory = FERAL_FUNCTION(terminator, source) as (terminator: object) => Runner;
  } catch (error) {
    // A SyntaxError is not reachable for a source the analysis accepted; it is reported without
    // the rewritten text. Anything else (an EvalError under a CSP without 'unsafe-eval') as is.
    if (!(error instanceof SyntaxError)) throw error;
    throw makeSyntaxError('Compartment.evaluate()', 'the source could not be compiled', codes.SYNTAX_ERROR);
  }
  return apply(factory, undefined, [scopeTerminator]);
};

const compile = (
  text: string,
  tag: string,
  goal: Goal,
  sloppyGlobals: boolean,
  lexicalNames: Record<string, true> | null,
  validate: () => void,
): Runner => {
  let entry = cache.get(text);
  const hit = entry?.[tag];
  if (hit !== undefined) return hit;
  validate(); // throws the analysis's SyntaxError for what must not run; cached by analyze-source.ts
  const runner = build(text, goal, sloppyGlobals, lexicalNames);
  if (entry === undefined) {
    entry = create(null) as Record<string, Runner>;
    cache.set(text, entry);
  }
  if (keys(entry).length < MAX_VARIANTS) entry[tag] = runner;
  return runner;
};

/** The extra lexical scope's names: a null-prototype set, and a tag that identifies it. */
export interface LexicalNames {
  readonly set: Record<string, true>;
  readonly tag: string;
}

/** Compiles a script: its completion value is the runner's return value. */
export const compileScript = (source: string, sloppyGlobals: boolean, lexicals: LexicalNames | null): Runner =>
  compile(source, `s${sloppyGlobals ? '!' : ''}${lexicals === null ? '' : lexicals.tag}`, 'script', sloppyGlobals, lexicals && lexicals.set, () => {
    analyzeSource(source, 'script');
  });

/** Compiles one expression: its value is the runner's return value. */
export const compileExpression = (source: string, lexicals: LexicalNames | null): Runner =>
  compile(source, `e${lexicals === null ? '' : lexicals.tag}`, 'expression', false, lexicals && lexicals.set, () => {
    analyzeSource(source, 'expression');
  });

/** Compiles `new Function(params, body)`: the runner returns the function. Parameters and body are validated apart. */
export const compileFunction = (params: string, body: string): Runner => {
  const { source } = analyzeFunctionSource(params, body);
  return compile(source, 'f', 'expression', false, null, () => {});
};
