// The only module that calls acorn. Parses guest text as strict script, whole expression or module,
// reports HTML-like comments as acorn's tokenizer sees them, and turns every parser failure into a
// plain `Problem` (offset + message) so that no acorn error object or stack reaches guest code.
// Assumes acorn ^8.19 (its `strict` option). No side effects.
import { Parser, getLineInfo, tokTypes } from 'acorn';
import type { AnyNode, Expression, Options, Program, TokenType } from 'acorn';
import { RangeError, stringCharCodeAt, stringEndsWith, stringSlice } from '../commons.js';
import { codes } from '../errors.js';
import { KNOWN_NODE_TYPES } from './node-types.js';
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

// acorn's parser internals used here: the methods acorn's plugins extend, stable across acorn 8.
interface ParserInternals {
  nextToken(): void;
  parse(): Program;
  parseExpression(): Expression;
  type: TokenType;
  start: number;
  pos: number;
  input: string;
  unexpected(pos?: number): never;
  skipLineComment(startSkip: number): void;
  readToken_slash(): void;
  readToken_lt_gt(code: number): void;
  canInsertSemicolon(): boolean;
  finishNode(node: AnyNode, type: string): AnyNode;
  finishNodeAt(node: AnyNode, type: string, pos: number, loc?: unknown): AnyNode;
  /** acorn's: the innermost var scope (function, static block or top level) is a function's, arrows included. */
  readonly inFunction: boolean;
}
type InternalParserClass = new (options: Options, input: string) => ParserInternals;

// What the tokenizer hooks below saw during the current parse (parses never nest, and each one
// resets these first). Kept outside the parser so that the hooks allocate nothing: acorn's
// `onToken` and `onComment` callbacks allocate a token object or a comment string each time,
// which made them a third of the analysis of a large module.
let htmlCommentSeen = -1;
let ambiguousSlashSeen = -1;

/**
 * What a module's acceptance and module record need beyond the parse itself, found while parsing
 * (parseText's `checks`): the same findings as the scope walk's (analyze-scopes.ts), without a walk
 * over the tree afterwards. Offsets into the text, -1 when absent.
 */
export interface ModuleChecks {
  importExpressionAt: number;
  importMetaAt: number;
  /** `a <!--b`: in module code `a < !(--b)`, which a script would read as a comment. */
  htmlLikeOperatorAt: number;
  hasTopLevelAwait: boolean;
  /** A node type not in KNOWN_NODE_TYPES (syntax newer than the walk): its offset and type. */
  unsupportedAt: number;
  unsupportedType: string;
}

/** Fresh, empty module checks. */
export const makeModuleChecks = (): ModuleChecks => ({
  importExpressionAt: -1,
  importMetaAt: -1,
  htmlLikeOperatorAt: -1,
  hasTopLevelAwait: false,
  unsupportedAt: -1,
  unsupportedType: '',
});

/** The fields of a node that the checks read, before finishNode gives it its `type`. */
interface NodeFields {
  readonly start: number;
  readonly meta?: { readonly name: string };
  readonly await?: boolean;
  readonly kind?: string;
}

/** The checks of the current parse, if its caller asked for them (module goal only). */
let moduleChecks: ModuleChecks | undefined;

/**
 * Notes what `node`, about to be finished as `type` (every node acorn makes is finished once, through
 * finishNode or finishNodeAt, with all of its fields but `type` and `end` set), tells the module
 * checks. Top-level
 * await: an `await` (expression, `for await`, `await using`) whose innermost var scope is not a
 * function's, which is how acorn itself decides where `await` is allowed.
 */
const noteNode = (checks: ModuleChecks, parser: ParserInternals, node: NodeFields, type: string): void => {
  if (KNOWN_NODE_TYPES[type] !== true) {
    if (checks.unsupportedAt < 0) {
      checks.unsupportedAt = node.start;
      checks.unsupportedType = type;
    }
    return;
  }
  switch (type) {
    case 'ImportExpression':
      if (checks.importExpressionAt < 0) checks.importExpressionAt = node.start;
      return;
    case 'MetaProperty':
      if (node.meta?.name === 'import' && checks.importMetaAt < 0) checks.importMetaAt = node.start;
      return;
    case 'AwaitExpression':
      if (!parser.inFunction) checks.hasTopLevelAwait = true;
      return;
    case 'ForOfStatement':
      if (node.await === true && !parser.inFunction) checks.hasTopLevelAwait = true;
      return;
    case 'VariableDeclaration':
      if (node.kind === 'await using' && !parser.inFunction) checks.hasTopLevelAwait = true;
      return;
    default:
  }
};

