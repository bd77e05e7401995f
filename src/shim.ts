// Installs the ses-compatible globals when Permafrost is imported: `lockdown`, `repairIntrinsics`
// `hardenIntrinsics` and an unredacted `assert` (`harden` and the redacting `assert` appear at
// lockdown, as in ses). Existing bindings of another
// shim are left alone. TOUCHES GLOBALS: one of the two modules allowed to.
import { defineProperty, getOwnPropertyDescriptor, universalThis } from './commons.js';
import { hardenIntrinsics, lockdown, repairIntrinsics } from './lockdown/lockdown.js';
import { makeAssert } from './error/index.js';
import { Compartment } from './compartment/compartment.js';

const install = (name: string, value: unknown): void => {
  if (getOwnPropertyDescriptor(universalThis, name) !== undefined) return;
  defineProperty(universalThis, name, { value, writable: true, enumerable: false, configurable: true });
};

install('lockdown', lockdown);
install('repairIntrinsics', repairIntrinsics);
install('hardenIntrinsics', hardenIntrinsics);
install('Compartment', Compartment); // usable after lockdown(), as ses's (which also works before)
// Before lockdown, as in ses, `assert` does not redact: there is nothing to hide from yet.
install('assert', makeAssert(undefined, true));
