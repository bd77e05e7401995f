// Attack (red team): `import(specifier)` in a module evaluates the imported module synchronously,
// inside the call (module-loader.ts: dynamicImport → importNamespace run link and evaluate in the
// Promise executor when nothing needs fetching). Natively an import() never runs the module before
// it returns: evaluation happens in a later job, on a fresh stack. So the importer chooses the
// stack depth at which another module's body first runs. A guest of compartment A that is given a
// module of compartment B (`{ namespace: 'y', compartment: B }`) recurses to the stack limit and
// calls import('y') on the way back up: at some depth the loader reaches y's body with too little
// stack left, y throws RangeError, and a module that throws stays failed, so B's own import of y
// fails forever (the same for every other importer).
//
// Safe behaviour: import() returns before the imported module runs (evaluation in a later job), so
// a module is never first evaluated at a depth an importer chose.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { depthAttacker, depthVictim } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

test('redteam-sync-dynamic-import: import() does not run the module before it returns', async t => {
  const order: string[] = [];
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { order: Object.freeze((x: string) => order.push(x)) },
    modules: {
      main: new ModuleSource(`order('main start'); const p = import('dep'); order('after import()'); await p; order('main end');`),
      dep: new ModuleSource(`order('dep body');`),
    },
  });
  await c.import('main');
  t.deepEqual(order, ['main start', 'after import()', 'dep body', 'main end']);
});

test('redteam-sync-dynamic-import: an importer in another compartment cannot make a shared module fail for good', async t => {
  const B = depthVictim();
  const A = depthAttacker(
    B,
    new ModuleSource(`
        const probe = () => { try { probe(); } catch {} try { import('y').then(() => {}, () => {}); } catch {} };
        probe();
        export const done = true;`),
  );
  await A.import('main');
  const y = (await B.import('y').catch((error: unknown) => error)) as { depth?: number } | Error;
  t.false(y instanceof RangeError, "B's module was run by A's import() at a depth A chose, and now fails forever");
  t.is((y as { depth?: number }).depth, 50);
});
