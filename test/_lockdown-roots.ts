// Test helper: the roots of the frozen walk after lockdown: every whitelisted global of the host,
// the compartments' shared globals (taken from the intrinsics, since no compartment exists in
// these tests), and the anonymous intrinsics reached by syntax.
import { initialGlobals, sharedGlobals, universalGlobals } from '../whitelist/permits.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { findReachableProblems, syntaxRoots, type WalkProblem } from './_frozen-walk.js';

export const lockdownRoots = (): Record<string, unknown> => {
  const intrinsics = getIntrinsics();
  if (intrinsics === undefined) throw new Error('lockdown has not run');
  const roots: Record<string, unknown> = { ...syntaxRoots() };
  for (const [name, ref] of [...Object.entries(universalGlobals), ...Object.entries(initialGlobals)]) {
    // The host's eval and Function are its own evaluators under evalTaming 'safe-eval', not
    // intrinsics: walked through what they lead to (see assertAllReachableFrozen).
    const value = (globalThis as any)[name];
    roots[`globalThis.${name}`] = name === 'Function' ? intrinsics[ref as string] : value;
  }
  for (const [name, ref] of Object.entries(sharedGlobals)) roots[`compartment.${name}`] = intrinsics[ref];
  for (const name of ['eval', 'Function']) {
    const fn = (globalThis as any)[name];
    roots[`globalThis.${name}.[[Prototype]]`] = Object.getPrototypeOf(fn);
    if (Object.hasOwn(fn, 'prototype')) roots[`globalThis.${name}.prototype`] = fn.prototype;
  }
  return roots;
};

/** Asserts the lockdown invariant; returns the number of objects visited. */
export const assertAllReachableFrozen = (t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }): number => {
  const intrinsics = getIntrinsics()!;
  const nameOf = new Map<object, string>();
  for (const [name, value] of Object.entries(intrinsics)) nameOf.set(value as object, name);
  const { problems, visited } = findReachableProblems(lockdownRoots(), nameOf);
  // The host's own evaluators: frozen, and carrying nothing but length, name and prototype.
  for (const name of ['eval', 'Function']) {
    const fn = (globalThis as any)[name];
    if (!Object.isFrozen(fn)) problems.push({ path: `globalThis.${name}`, problem: 'not frozen' });
    for (const key of Reflect.ownKeys(fn)) {
      if (!['length', 'name', 'prototype'].includes(key as string)) {
        problems.push({ path: `globalThis.${name}.${String(key)}`, problem: 'unexpected property' });
      }
    }
  }
  t.deepEqual(problems, [] as WalkProblem[], 'every reachable object is frozen and every property whitelisted');
  return visited;
};
