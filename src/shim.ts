// Installs the ses-compatible globals when the full Permafrost is imported: those of
// lockdown-shim.ts, and `Compartment` (usable after lockdown(), as ses's, which also works before).
// Existing bindings of another shim are left alone. TOUCHES GLOBALS: a shim module.
import { installGlobal } from './lockdown-shim.js';
import { Compartment } from './compartment/compartment.js';

installGlobal('Compartment', Compartment);
