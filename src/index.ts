// The public entry point of Permafrost (also `permafrost/compartment`; `permafrost/lockdown` is the
// lighter src/lockdown-entry.ts).
// Importing it installs the ses-compatible globals (see shim.ts); everything is also exported.
import './shim.js';

export { lockdown, repairIntrinsics, hardenIntrinsics } from './lockdown/lockdown.js';
export { harden } from './harden.js';
export type { Harden, LockdownOptions } from './types.js';
export { assert, X, q, b, makeError, Fail } from './error/index.js';
export { Compartment, type CompartmentConstructor, type CompartmentOptions, type EvaluateOptions, type Transform } from './compartment/compartment.js';
export { ModuleSource, type ModuleSourceConstructor } from './compartment/module-source.js';
export { CjsModuleSource, makeJsonModuleSource, type CjsModuleSourceConstructor } from './compartment/cjs-source.js';
