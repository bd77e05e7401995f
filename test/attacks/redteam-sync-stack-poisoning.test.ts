// Attack (red team): stack-depth poisoning through the synchronous entry points. `import()` starts
// in a later job so that no importer chooses the stack depth at which another compartment's module
// first runs (redteam-sync-dynamic-import), but `importNow` and CommonJS `require` evaluate
// synchronously, and a guest reaches them for modules it does not own: any guest can make a child
// `Compartment` whose `modules` say `{ namespace: 'y' }` (a module of the parent, which may be one
// the parent shares from another compartment), then call `child.importNow('y')` after recursing to
// the stack limit; a CommonJS guest just calls `require('y')` there. At some depth the evaluator
// (or y's body) runs out of stack, y throws RangeError, and a module that throws stays failed: the
// owning compartment's own import of y fails forever.
//
// Safe behaviour: a synchronous evaluation runs only modules of the compartment it was asked of (a
// module of another compartment that has not run is refused with PF_MODULE_NOT_EVALUATED, before
// anything runs); modules that have run are returned as they are.
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { assertVictimRuns, depthAttacker, depthVictim } from './_stack-and-host.js';

lockdown({ reporting: 'none' });


const probe = (call: string): string => `
  const probe = () => { try { probe(); } catch {} try { ${call}; } catch {} };
  probe();`;

test('redteam-sync-stack-poisoning: a child compartment importNow() of a shared module at a chosen depth', async t => {
  const B = depthVictim();
  const A = depthAttacker(
    B,
    new ModuleSource(`
        const child = new Compartment({ __options__: true, modules: { y: { namespace: 'y' } } });
        ${probe(`child.importNow('y')`)}
        export const done = true;`),
  );
  await A.import('main');
  await assertVictimRuns(t, B, "B's module was first run by a guest of A at a depth it chose");
});

test('redteam-sync-stack-poisoning: a CommonJS require() of a shared module at a chosen depth', async t => {
  const B = depthVictim();
  const A = depthAttacker(B, new CjsModuleSource(`${probe(`require('y')`)} exports.done = true;`));
  await A.import('main');
  await assertVictimRuns(t, B, "B's module was first run by a guest of A at a depth it chose");
});

test('redteam-sync-stack-poisoning: a synchronous evaluation refuses, before anything runs, a module of another compartment that has not run', t => {
  const log: string[] = [];
  const B = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { log: Object.freeze((x: string) => log.push(x)) },
    modules: { y: new ModuleSource(`log('y');`) },
  });
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { log: Object.freeze((x: string) => log.push(x)) },
    modules: { y: { namespace: 'y', compartment: B }, main: new ModuleSource(`import 'y'; log('main');`) },
  });
  t.throws(() => A.importNow('main'), { instanceOf: TypeError, message: /PF_MODULE_NOT_EVALUATED/ });
  t.deepEqual(log, []);
  B.importNow('y');
  A.importNow('main');
  t.deepEqual(log, ['y', 'main']);
});
