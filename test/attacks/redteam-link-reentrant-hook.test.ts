// Attack (red team): re-enter linking from guest code that linking calls. While a compartment
// links a graph, it calls the compartment's importMetaHook for each module that uses `import.meta`
// (the ModuleSource's needsImportMeta); a guest that makes a Compartment chooses that hook. The hook
// calls `importNow` of a module of the graph still being linked: that links and runs it, then the
// outer link, which had listed it as unlinked, linked it again, with a new generator, and the
// module's body ran a second time when the graph was evaluated (its exports still read the first
// run's bindings). A module's body runs once (ECMA-262 16.2.1.5.3 InnerModuleEvaluation).
//
// Safe behaviour: linking cannot be re-entered; the nested call fails with PF_MODULE_LINK_FAILED,
// every module body runs once.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const GUEST = `(async () => {
  const log = [];
  let c;
  c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { log },
    importMetaHook: (specifier, meta) => {
      if (specifier !== 'a') return;
      try { log.push('nested ' + typeof c.importNow('b').token); } catch (e) { log.push('nested refused ' + e.message); }
    },
    modules: {
      // graphOf lists main, a, b: a's hook runs before b is linked.
      main: new ModuleSource("import { token } from 'b'; import 'a'; log.push('main ' + typeof token);"),
      a: new ModuleSource("import.meta; log.push('a ran');"),
      b: new ModuleSource("log.push('b ran'); export const token = {};"),
    },
  });
  try { await c.import('main'); } catch (e) { log.push('error ' + e.message); }
  return log;
})()`;

test('redteam-link-reentrant-hook: an importMetaHook cannot link, and so run twice, a module being linked', async t => {
  const guest = new Compartment({ __options__: true, globals: { ModuleSource } });
  const log = (await guest.evaluate(GUEST)) as string[];
  t.is(log.filter(line => line === 'b ran').length, 1, `b's body ran ${log.filter(line => line === 'b ran').length} times: ${log.join('; ')}`);
  t.true(log.some(line => /^nested refused .*PF_MODULE_LINK_FAILED/.test(line)), log.join('; '));
  t.deepEqual(log.slice(-3), ['b ran', 'a ran', 'main object']);
});
