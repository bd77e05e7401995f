// Compartments need a locked-down realm: `new Compartment()` throws PF_NOT_LOCKED_DOWN before
// lockdown() and between repairIntrinsics() and hardenIntrinsics() (ses allows both), then works.
import test from 'ava';
import { Compartment, hardenIntrinsics, repairIntrinsics } from '../src/index.js';

test.serial('new Compartment() before lockdown and before hardening throws; after, it works', t => {
  t.is((globalThis as any).Compartment, Compartment, 'importing Permafrost installs the global');
  t.throws(() => new Compartment(), { instanceOf: TypeError, message: /call lockdown\(\) first.*PF_NOT_LOCKED_DOWN/ });
  repairIntrinsics({ reporting: 'none' });
  t.throws(() => new Compartment(), { message: /PF_NOT_LOCKED_DOWN/ });
  hardenIntrinsics();
  t.is(new Compartment().evaluate('1 + 1'), 2);
});
