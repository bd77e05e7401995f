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
  for (const name of [...Object.keys(universalGlobals), ...Object.keys(initialGlobals)]) {
    roots[`globalThis.${name}`] = (globalThis as any)[name];
  }
  for (const [name, ref] of Object.entries(sharedGlobals)) roots[`compartment.${name}`] = intrinsics[ref];
  roots['globalThis.eval'] = globalThis.eval;
  roots['globalThis.Function'] = globalThis.Function;
  return roots;
};

/** Asserts the lockdown invariant; returns the number of objects visited. */
export const assertAllReachableFrozen = (t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }): number => {
  const intrinsics = getIntrinsics()!;
  const nameOf = new Map<object, string>();
  for (const [name, value] of Object.entries(intrinsics)) nameOf.set(value as object, name);
  const { problems, visited } = findReachableProblems(lockdownRoots(), nameOf);
  t.deepEqual(problems, [] as WalkProblem[], 'every reachable object is frozen and every property whitelisted');
  return visited;
};
