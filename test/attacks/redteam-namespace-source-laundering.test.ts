// Attack (red team): turn a namespace into a source. A guest that was given one instance of a
// module (here a host virtual module whose `execute` mints a capability, once per instance) makes a
// child Compartment that aliases the namespace (`{ namespace: ns }`), then a second child that asks
// for `{ source: 'cap', compartment: child1 }`. module-loader.ts (interpret, the string `source`
// branch) follows the alias to the host's instance and makes a new instance of its source in the
// guest's compartment: the host's `execute` runs again, with the guest's compartment as its second
// argument, and the guest holds a second capability the host never handed out. (The same works for
// a ModuleSource, CjsModuleSource or precompiled record: their code runs again under globals and
// hooks the guest chose.)
//
// Safe behaviour: `{ source: 'spec', compartment }` names a source `compartment` itself was given
// (its modules map or hooks), never one reached through a namespace alias; holding a namespace
// gives that instance and nothing more.
import test from 'ava';
import { Compartment, ModuleSource, harden, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

test('redteam-namespace-source-laundering: a namespace does not let a guest re-run the host module behind it', async t => {
  let minted = 0;
  const cap = harden({
    imports: [],
    exports: ['token'],
    execute(target: Record<string, unknown>) {
      minted += 1;
      target.token = harden({ serial: minted });
    },
  });
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      cap: { source: cap },
      main: new ModuleSource(`
        import * as ns from 'cap';
        const alias = new Compartment({ __options__: true, modules: { cap: { namespace: ns } } });
        const mine = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { again: { source: 'cap', compartment: alias } } });
        let second;
        try { second = mine.importNow('again').token; } catch {}
        export { second };`),
    },
  });
  const ns = (await A.import('main')) as { second: unknown };
  t.is(minted, 1, "the host's execute ran again for the guest");
  t.is(ns.second, undefined);
});

test('redteam-namespace-source-laundering: aliasing a namespace gives the very same instance (no second run)', async t => {
  let runs = 0;
  const cap = harden({
    imports: [],
    exports: ['n'],
    execute(target: Record<string, unknown>) {
      runs += 1;
      target.n = runs;
    },
  });
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      cap: { source: cap },
      main: new ModuleSource(`
        import * as ns from 'cap';
        const alias = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { cap: { namespace: ns } } });
        export const same = alias.importNow('cap') === ns;`),
    },
  });
  const ns = (await A.import('main')) as { same: boolean };
  t.true(ns.same);
  t.is(runs, 1);
});
