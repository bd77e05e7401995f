// The `assert` API (ses-compatible): the public functions, their types, and the host-only hook
// the causal console reads (getErrorDetailsForConsole), which src/index.ts does NOT re-export.
// No side effects.
export { assert, makeAssert, Fail, makeError, note, annotateError, quote, q, bare, b, details, X } from './assert.js';
export { bestEffortStringify } from './stringify.js';
export {
  getErrorDetailsForConsole,
  renderConsoleDetails,
  type ConsoleDetails,
  type ErrorDetailsForConsole,
} from './make-error.js';
export type * from './types.js';
