// The lockdown-only entry alone: lockdown and harden work, no Compartment is installed, and
// without a parser the host's eval is disabled rather than left open.
import { lockdown, harden } from 'permafrost/lockdown';

lockdown({ reporting: 'none' });
let evalResult;
try {
  evalResult = eval('1 + 1');
} catch (error) {
  evalResult = error.message.includes('PF_EVAL_DISABLED') ? 'PF_EVAL_DISABLED' : error.message;
}
console.log(JSON.stringify([Object.isFrozen(harden({ a: {} }).a), typeof globalThis.Compartment, evalResult]));