/**
 * acorn's parser with three hooks, as acorn's plugins make them:
 * - Line comments: acorn reads HTML-like comments (ECMA-262 B.1.1, script goal only) as line
 *   comments, starting at the comment's opening token, so its first character tells them apart:
 *   `/` for `//`, `#` for a hashbang, `<` for `<!--`, `-` for `-->`.
 * - Regex or division: acorn's tokenizer decides with a context heuristic (tokencontext.js), V8's
 *   parser by the grammar. When the tokenizer reads a regex where the grammar wants an operator,
 *   acorn's parser accepts it only by inserting a semicolon before it (ASI: the regex is on a new
 *   line), where V8 reads a division that continues the statement: the code V8 runs is then not
 *   the code we checked (a regex hiding `import(`). Such text is rejected as ambiguous, failing
 *   closed (real code rarely starts a line with a regex after a statement without `;`):
 *   - a regex token at a place where acorn may insert a semicolon before it: after the identifier
 *     `of` (`a\nof\n/…/g`), acorn's tokenizer expects an expression, as in `for (x of /re/)`,
 *     where V8 reads `a; of / … / g` (test/attacks/redteam-of-regex-asi);
 *   - any `/` token right after a `}` (of a function or class expression after `:`, `yield` or
 *     `async`, acorn issues #1191, #820), whatever the parser then makes of it. Every `/` token
 *     (division, `/=` or the start of a regex, even one acorn reads again as a regex) is first
 *     read here, while `type` is still the previous token's.
 */
const HookedParser = (Parser as unknown as { extend(plugin: (base: InternalParserClass) => InternalParserClass): InternalParserClass }).extend(
  base =>
    class extends base {
      skipLineComment(startSkip: number): void {
        const c = stringCharCodeAt(this.input, this.pos);
        if ((c === 60 || c === 45) && htmlCommentSeen < 0) htmlCommentSeen = this.pos; // `<` or `-`
        super.skipLineComment(startSkip);
      }
      readToken_slash(): void {
        if (this.type === tokTypes.braceR && ambiguousSlashSeen < 0) ambiguousSlashSeen = this.start;
        super.readToken_slash();
      }
      // Every automatic semicolon goes through here (also the restricted productions' checks:
      // `yield`, `return`, postfix operators), with the token that follows it as the current one.
      canInsertSemicolon(): boolean {
        const can = super.canInsertSemicolon();
        if (can && this.type === tokTypes.regexp && ambiguousSlashSeen < 0) ambiguousSlashSeen = this.start;
        return can;
      }
      // Module checks only (a module never reads `<!--` as a comment): `<` then `!--`, as one token
      // and the next two, is the `a <!--b` that a script would read as a comment.
      readToken_lt_gt(code: number): void {
        const checks = moduleChecks;
        if (checks !== undefined && code === 60 && checks.htmlLikeOperatorAt < 0) {
          const at = this.pos;
          const input = this.input;
          if (stringCharCodeAt(input, at + 1) === 33 && stringCharCodeAt(input, at + 2) === 45 && stringCharCodeAt(input, at + 3) === 45) {
            checks.htmlLikeOperatorAt = at;
          }
        }
        super.readToken_lt_gt(code);
      }
      finishNode(node: AnyNode, type: string): AnyNode {
        if (moduleChecks !== undefined) noteNode(moduleChecks, this, node as NodeFields, type);
        return super.finishNode(node, type);
      }
      finishNodeAt(node: AnyNode, type: string, pos: number, loc?: unknown): AnyNode {
        if (moduleChecks !== undefined) noteNode(moduleChecks, this, node as NodeFields, type);
        return super.finishNodeAt(node, type, pos, loc);
      }
    },
);

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
 *
 * `checks` (module goal only) are filled during the parse (see ModuleChecks), for an analysis that
 * needs no walk of the tree.
 */
export const parseText = (text: string, goal: ParseGoal, checks?: ModuleChecks): Parsed | Problem => {
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
  };
  // acorn skips a hashbang when it constructs the parser, with the same test.
  const hasHashbang = goal !== 'expression' && stringCharCodeAt(text, 0) === 35 && stringCharCodeAt(text, 1) === 33;
  try {
    // Set inside the try, so that its finally clears them whatever fails (even running out of stack
    // here): no parse's checks outlive it.
    htmlCommentSeen = -1;
    ambiguousSlashSeen = -1;
    moduleChecks = goal === 'module' ? checks : undefined;
    const parser = new HookedParser(options, text);
    let root: Program | Expression;
    if (goal === 'expression') {
      parser.nextToken();
      root = parser.parseExpression();
      if (parser.type !== tokTypes.eof) parser.unexpected();
    } else root = parser.parse();
    if (ambiguousSlashSeen >= 0) {
      return {
        code: codes.SYNTAX_ERROR,
        what: 'a `/` here is ambiguous (regex or division?); add a semicolon or parentheses',
        at: ambiguousSlashSeen,
      };
    }
    return { root, htmlCommentAt: htmlCommentSeen, hasHashbang };
  } catch (error) {
    const problem = toProblem(error, text);
    // Running out of stack is reported as such, never as what the parse had seen by then: that
    // depends on the caller's depth, and a rejection of another kind would be cached (a guest
    // could then choose, from its stack depth, the error every party gets for that text:
    // test/attacks/redteam-stack-html-comment-channel).
    if (problem.code === codes.STACK_EXHAUSTED) return problem;
    // Report an HTML-like comment found before the failure: it is the first thing wrong.
    if (htmlCommentSeen >= 0 && htmlCommentSeen <= problem.at) return htmlCommentProblem(htmlCommentSeen);
    return problem;
  } finally {
    moduleChecks = undefined;
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
