// ESM consumer: both entry points share one lockdown state (permafrost/lockdown locks down, the
// full build's Compartment works after it), and permafrost/legacy loads over the same instance.
import { lockdown, harden } from 'permafrost/lockdown';
import { Compartment } from 'permafrost';
import { makeSESRootRealm } from 'permafrost/legacy';

lockdown({ reporting: 'none' });
const c = new Compartment({ __options__: true, globals: { double: harden(x => x * 2) } });
console.log(JSON.stringify([Object.isFrozen(harden({ a: {} }).a), c.evaluate('double(21)'), typeof makeSESRootRealm, eval('1 + 1')]));
