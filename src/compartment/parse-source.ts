// The only module that calls acorn. Parses guest text as strict script, whole expression or module,
// reports HTML-like comments as acorn's tokenizer sees them, and turns every parser failure into a
// plain `Problem` (offset + message) so that no acorn error object or stack reaches guest code.
// Assumes acorn ^8.19 (its `strict` option). No side effects.
import { Parser, getLineInfo, tokTypes } from 'acorn';
import type { Expression, Options, Program, TokenType } from 'acorn';
import { RangeError, stringCharCodeAt, stringEndsWith, stringSlice } from '../commons.js';
import { codes } from '../errors.js';
import type { ErrorCode } from '../errors.js';

/** Why a source is rejected: an error code, a description and the offset it applies to. */
export interface Problem {
  readonly code: ErrorCode;
  readonly what: string;
  readonly at: number;
}

/**
 * Running out of stack says nothing about the text: only about how deep the caller was. Such a
 * failure has this code, and must never be cached (a guest could otherwise make a text fail for
 * everyone, or signal through the cache: test/attacks/redteam-analysis-cache-stack-poisoning).
 */
const ACORN_STACK_MESSAGE = 'Not enough stack space to parse input';

export type ParseGoal = 'script' | 'module' | 'expression';

export interface Parsed {
  readonly root: Program | Expression;
  /** Offset of the first HTML-like comment (`<!--` anywhere, `-->` at a line start), or -1. */
  readonly htmlCommentAt: number;
  readonly hasHashbang: boolean;
}

// acorn's parser internals that `parseExpressionAt` uses, plus the end-of-input check it lacks.
// They are the methods acorn's plugins extend, stable across acorn 8.
interface ParserInternals {
  nextToken(): void;
  parseExpression(): Expression;
  type: TokenType;
  unexpected(pos?: number): never;
}
const InternalParser = Parser as unknown as new (options: Options, input: string) => ParserInternals;

/**
 * A parse failure that carries acorn's offset: acorn's errors have a numeric `pos`. Recognized by
 * shape, not by `instanceof`: acorn constructs them from whatever global `SyntaxError` is current.
 */
const acornProblem = (error: unknown, text: string): Problem | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { pos, message } = error as { pos?: unknown; message?: unknown };
  if (typeof pos !== 'number' || typeof message !== 'string') return undefined;
  // acorn appends " (line:column)"; we report the location ourselves, in the guest's coordinates.
  const loc = getLineInfo(text, pos);
  const suffix = ` (${loc.line}:${loc.column})`;
  const what = stringEndsWith(message, suffix) ? stringSlice(message, 0, message.length - suffix.length) : message;
  if (what === ACORN_STACK_MESSAGE) return { code: codes.STACK_EXHAUSTED, what: 'not enough stack to analyze the source', at: pos };
  return { code: codes.SYNTAX_ERROR, what, at: pos };
};

/**
 * Parses `text` with strict semantics for `goal`: 'script' (acorn's script goal with `strict: true`,
 * so that strict-mode early errors such as `with`, octal literals, `delete x` and duplicate
 * parameters are reported exactly as in the strict eval code a compartment runs), 'module', or
 * 'expression' (one whole Expression; only whitespace and comments may follow it).
 *
 * Scripts and expressions also parse `import`/`export` declarations and `import.meta` anywhere
 * (`allowImportExportEverywhere`), so that the caller finds them in the AST and rejects them with
 * its own message instead of acorn's. A leading hashbang is accepted in scripts and modules, as the
 * direct eval used by `ses` accepts it (ECMA-262 Hashbang comments, ES2023).
 */
export const parseText = (text: string, goal: ParseGoal): Parsed | Problem => {
  let htmlCommentAt = -1;
  let hasHashbang = false;
  let ambiguousSlashAt = -1;
  let previousLabel = '';
  const options: Options = {
    ecmaVersion: 'latest',
    sourceType: goal === 'module' ? 'module' : 'script',
    strict: true,
    allowHashBang: goal !== 'expression',
    allowImportExportEverywhere: goal !== 'module',
    allowReturnOutsideFunction: false,
    allowAwaitOutsideFunction: false,
    allowSuperOutsideMethod: false,
    allowReserved: false,
    checkPrivateFields: true,
    locations: false,
    preserveParens: false,
    // acorn reports HTML-like comments (ECMA-262 B.1.1, script goal only) as line comments. Its
    // `start` is where the comment's opening token begins, so the first character tells them
    // apart: `/` for `//` and `/*`, `#` for a hashbang, `<` for `<!--`, `-` for `-->`.
    // acorn decides regex-or-division with a context heuristic that disagrees with V8 in a few
    // corners, all of them a `/` right after a `}` (of a function or class expression after `:`,
    // `yield` or `async`: acorn issues #1191, #820). If the two read such a `/` differently, the
    // code V8 runs is not the code we checked (a regex hiding `import(`). Such text is rejected as
    // ambiguous: failing closed costs little, since real code rarely puts `/` there.
    onToken: token => {
      const label = token.type.label;
      if (label === 'regexp' || label === '/' || label === '/=') {
        if (previousLabel === '}') {
          if (ambiguousSlashAt < 0) ambiguousSlashAt = token.start;
        }
      }
      previousLabel = label;
    },
    onComment: (isBlock, _text, start) => {
      if (isBlock) return;
      const c = stringCharCodeAt(text, start);
      if (c === 35 /* # */) hasHashbang = true;
      else if ((c === 60 || c === 45) && htmlCommentAt < 0) htmlCommentAt = start; // `<` or `-`
    },
  };
  try {
    let root: Program | Expression;
    if (goal === 'expression') {
      const parser = new InternalParser(options, text);
      parser.nextToken();
      root = parser.parseExpression();
      if (parser.type !== tokTypes.eof) parser.unexpected();
    } else root = Parser.parse(text, options);
    if (ambiguousSlashAt >= 0) {
      return {
        code: codes.SYNTAX_ERROR,
        what: 'a `/` right after `}` is ambiguous (regex or division?); add a semicolon or parentheses',
        at: ambiguousSlashAt,
      };
    }
    return { root, htmlCommentAt, hasHashbang };
  } catch (error) {
    const problem = toProblem(error, text);
    // Report an HTML-like comment found before the failure: it is the first thing wrong.
    if (htmlCommentAt >= 0 && htmlCommentAt <= problem.at) return htmlCommentProblem(htmlCommentAt);
    return problem;
  }
};

export const htmlCommentProblem = (at: number): Problem => ({
  code: codes.HTML_COMMENT_REJECTED,
  what: 'HTML-like comment rejected (its meaning differs between scripts and modules)',
  at,
});

/**
 * Any failure while parsing or walking, as a Problem. Stack exhaustion (deeply nested input, or a
 * caller already deep in recursion), from acorn's guard or not, has the code STACK_EXHAUSTED;
 * anything else unexpected still fails closed.
 */
export const toProblem = (error: unknown, text: string): Problem => {
  const problem = acornProblem(error, text);
  if (problem) return problem;
  if (error instanceof RangeError) return { code: codes.STACK_EXHAUSTED, what: 'not enough stack to analyze the source', at: 0 };
  return { code: codes.SYNTAX_ERROR, what: 'source could not be analyzed', at: 0 };
};

/** `{ line, column }` of `offset` in `text`, both 1-based, with acorn's notion of line terminators. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const loc = getLineInfo(text, offset);
  return { line: loc.line, column: loc.column + 1 };
};
