// Rewrites the host's global object (the start compartment's) after taming: its Date, Error and
// Math become the tamed host versions, `harden` and `lockdown` are installed, the console is
// replaced when consoleTaming asks, and `eval`/`Function` follow evalTaming.
// TOUCHES GLOBALS: this and src/shim.ts are the only modules that write to globalThis.
import { TypeError, defineProperty, getOwnPropertyDescriptor, universalThis } from '../commons.js';
import { codes, formatMessage } from '../errors.js';
import type { IntrinsicRecord } from './intrinsics.js';
import type { GlobalPermits } from '../../whitelist/types.js';
import { isPermitRef } from './failure.js';
import { makeAssert } from '../error/index.js';
import { makeEvaluators } from '../compartment/global-object.js';
import { markOwn } from './own-functions.js';

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
 * leaves the originals.
 */
export const setStartCompartmentEvaluators = (
  evalTaming: 'safe-eval' | 'unsafe-eval' | 'no-eval',
  intrinsics: IntrinsicRecord,
): void => {
  if (evalTaming === 'unsafe-eval') return;
  if (evalTaming === 'safe-eval') {
    const evaluators = makeEvaluators(universalThis, [], intrinsics['%FunctionPrototype%']!);
    setGlobal('eval', evaluators.eval);
    setGlobal('Function', evaluators.Function);
    return;
  }
  const message = formatMessage('eval()', 'disabled by lockdown({ evalTaming: "no-eval" })', codes.EVAL_DISABLED);
  const { eval: noEval } = {
    eval(_source: unknown): never {
      throw new TypeError(message);
    },
  };
  setGlobal('eval', markOwn(noEval));
  setGlobal('Function', intrinsics['%InertFunction%']);
};
