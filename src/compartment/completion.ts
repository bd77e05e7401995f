// Makes a script's completion value (what `evaluate('1 + 2')` returns, as `eval` would) the
// return value of the function the evaluator compiles it into, by edits to the source text.
// Exact ECMA-262 completion semantics, statement by statement (UpdateEmpty in 14.6-14.15), without
// ever calling `eval`. Assumes a Program parsed by acorn. No side effects.
import type { ExpressionStatement, Program, Statement, TryStatement } from 'acorn';
import { stringCharCodeAt } from '../commons.js';
import type { SourceEdits } from './source-edits.js';

/** What the compiled function body needs around the edited program. */
export interface CompletionPlan {
  /** Declare the temporary (`let <temp>;`) first and `return <temp>;` last. */
  readonly usesTemp: boolean;
}

interface Context {
  readonly source: string;
  readonly edits: SourceEdits;
  /** The temporary that holds the completion value so far. */
  readonly temp: string;
  /** The temporary of a finally block (block scoped, so nested finally blocks each have theirs). */
  readonly saved: string;
}

const NO_TEMP: CompletionPlan = { usesTemp: false };
const WITH_TEMP: CompletionPlan = { usesTemp: true };

/** Statements whose completion is always empty: they never change a statement list's value. */
const isEmptyValued = (s: Statement): boolean =>
  s.type === 'EmptyStatement' ||
  s.type === 'DebuggerStatement' ||
  s.type === 'VariableDeclaration' ||
  s.type === 'FunctionDeclaration' ||
  s.type === 'ClassDeclaration';

/**
 * The general case. `C` is the temporary: every expression statement at top level (outside all
 * functions and classes) stores its value in C. The statements whose completion is
 * `UpdateEmpty(…, undefined)` (if, loops, switch, try) first set C to undefined, so that a branch,
 * body or clause that produces no value leaves undefined, as the spec does; this is done in a block
 * around the outermost label, so that labels still name the statement they label. A catch block
 * starts from undefined; a finally block saves C, and restores it if it completes normally (its
 * value only counts when it breaks or continues).
 */
/**
 * Wraps the expression of an expression statement, from the statement's start (parentheses
 * around the expression are not part of the expression node, `({a})`) to before its `;`.
 */
const wrapValue = (s: ExpressionStatement, cx: Context, open: string): void => {
  const end = stringCharCodeAt(cx.source, s.end - 1) === 59 /* ; */ ? s.end - 1 : s.end;
  cx.edits.open(s.start, open, true);
  cx.edits.close(end, ')');
};

const planStatement = (s: Statement, outerStart: number, cx: Context): void => {
  const { edits, temp } = cx;
  const resetAround = (): void => {
    edits.open(outerStart, `{${temp} = void 0; `, true);
    edits.close(s.end, '}');
  };
  switch (s.type) {
    case 'ExpressionStatement':
      wrapValue(s, cx, `${temp} = (`);
      return;
    case 'BlockStatement':
      planList(s.body, cx);
      return;
    case 'LabeledStatement':
      planStatement(s.body, outerStart, cx);
      return;
    case 'IfStatement':
      resetAround();
      planStatement(s.consequent, s.consequent.start, cx);
      if (s.alternate) planStatement(s.alternate, s.alternate.start, cx);
      return;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      resetAround();
      planStatement(s.body, s.body.start, cx);
      return;
    case 'SwitchStatement':
      resetAround();
      for (let i = 0; i < s.cases.length; i += 1) planList(s.cases[i].consequent, cx);
      return;
    case 'TryStatement':
      resetAround();
      planTry(s, cx);
      return;
    default:
      // Declarations, empty, debugger, throw, break, continue: no value of their own.
      return;
  }
};

const planTry = (s: TryStatement, cx: Context): void => {
  const { edits, temp, saved } = cx;
  planList(s.block.body, cx);
  if (s.handler) {
    const body = s.handler.body;
    edits.open(body.start + 1, `${temp} = void 0; `, true);
    planList(body.body, cx);
  }
  if (s.finalizer) {
    const f = s.finalizer;
    // Both inserts are made before the block's own edits, so that they enclose them.
    edits.open(f.start + 1, `let ${saved} = ${temp}; ${temp} = void 0; `, true);
    edits.close(f.end - 1, `;${temp} = ${saved}; `);
    planList(f.body, cx);
  }
};

const planList = (list: readonly Statement[], cx: Context): void => {
  for (let i = 0; i < list.length; i += 1) planStatement(list[i], list[i].start, cx);
};

/**
 * Edits `program` so that the compiled function returns its completion value. Fast paths: when
 * the last statement that can have a value is an expression statement, only that one changes
 * (`return (e);` if nothing but empty statements and function declarations follows it, else it is
 * stored in the temporary); when no statement can have a value, nothing changes (undefined).
 * `temp` and `saved` are identifiers that occur nowhere in the source.
 */
export const planCompletion = (
  program: Program,
  source: string,
  edits: SourceEdits,
  temp: string,
  saved: string,
): CompletionPlan => {
  const cx: Context = { source, edits, temp, saved };
  const body = program.body as Statement[];
  let onlyHoistedAfter = true;
  let i = body.length - 1;
  for (; i >= 0 && isEmptyValued(body[i]); i -= 1) {
    const t = body[i].type;
    if (t !== 'EmptyStatement' && t !== 'FunctionDeclaration') onlyHoistedAfter = false;
  }
  if (i < 0) return NO_TEMP;
  const last = body[i];
  if (last.type === 'ExpressionStatement') {
    if (onlyHoistedAfter) {
      wrapValue(last, cx, 'return (');
      return NO_TEMP;
    }
    wrapValue(last, cx, `${temp} = (`);
    return WITH_TEMP;
  }
  planList(body, cx);
  return WITH_TEMP;
};
