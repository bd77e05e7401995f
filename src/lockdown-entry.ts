// The `permafrost/lockdown` entry point: lockdown and harden without the parser, the evaluator
// and Compartment, for programs that harden themselves and evaluate no third-party code. Importing
// it installs the ses-compatible globals of lockdown-shim.ts. Under this entry alone, the default
// evalTaming 'safe-eval' disables the host's eval and Function (see docs/distribution.md).
import './lockdown-shim.js';

export { lockdown, repairIntrinsics, hardenIntrinsics } from './lockdown/lockdown.js';
export { harden } from './harden.js';
export type { Harden, LockdownOptions } from './types.js';
export { assert, X, q, b, makeError, Fail } from './error/index.js';
