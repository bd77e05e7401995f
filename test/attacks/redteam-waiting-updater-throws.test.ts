// Attack (red team): a precompiled importer's updater that throws, on a binding it subscribed to
// before the exporter ran (a cycle). module-loader.ts keeps such updaters in the exporter's waiting
// list and calls them when the exporter completes (flushWaiting, the evaluator's `completed`), but
// without the guard the precompiled exporters' own notifications have (`notifyOne`): the updater's
// exception came out of the evaluator. For a synchronous exporter it failed the exporter (and every
// module of its graph) with the importer's error, though its body completed; for one with
// top-level await it escaped the promise job that settles the exporter, before
// AsyncModuleExecutionFulfilled: the exporter stayed 'evaluating-async' and every import() of it
// never settled.
//
// Safe behaviour: as for precompiled exporters, an importer's updater that throws affects nothing
// else: the exporter completes, and its import() settles.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const throwingImporter = {
  imports: ['x'],
  exports: ['p'],
  reexports: [],
  __syncModuleProgram__: `({ imports, onceVar }) => { imports([['x', [['v', [() => { throw new Error('updater'); }]]]]]); onceVar.p(1); }`,
  __fixedExportMap__: { p: ['p'] },
  __liveExportMap__: {},
  __reexportMap__: {},
  __needsImportMeta__: false,
};

const settles = async (p: Promise<unknown>): Promise<string> => {
  const timeout = new Promise<string>(resolve => setTimeout(() => resolve('never settled'), 1000));
  return Promise.race([p.then(() => 'fulfilled', (e: Error) => `rejected: ${e.message}`), timeout]);
};

test('redteam-waiting-updater-throws: a throwing updater does not hang an exporter with top-level await', async t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { x: new ModuleSource(`import 'p'; await null; export let v = 1;`), p: throwingImporter },
  });
  t.is(await settles(c.import('x')), 'fulfilled');
});

test('redteam-waiting-updater-throws: a throwing updater does not fail a synchronous exporter', async t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { x: new ModuleSource(`import 'p'; export let v = 1;`), p: throwingImporter },
  });
  t.is(await settles(c.import('x')), 'fulfilled');
});
