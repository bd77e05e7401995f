// Decides whether a function found in a whitelisted slot is the built-in that belongs there (or
// Permafrost's own replacement for it): code that ran before lockdown could have put a closure over
// mutable state, a bound or Proxy function, another native (Date.now in Array.prototype.findLast:
// a clock for every guest), or a powerful one (the original eval or Function, a host binding) in a
// method's place. The test is the engine's own rendering of the function, which code cannot forge:
// exactly `function <expected name>() { [native code] }`, where the expected name comes from the
// slot (key, `get key`, `[Symbol.x]`, or an alias in the whitelist data). Reads only.
import { FERAL_EVAL, FERAL_FUNCTION, functionToString, stringSlice } from '../commons.js';
import { isOwnFunction } from './own-functions.js';

/** Undefined if `fn` may stand where a function named `expectedName` belongs, else the reason. */
export type BuiltinChecker = (fn: object, expectedName: string, intrinsicName?: string) => string | undefined;

/**
 * Makes the checker. `originalConstructors` are the replaced generator/async constructors, which
 * must appear nowhere; the original `Function` may appear only as %InitialFunction%.
 */
export const makeBuiltinChecker = (originalConstructors: readonly unknown[]): BuiltinChecker => (fn, expected, intrinsicName) => {
  if (fn === FERAL_EVAL) return 'is the original eval';
  if (fn === FERAL_FUNCTION && intrinsicName !== '%InitialFunction%') return 'is the original Function constructor';
  for (let i = 0; i < originalConstructors.length; i += 1) {
    if (fn === originalConstructors[i]) return 'is an original function constructor';
  }
  // Ours, made during lockdown (so out of reach of code that ran before it), or the public
  // `lockdown`/`harden`, which are harmless in any slot. Their names are not checked: several of
  // our accessors share one getter.
  if (isOwnFunction(fn)) return undefined;
  let text: string;
  try {
    text = functionToString(fn);
  } catch {
    return 'cannot be rendered by Function.prototype.toString';
  }
  // V8 renders a native function with its internal name (renaming it does not change this), and a
  // Proxy or bound function with an empty one; neither runs any code of the function's.
  if (text === `function ${expected}() { [native code] }`) return undefined;
  return `is not the built-in "${expected}" (it renders as ${quoteText(text)}; replaced before lockdown?)`;
};

/** A short, quoted rendering of a function's text for the error message. */
const quoteText = (text: string): string => {
  const short = text.length > 60 ? `${stringSlice(text, 0, 57)}...` : text;
  return `"${short}"`;
};
