// Decides whether a function found on a shared intrinsic is a genuine built-in (or one of
// Permafrost's own replacements): code that ran before lockdown could have put a closure over
// mutable state, a bound or Proxy function, or a powerful native (the original eval or Function,
// a host binding) in a method's place. The test looks at the engine's own rendering of the
// function, which code cannot forge: `function <name>() { [native code] }`, with <name> the
// function's own `name` and one of the names the whitelist uses. Reads only; no side effects.
import {
  FERAL_EVAL,
  FERAL_FUNCTION,
  Set,
  functionToString,
  getOwnPropertyDescriptor,
  keys,
  setAdd,
  setHas,
  stringSlice,
  stringStartsWith,
} from '../commons.js';
import type { GlobalPermits, Permits } from '../../whitelist/types.js';
import { isOwnFunction } from './own-functions.js';

/** Every name a built-in function on the whitelist may have. */
const makeNames = (permits: Permits, globals: readonly GlobalPermits[]): Set<string> => {
  const names = new Set<string>();
  const addName = (n: string): void => {
    setAdd(names, n);
    setAdd(names, `get ${n}`);
    setAdd(names, `set ${n}`);
  };
  const records = keys(permits);
  for (let i = 0; i < records.length; i += 1) {
    const recordName = records[i]!;
    // '%InitialDate%' → 'Date', '%TypedArray%' → 'TypedArray', '%parseInt%' → 'parseInt'
    let stem = stringSlice(recordName, 1, recordName.length - 1);
    const prefixes = ['Initial', 'Shared', 'Inert'];
    for (let p = 0; p < prefixes.length; p += 1) {
      if (stringStartsWith(stem, prefixes[p]!)) stem = stringSlice(stem, prefixes[p]!.length);
    }
    addName(stem);
    const props = keys(permits[recordName as keyof Permits]!);
    for (let j = 0; j < props.length; j += 1) {
      const p = props[j]!;
      if (stringStartsWith(p, '@@for(')) continue;
      addName(stringStartsWith(p, '@@') ? `[Symbol.${stringSlice(p, 2)}]` : p);
    }
  }
  for (let g = 0; g < globals.length; g += 1) {
    const globalNames = keys(globals[g]!);
    for (let i = 0; i < globalNames.length; i += 1) addName(globalNames[i]!);
  }
  return names;
};

export interface BuiltinChecker {
  /** Undefined if `fn` may stand at `where` (named `name` in the whitelist), else the reason. */
  (fn: object, name: string | undefined): string | undefined;
}

/**
 * Makes the checker. `anonymousBuiltins` are the built-ins that render with an empty name;
 * `originalConstructors` the replaced generator/async constructors, which must appear nowhere.
 * The original `Function` may appear only as %InitialFunction% (the host's own global).
 */
export const makeBuiltinChecker = (
  permits: Permits,
  globals: readonly GlobalPermits[],
  anonymousBuiltins: readonly unknown[],
  originalConstructors: readonly object[],
): BuiltinChecker => {
  const names = makeNames(permits, globals);
  return (fn, intrinsicName) => {
    if (isOwnFunction(fn)) return undefined;
    if (fn === FERAL_EVAL) return 'is the original eval';
    if (fn === FERAL_FUNCTION && intrinsicName !== '%InitialFunction%') return 'is the original Function constructor';
    for (let i = 0; i < originalConstructors.length; i += 1) {
      if (fn === originalConstructors[i]) return 'is an original function constructor';
    }
    // The spec's two built-ins without a name: %ThrowTypeError% and %FunctionPrototype%.
    for (let i = 0; i < anonymousBuiltins.length; i += 1) if (fn === anonymousBuiltins[i]) return undefined;
    let text: string;
    try {
      text = functionToString(fn);
    } catch {
      return 'cannot be rendered by Function.prototype.toString';
    }
    // Checked before reading anything off `fn`: a Proxy or bound function renders with an empty
    // name, and is refused here without running any of its traps.
    if (!stringStartsWith(text, 'function ') || text === 'function () { [native code] }') {
      return 'is not a built-in function (replaced before lockdown?)';
    }
    const nameDesc = getOwnPropertyDescriptor(fn, 'name');
    const name = nameDesc !== undefined && typeof nameDesc.value === 'string' ? nameDesc.value : undefined;
    if (name === undefined || text !== `function ${name}() { [native code] }`) {
      return 'is not a built-in function (replaced before lockdown?)';
    }
    if (!setHas(names, name)) return `is a native function named "${name}", which no whitelisted built-in is`;
    return undefined;
  };
};
