// How a reference to a name is used, as the scope analysis records it for the evaluator's rewrite
// (rewrite-source.ts): the low bits are the kind, the high bits are flags. Pure data, no side
// effects. Kept apart so that the analyzer and the rewriter agree on one definition.

/** `x` read as a value (also a `new x` callee, a computed key, a default value, ...). */
export const REF_READ = 0;
/** `x(…)` or ``x`…` ``: the callee of a call or the tag of a template, whose `this` is undefined. */
export const REF_CALLEE = 1;
/** `typeof x`: an unbound name gives 'undefined' instead of throwing. */
export const REF_TYPEOF = 2;
/**
 * `x = v`: auxA/auxB are the range of the whole assignment expression, which (unlike the ranges of
 * `x` and `v`, without their parentheses) includes `(x)` and `(v)`.
 */
export const REF_ASSIGN = 3;
/** `x op= v` for an arithmetic, bitwise or shift op: as REF_ASSIGN, and op is `op`. */
export const REF_COMPOUND = 4;
/** `x ||= v`, `x &&= v`, `x ??= v`: as REF_COMPOUND, op is `||`, `&&` or `??`. */
export const REF_LOGICAL = 5;
/** `x++`, `--x`, ...: auxA/auxB are the range of the whole update expression, parentheses included. */
export const REF_UPDATE = 6;
/** A destructuring assignment target (`[x] = a`, `({x} = o)`) or a for-in/of target. */
export const REF_TARGET = 7;

/** Mask of the kind bits. */
export const REF_KIND_MASK = 15;
/** Shorthand property: `{x}` in an object literal, or `{x}` / `{x = d}` in an object pattern. */
export const REF_SHORTHAND = 16;
/**
 * The value assigned is an anonymous function or class definition, which the language names
 * after the target (ECMA-262 NamedEvaluation): `x = function () {}` has name "x".
 */
export const REF_ANONYMOUS_VALUE = 32;
/** A REF_TARGET with a default initializer (`[x = d] = a`): auxA/auxB are the range of `d`. */
export const REF_DEFAULT = 64;
