// Test helper for the error attack tests: "guest" code is strict eval'd code (as in a
// compartment) whose `Error` is %SharedError%, and which reaches nothing but its endowments.
//
// TODO(lead), to run the attack tests under lockdown once `lockdown()` works end to end:
//   1. in each attack test, replace `tameError()` by `lockdown()` at top level, and take
//      %SharedError% / %InitialGetStackString% from `getIntrinsics()` (src/lockdown/lockdown.ts);
//   2. make `guest()` evaluate in `new Compartment({ __options__: true, globals: endowments })`
//      instead of `new Function` (then `Error` is the compartment's own, i.e. %SharedError%);
//   3. close each file with `assertAllReachableFrozen(t)` from ./_lockdown-roots.js.

export const makeGuest =
  (SharedError: ErrorConstructor) =>
  (source: string, endowments: Record<string, unknown> = {}): any => {
    const names = Object.keys(endowments);
    const run = new Function('Error', ...names, `'use strict';\n${source}`);
    return run(SharedError, ...names.map(name => endowments[name]));
  };

/** True if `text` shows a stack frame or a file path: what guests must never see. */
export const revealsFrames = (text: unknown): boolean =>
  typeof text === 'string' && (/\n\s*at /.test(text) || /file:|\/[\w.-]+\/|node:internal|\.js:\d+/.test(text));
