// The evaluator's source analysis: before a compartment runs guest text, parse it with acorn and
// reject exactly what is dangerous (`import(…)`, `import.meta` and static module syntax outside
// modules, HTML-like comments), deciding by the parser's tokens and AST, never by a regex over
// the text; then report the scope facts the evaluator needs. Results are frozen and memoized in a
// bounded LRU cache. Side effects: only that cache.
import type { Program } from 'acorn';
import { create, freeze, jsonStringify, objectHasOwn } from '../commons.js';
import { codes, makeRangeError, makeSyntaxError, makeTypeError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { analyzeScopes } from './analyze-scopes.js';
import type { ScopeFindings } from './analyze-scopes.js';
import { collectModuleRecord } from './module-record.js';
import type { ModuleRecordData } from './module-record.js';
import { htmlCommentProblem, lineAndColumn, makeModuleChecks, parseText, toProblem } from './parse-source.js';
import type { ModuleChecks, Parsed, Problem } from './parse-source.js';
import { makeWalkState } from './scope-tracker.js';
import { makeSourceCache } from './source-cache.js';
import { hasFunctionShape, layoutFunction } from './function-source.js';
import type { FunctionFlags, FunctionLayout } from './function-source.js';

export type { FunctionFlags } from './function-source.js';
export type { ModuleExportEntry, ModuleImportEntry, ModuleRecordData, ModuleReexportEntry } from './module-record.js';

/** What a text is to be parsed as. */
export type SourceKind = 'script' | 'expression' | 'function-params' | 'function-body' | 'module';

/** What the evaluator needs to know about a source that passed analysis. Deeply frozen. */
export interface SourceAnalysis {
  /** The kind analyzed; 'function' for {@link analyzeFunctionSource}. */
  readonly kind: SourceKind | 'function';
  /** The exact text analyzed: for 'function', the `(function anonymous(…\n) {\n…\n})` to evaluate. */
  readonly source: string;
  /** Identifiers referenced (read, written, `typeof`) and bound by no declaration in the source, in order of first use. */
  readonly freeNames: readonly string[];
  /** The free names that are assigned or updated (`x = 1`, `x++`, `[x] = a`, `for (x of y)`). */
  readonly assignedFreeNames: readonly string[];
  /** Names declared at top level (var, let, const, class, function; imports in modules); empty for other kinds. */
  readonly topLevelLexicals: readonly string[];
  /** Some call has the identifier `eval` as callee, parenthesized or not (`eval(x)`, `(eval)(x)`). */
  readonly hasDirectEvalCall: boolean;
  /** `this` appears outside every function and class body. */
  readonly usesThis: boolean;
  /** `arguments` appears outside every non-arrow function (so it is a free name). */
  readonly usesArguments: boolean;
  /** The text starts with a `#!` hashbang comment (scripts and modules only). */
  readonly hasHashbang: boolean;
  /** Imports and exports, for kind 'module' only. */
  readonly moduleRecord: ModuleRecordData | undefined;
}

/** A cached rejection: rethrown as a fresh SyntaxError on every hit. */
interface Rejection {
  readonly rejected: true;
  readonly code: ErrorCode;
  readonly message: string;
}

type Outcome = SourceAnalysis | Rejection;

// Up to 1000 distinct sources, none longer than 1 Mi code units, 32 Mi in all. Each entry holds
// the outcomes of every kind (and function flags) the same text was analyzed as.
const cache = makeSourceCache<Record<string, Outcome>>({
  maxEntries: 1000,
  maxSourceLength: 1024 * 1024,
  maxTotalLength: 32 * 1024 * 1024,
});

/** Empties the analysis cache (for tests and benchmarks). */
export const resetSourceAnalysisCache = (): void => cache.clear();
/** The number of distinct source texts in the analysis cache. */
export const sourceAnalysisCacheSize = (): number => cache.size();

const API_NAMES: Readonly<Record<SourceKind | 'function', string>> = freeze({
  script: 'Compartment.evaluate()',
  expression: 'Compartment.evaluate()',
  module: 'ModuleSource()',
  'function-params': 'Function()',
  'function-body': 'Function()',
  function: 'Function()',
});

/** A stretch of the parsed text that is guest text, for reporting locations in the guest's own coordinates. */
interface Region {
  readonly label: string;
  readonly start: number;
  readonly text: string;
}

const reject = (problem: Problem, regions: readonly Region[]): Rejection => {
  let region = regions[0];
  for (let i = 1; i < regions.length; i += 1) if (problem.at >= regions[i].start) region = regions[i];
  const offset = problem.at - region.start;
  const clamped = offset < 0 ? 0 : offset > region.text.length ? region.text.length : offset;
  const { line, column } = lineAndColumn(region.text, clamped);
  const message = `${problem.what} at line ${line}, column ${column}${region.label}`;
  return freeze({ rejected: true, code: problem.code, message });
};

const earliest = (best: Problem | undefined, at: number, code: ErrorCode, what: string): Problem | undefined =>
  at >= 0 && (best === undefined || at < best.at) ? { code, what, at } : best;

/** The first dangerous construct the parse and the walk found, if any. */
const findProblem = (f: ScopeFindings, parsed: Parsed, isModule: boolean): Problem | undefined => {
  let p: Problem | undefined;
  p = earliest(p, f.unsupportedAt, codes.SYNTAX_ERROR, `unsupported syntax (${f.unsupportedType})`);
  if (parsed.htmlCommentAt >= 0 && (p === undefined || parsed.htmlCommentAt < p.at)) {
    p = htmlCommentProblem(parsed.htmlCommentAt);
  }
  if (isModule) {
    // `import(…)` and `import.meta` are allowed in modules: the module record flags them for the
    // loader. `a <!--b` is not a comment in a module, but would become one if the module's code
    // were ever evaluated as a script, hiding the rest of the line: rejected like a comment.
    const what = "'<!--' rejected (a script would read it as an HTML-like comment)";
    p = earliest(p, f.htmlLikeOperatorAt, codes.HTML_COMMENT_REJECTED, what);
  } else {
    const { IMPORT_EXPRESSION_REJECTED, IMPORT_META_REJECTED, MODULE_SYNTAX_REJECTED } = codes;
    p = earliest(p, f.importExpressionAt, IMPORT_EXPRESSION_REJECTED, 'dynamic import() rejected (use a module)');
    p = earliest(p, f.importMetaAt, IMPORT_META_REJECTED, 'import.meta is only available in modules');
    const what = 'static import/export declarations are only allowed in modules';
    p = earliest(p, f.moduleDeclarationAt, MODULE_SYNTAX_REJECTED, what);
  }
  return p;
};

const makeAnalysis = (
  kind: SourceKind | 'function',
  source: string,
  f: ScopeFindings,
  parsed: Parsed,
): SourceAnalysis => {
  const isProgram = kind === 'script' || kind === 'module';
  return freeze({
    kind,
    source,
    freeNames: freeze(f.freeNames),
    assignedFreeNames: freeze(f.assignedFreeNames),
    topLevelLexicals: freeze(isProgram ? f.topLevelDeclarations : []),
    hasDirectEvalCall: f.hasDirectEvalCall,
    usesThis: f.usesThis,
    usesArguments: f.usesArguments,
    hasHashbang: parsed.hasHashbang,
    moduleRecord:
      kind === 'module'
        ? collectModuleRecord(parsed.root as Program, {
            usesDynamicImport: f.importExpressionAt >= 0,
            usesImportMeta: f.importMetaAt >= 0,
            hasTopLevelAwait: f.hasTopLevelAwait,
          })
        : undefined,
  });
};

/** Scope findings with no names, from the checks made while parsing a module. */
const checkedFindings = (text: string, checks: ModuleChecks): ScopeFindings => {
  const findings = makeWalkState(text, false);
  findings.importExpressionAt = checks.importExpressionAt;
  findings.importMetaAt = checks.importMetaAt;
  findings.htmlLikeOperatorAt = checks.htmlLikeOperatorAt;
  findings.hasTopLevelAwait = checks.hasTopLevelAwait;
  findings.unsupportedAt = checks.unsupportedAt;
  findings.unsupportedType = checks.unsupportedType;
  return findings;
};

const isFunctionKind = (kind: SourceKind | 'function'): boolean =>
  kind === 'function' || kind === 'function-params' || kind === 'function-body';

const analyze = (
  kind: SourceKind | 'function',
  source: string,
  flags: FunctionFlags,
  params: string,
  body: string,
  checksOnly = false,
): Outcome => {
  let text = source;
  let regions: Region[] = [{ label: '', start: 0, text: source }];
  let layout: FunctionLayout | undefined;
  if (isFunctionKind(kind)) {
    layout = layoutFunction(flags, params, body);
    text = layout.text;
    const paramsRegion = { label: ' of the parameters', start: layout.paramsStart, text: params };
    const bodyRegion = { label: ' of the body', start: layout.bodyStart, text: body };
    if (kind === 'function-params') regions = [paramsRegion];
    else if (kind === 'function-body') regions = [bodyRegion];
    else regions = [paramsRegion, bodyRegion];
  }
  const goal = kind === 'script' || kind === 'module' ? kind : 'expression';
  // A ModuleSource's analysis (checksOnly) finds what it needs while parsing: no walk afterwards.
  const checks = checksOnly ? makeModuleChecks() : undefined;
  const parsed = parseText(text, goal, checks);
  if (!objectHasOwn(parsed, 'root')) return reject(parsed as Problem, regions);
  const { root } = parsed as Parsed;
  if (layout && !hasFunctionShape(root, layout, flags)) {
    const what =
      kind === 'function-body'
        ? 'the body is not a function body on its own'
        : 'the parameters are not a parameter list on their own';
    return reject({ code: codes.SYNTAX_ERROR, what, at: 0 }, regions);
  }
  let findings: ScopeFindings;
  if (checks !== undefined) findings = checkedFindings(text, checks);
  else {
    try {
      findings = analyzeScopes(root, text);
    } catch (error) {
      return reject(toProblem(error, text), regions);
    }
  }
  const problem = findProblem(findings, parsed as Parsed, kind === 'module');
  if (problem) return reject(problem, regions);
  if (keepTree && (kind === 'script' || kind === 'expression' || kind === 'function')) {
    kept = { source: text, kind, parsed: parsed as Parsed, findings };
  }
  return makeAnalysis(kind, kind === 'function' ? text : source, findings, parsed as Parsed);
};

/** The parse and scope findings of one analysis, handed to the evaluator's rewrite (one slot). */
export interface AnalyzedTree {
  readonly source: string;
  readonly kind: SourceKind | 'function';
  readonly parsed: Parsed;
  readonly findings: ScopeFindings;
}
let keepTree = false;
let kept: AnalyzedTree | undefined;

/** Runs `run` (an analysis) and returns the tree analyze() kept for `text` as `kind`, if it analyzed it now. */
const withTree = (run: () => SourceAnalysis, kind: SourceKind | 'function'): AnalyzedTree | undefined => {
  keepTree = true;
  kept = undefined;
  try {
    const { source } = run();
    const tree = kept as AnalyzedTree | undefined; // (set by analyze() during the call above)
    return tree !== undefined && tree.source === source && tree.kind === kind ? tree : undefined;
  } finally {
    keepTree = false;
    kept = undefined;
  }
};

/**
 * Analyzes a script or expression as {@link analyzeSource} does and, if it was analyzed now (not
 * found in the cache), also returns its tree, so that the evaluator's rewrite need not parse and
 * walk the same text again. The tree is never stored beyond this call.
 */
export const analyzeSourceWithTree = (source: string, kind: 'script' | 'expression'): AnalyzedTree | undefined =>
  withTree(() => analyzeSource(source, kind), kind);

/**
 * {@link analyzeFunctionSource}, and the tree of the whole function's text (its `source`) if it
 * was analyzed now: for the evaluator's rewrite and CommonJS export detection (one parse fewer).
 */
export const analyzeFunctionSourceWithTree = (params: string, body: string): AnalyzedTree | undefined =>
  withTree(() => analyzeFunctionSource(params, body), 'function');

/** Looks `source` up in the cache under `tag`, analyzing and caching it on a miss. */
const cached = (source: string, tag: string, compute: () => Outcome): Outcome => {
  let entry = cache.get(source);
  const hit = entry?.[tag];
  if (hit) return hit;
  const outcome = compute();
  // A rejection for lack of stack depends on the caller, not on the text: never cached.
  if (objectHasOwn(outcome, 'rejected') && (outcome as Rejection).code === codes.STACK_EXHAUSTED) return outcome;
  if (!entry) {
    entry = create(null) as Record<string, Outcome>;
    cache.set(source, entry);
  }
  entry[tag] = outcome;
  return outcome;
};

const unwrap = (outcome: Outcome, kind: SourceKind | 'function'): SourceAnalysis => {
  if (objectHasOwn(outcome, 'rejected')) {
    const { message, code } = outcome as Rejection;
    if (code === codes.STACK_EXHAUSTED) throw makeRangeError(API_NAMES[kind], message, code);
    throw makeSyntaxError(API_NAMES[kind], message, code);
  }
  return outcome as SourceAnalysis;
};

const isSourceKind = (kind: unknown): kind is SourceKind =>
  kind === 'script' ||
  kind === 'expression' ||
  kind === 'function-params' ||
  kind === 'function-body' ||
  kind === 'module';

const checkArguments = (source: unknown, kind: string, flags: FunctionFlags | undefined, api: string): string => {
  if (typeof source !== 'string') {
    throw makeTypeError(api, `source must be a string, got ${typeof source}`, codes.SOURCE_NOT_STRING);
  }
  if (!isSourceKind(kind) && kind !== 'function') {
    throw makeTypeError(api, `unknown source kind ${jsonStringify(kind)}`, codes.BAD_OPTION_VALUE);
  }
  if (flags !== undefined && (typeof flags !== 'object' || flags === null)) {
    throw makeTypeError(api, 'function flags must be an object', codes.BAD_OPTION_VALUE);
  }
  return source;
};

const flagsTag = (flags: FunctionFlags): string =>
  `${flags.async === true ? ' async' : ''}${flags.generator === true ? ' generator' : ''}`;

/**
 * Parses `source` as `kind` with strict semantics and returns what the evaluator needs, or throws a
 * SyntaxError (`<API>: <what> at line L, column C (PF_<CODE>)`, column 1-based) if it does not
 * parse or contains what a compartment must not run: `import(…)` (allowed and flagged in modules),
 * `import.meta` or `import`/`export` declarations outside modules, or an HTML-like comment.
 * `flags` applies to 'function-params' and 'function-body' only. Memoized per (kind, flags, source).
 */
export const analyzeSource = (source: string, kind: SourceKind, flags?: FunctionFlags): SourceAnalysis => {
  checkArguments(source, kind, flags, isSourceKind(kind) ? API_NAMES[kind] : 'analyzeSource()');
  const isFunction = kind === 'function-params' || kind === 'function-body';
  if (!isFunction && flags !== undefined && (flags.async === true || flags.generator === true)) {
    throw makeTypeError(API_NAMES[kind], `function flags do not apply to kind '${kind}'`, codes.BAD_OPTION_VALUE);
  }
  const f: FunctionFlags =
    isFunction && flags ? { async: flags.async === true, generator: flags.generator === true } : {};
  const outcome = cached(source, kind + flagsTag(f), () =>
    kind === 'function-params'
      ? analyze(kind, source, f, source, '')
      : kind === 'function-body'
        ? analyze(kind, source, f, '', source)
        : analyze(kind, source, f, '', ''),
  );
  return unwrap(outcome, kind);
};

/**
 * Analyzes module text as a ModuleSource needs it: the same parse and the same checks as
 * `analyzeSource(source, 'module')`, and its module record, without the scope facts: the checks
 * are made while parsing (parse-source.ts ModuleChecks), with no walk of the tree afterwards, which
 * keeps the analysis of a large module close to the cost of acorn's parse. Memoized like
 * analyzeSource. Throws its SyntaxError. The module compiler's own walk later finds the same facts,
 * and the compiler checks that they agree (evaluator.ts).
 */
export const analyzeModuleSource = (source: string): ModuleRecordData => {
  checkArguments(source, 'module', undefined, API_NAMES.module);
  const outcome = cached(source, 'module checks', () => analyze('module', source, {}, '', '', true));
  return unwrap(outcome, 'module').moduleRecord as ModuleRecordData;
};

/**
 * Analyzes `new Function(…params, body)`: `params` (the parameter strings joined with ',') and
 * `body` are each validated on their own, then combined into the text to evaluate, returned as
 * `source` (`(function anonymous(params\n) {\nbody\n})`, an expression) with its scope facts.
 */
export const analyzeFunctionSource = (params: string, body: string, flags?: FunctionFlags): SourceAnalysis => {
  checkArguments(params, 'function', flags, 'Function()');
  checkArguments(body, 'function', flags, 'Function()');
  const f: FunctionFlags = { async: flags?.async === true, generator: flags?.generator === true };
  analyzeSource(params, 'function-params', f);
  analyzeSource(body, 'function-body', f);
  const { text } = layoutFunction(f, params, body);
  return unwrap(
    cached(text, `function${flagsTag(f)}`, () => analyze('function', text, f, params, body)),
    'function',
  );
};

/**
 * Analyzes a function the evaluator wrote itself (its rewrite of guest code, evaluator.ts): one
 * parse of the whole function, with the same checks as {@link analyzeFunctionSource} (the parse
 * must have exactly the function's shape, and nothing dangerous may appear), but not cached: the
 * text is new each time, and must not push guests' analyses out of the cache.
 */
export const analyzeGeneratedFunction = (params: string, body: string, flags: FunctionFlags): SourceAnalysis => {
  const f: FunctionFlags = { async: flags.async === true, generator: flags.generator === true };
  const { text } = layoutFunction(f, params, body);
  return unwrap(analyze('function', text, f, params, body), 'function');
};
