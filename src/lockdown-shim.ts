// Installs the ses-compatible globals that need no parser: `lockdown`, `repairIntrinsics`,
// `hardenIntrinsics` and an unredacted `assert` (`harden` and the redacting `assert` appear at
// lockdown, as in ses). Existing bindings of another shim are left alone. Imported for its side
// effect by both entry points (src/index.ts through shim.ts, and src/lockdown-entry.ts).
// TOUCHES GLOBALS: one of the shim modules allowed to (with shim.ts and start-compartment-globals).
import { defineProperty, getOwnPropertyDescriptor, universalThis } from './commons.js';
import { hardenIntrinsics, lockdown, repairIntrinsics } from './lockdown/lockdown.js';
import { makeAssert } from './error/index.js';

/** Defines a global as ses does (writable, configurable, not enumerable), unless one exists. */
export const installGlobal = (name: string, value: unknown): void => {
  if (getOwnPropertyDescriptor(universalThis, name) !== undefined) return;
  defineProperty(universalThis, name, { value, writable: true, enumerable: false, configurable: true });
};

installGlobal('lockdown', lockdown);
installGlobal('repairIntrinsics', repairIntrinsics);
installGlobal('hardenIntrinsics', hardenIntrinsics);
// Before lockdown, as in ses, `assert` does not redact: there is nothing to hide from yet.
installGlobal('assert', makeAssert(undefined, true));
