// Rewrites the host's global object (the start compartment's) after taming: its Date, Error and
// Math become the tamed host versions, `harden` and `lockdown` are installed, the console is
// replaced when consoleTaming asks, and `eval`/`Function` follow evalTaming. The safe evaluators
// are the compartment evaluator's, which needs the parser: it is provided by the compartment code
// when that is loaded (provideSafeEvaluators), so that the lockdown-only build carries no parser.
// TOUCHES GLOBALS: this and the src/*shim.ts files are the only modules that write to globalThis.
import { TypeError, defineProperty, getOwnPropertyDescriptor, universalThis } from '../commons.js';
import { codes, formatMessage } from '../errors.js';
import type { IntrinsicRecord } from './intrinsics.js';
import type { GlobalPermits } from '../../whitelist/types.js';
import { isPermitRef } from './failure.js';
import { makeAssert } from '../error/index.js';
import { markOwn } from './own-functions.js';

/** Makes the strict `eval` and `Function` that evaluate over `globalObject` (global-object.ts). */
export type SafeEvaluatorMaker = (
  globalObject: object,
  transforms: readonly never[],
  FunctionPrototype: object,
) => { readonly eval: unknown; readonly Function: unknown };

let makeSafeEvaluators: SafeEvaluatorMaker | undefined;

/**
 * Called once by the compartment code as it loads: from then on 'safe-eval' gives the host the
 * compartment evaluators. Without it (the `permafrost/lockdown` build) 'safe-eval' disables both.
 */
export const provideSafeEvaluators = (maker: SafeEvaluatorMaker): void => {
  makeSafeEvaluators ??= maker;
};

/** Defines (or redefines) a global binding, keeping the attributes of an existing one. */
const setGlobal = (name: string, value: unknown): void => {
  const prior = getOwnPropertyDescriptor(universalThis, name);
  defineProperty(universalThis, name, {
    value,
    writable: prior?.writable ?? true,
    enumerable: prior?.enumerable ?? false,
    configurable: prior?.configurable ?? true,
  });
};

/** Points every host global named in `globals` at its intrinsic, where the two differ. */
export const setStartCompartmentGlobals = (intrinsics: IntrinsicRecord, globals: GlobalPermits): void => {
  for (const name in globals) {
    const permit = globals[name]!;
    if (!isPermitRef(permit)) continue;
    const value = intrinsics[permit];
    if (value === undefined) continue; // not on this engine
    const prior = getOwnPropertyDescriptor(universalThis, name);
    if (prior !== undefined && 'value' in prior && prior.value === value) continue;
    setGlobal(name, value);
  }
};

/** The start compartment's `assert` becomes a redacting one unless errors are untamed (as in ses). */
export const setStartCompartmentAssert = (errorTaming: 'safe' | 'unsafe' | 'unsafe-debug'): void => {
  if (errorTaming === 'safe') setGlobal('assert', makeAssert());
};

/** Replaces the host console (consoleTaming: 'safe'). */
export const setStartCompartmentConsole = (console: unknown): void => setGlobal('console', console);

/**
 * The start compartment's `eval` and `Function` (evalTaming): 'safe-eval' (default) replaces them
 * with the same strict evaluators compartments have, over the host's global object (so host code
 * keeps evaluating code, but nothing it evaluates can reach the original evaluators, and every
 * `Function` made inherits the inert constructor); 'no-eval' makes both throw; 'unsafe-eval'
 * leaves the originals. 'safe-eval' without the compartment code (permafrost/lockdown) makes both
 * throw too, with a message that says why: the one safe choice without a parser.
 */
export const setStartCompartmentEvaluators = (
  evalTaming: 'safe-eval' | 'unsafe-eval' | 'no-eval',
  intrinsics: IntrinsicRecord,
): void => {
  if (evalTaming === 'unsafe-eval') return;
  if (evalTaming === 'safe-eval' && makeSafeEvaluators !== undefined) {
    const evaluators = makeSafeEvaluators(universalThis, [], intrinsics['%FunctionPrototype%']!);
    setGlobal('eval', evaluators.eval);
    setGlobal('Function', evaluators.Function);
    return;
  }
  const why =
    evalTaming === 'no-eval'
      ? 'disabled by lockdown({ evalTaming: "no-eval" })'
      : 'disabled: the permafrost/lockdown build has no parser for evalTaming "safe-eval"; import "permafrost" before lockdown() to keep a safe eval';
  const message = formatMessage('eval()', why, codes.EVAL_DISABLED);
  const { eval: noEval } = {
    eval(_source: unknown): never {
      throw new TypeError(message);
    },
  };
  setGlobal('eval', markOwn(noEval));
  setGlobal('Function', intrinsics['%InertFunction%']);
};
