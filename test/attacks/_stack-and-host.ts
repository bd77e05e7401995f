// Test helpers for the attack suite: guest code that evaluates a text at every stack depth from the
// limit upwards (stack-exhaustion attacks on the analysis cache), and a check that a guest reached
// the host's `node:process` module (parse-differential attacks that hide an `import()`).

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
