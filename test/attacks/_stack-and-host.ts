// Test helpers for the attack suite: guest code that evaluates a text at every stack depth from the
// limit upwards (stack-exhaustion attacks on the analysis cache), and a check that a guest reached
// the host's `node:process` module (parse-differential attacks that hide an `import()`), and a
// victim and attacker pair for stack-depth poisoning of a module shared between compartments.
import type { ExecutionContext } from 'ava';
import { Compartment, ModuleSource } from '../../src/index.js';

/**
 * Guest code that defines `globalThis.poison(src)`: evaluates `src` in a new Compartment at every
 * depth from the stack limit upwards, until one attempt runs ('ran') or fails with a SyntaxError
 * (then the value of the guest expression `onSyntaxError`, where `e` is the error). The warm-up lets
 * acorn's overflow check compile its regex with room to spare.
 */
export const stackDiver = (onSyntaxError: string): string => `
  for (let i = 0; i < 5; i += 1) {
    try { new Compartment().evaluate('['.repeat(100000 + i)); } catch {}
  }
  globalThis.poison = src => {
    let result;
    const dive = () => {
      try { dive(); } catch {}
      if (result !== undefined) return;
      try { new Compartment().evaluate(src); result = 'ran'; }
      catch (e) { if (e instanceof SyntaxError) result = ${onSyntaxError}; }
    };
    dive();
    return result;
  };
`;

/** Runs `run`; true if it handed back a promise of the host's `node:process` module. */
export const reachedHostProcess = async (run: () => unknown): Promise<boolean> => {
  let value: unknown;
  try {
    value = run();
  } catch {
    return false; // rejected: safe
  }
  if (value === null || typeof value !== 'object' || typeof (value as { then?: unknown }).then !== 'function') return false;
  try {
    const ns = (await value) as { default?: { pid?: unknown } } | undefined;
    return typeof ns?.default?.pid === 'number';
  } catch {
    return false;
  }
};

/** A compartment B whose module `y` recurses 50 deep when it first runs (the victim of depth poisoning). */
export const depthVictim = (): Compartment =>
  new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { y: new ModuleSource(`const f = n => (n === 0 ? 0 : 1 + f(n - 1)); export const depth = f(50);`) },
  });

/** A compartment A that shares `y` from `victim` and has the attacker's module as `main`. */
export const depthAttacker = (victim: Compartment, main: object): Compartment =>
  new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { y: { namespace: 'y', compartment: victim }, main },
  });

/** Asserts that the victim's own import of `y` still works, whatever the attacker did first. */
export const assertVictimRuns = async (t: ExecutionContext, victim: Compartment, what: string): Promise<void> => {
  const y = (await victim.import('y').catch((error: unknown) => error)) as { depth?: number } | Error;
  t.false(y instanceof Error, `${what}, and now fails forever: ${y instanceof Error ? y.message : 'no'}`);
  t.is((y as { depth?: number }).depth, 50);
};
