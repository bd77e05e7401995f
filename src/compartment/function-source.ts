// Lays out the text of `new Function(params, body)` and checks that a parse of it has exactly the
// structure we wrote, which is what makes validating the parameters and the body separately sound.
// No side effects.
import type { Expression, FunctionExpression, Program } from 'acorn';

/** For the function kinds: parse as the parameters or body of an async and/or generator function. */
export interface FunctionFlags {
  readonly async?: boolean;
  readonly generator?: boolean;
}

// `new Function(p1, …, body)` is `(function anonymous(P\n) {\nB\n})` (the text V8 and ses build).
// The parameters are analyzed as that text with an empty body, the body as that text with empty
// parameters, and each parse must put the `{` and the final `}` exactly where we wrote them. The
// tokenizer is deterministic and left to right, so the `{` being a token at our offset proves that
// P ended in plain code (no comment, string, template or regex left open: the `\n` ends a trailing
// `//` comment); the final `}` likewise proves it for B, whose parse starts in the same state after
// `{`. So the combined text is P's tokens, `) {`, B's tokens, `})`: no injection like
// `new Function('/*', '*/) { evil')` can change the structure. The combined text is then parsed
// once more for the early errors that span both parts (a parameter redeclared by `let` in the
// body, `'use strict'` with non-simple parameters) and for the scope analysis.

export const BODY_START = '\n) {\n';
export const BODY_END = '\n})';

export interface FunctionLayout {
  readonly text: string;
  readonly paramsStart: number;
  readonly paramsEnd: number;
  readonly bodyStart: number;
}

export const layoutFunction = (flags: FunctionFlags, params: string, body: string): FunctionLayout => {
  const prefix = `(${flags.async === true ? 'async ' : ''}function${flags.generator === true ? '*' : ''} anonymous(`;
  const paramsEnd = prefix.length + params.length;
  return {
    text: `${prefix}${params}${BODY_START}${body}${BODY_END}`,
    paramsStart: prefix.length,
    paramsEnd,
    bodyStart: paramsEnd + BODY_START.length,
  };
};

export const hasFunctionShape = (root: Program | Expression, layout: FunctionLayout, flags: FunctionFlags): boolean => {
  if (root.type !== 'FunctionExpression') return false;
  const fn: FunctionExpression = root;
  const { text, paramsStart, paramsEnd } = layout;
  if (fn.start !== 1 || fn.end !== text.length - 1) return false;
  if (fn.async !== (flags.async === true) || fn.generator !== (flags.generator === true)) return false;
  // The `{` right after our `\n) `, and the `}` right before our final `)`.
  if (fn.body.start !== paramsEnd + 3 || fn.body.end !== text.length - 1) return false;
  for (let i = 0; i < fn.params.length; i += 1) {
    if (fn.params[i].start < paramsStart || fn.params[i].end > paramsEnd) return false;
  }
  return true;
};
