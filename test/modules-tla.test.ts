// Top-level await in compartments, beyond what Node can be asked (modules-tla-order.test.ts
// compares with Node): test262's language/module-code/top-level-await ordering cases ported to
// compartments, every module kind in an async graph, graphs shared between compartments while they
// are pending, error memoization, and importNow / require refusing what would await.
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown, makeJsonModuleSource } from '../src/index.js';

lockdown({ reporting: 'none' });

// Imported untyped: the package ships .ts sources whose Babel types are not installed.
const { ModuleSource: EndoModuleSource } = (await import('@endo/module-source' as string)) as {
  ModuleSource: new (text: string) => unknown;
};

interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}
const deferred = (): Deferred => {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const make = (sources: Record<string, string | object>, globals: Record<string, unknown>, extra: Record<string, unknown> = {}): Compartment => {
  const modules: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sources)) modules[k] = typeof v === 'string' ? new ModuleSource(v, k) : v;
  return new Compartment({ __options__: true, __noNamespaceBox__: true, globals, modules, ...extra });
};

/** test262 fulfillment-order and rejection-order: B's import settles before A's, which waits for B. */
const settleOrder = async (settle: 'resolve' | 'reject'): Promise<string[]> => {
  const p1 = deferred();
  const aStarted = deferred();
  const bStarted = deferred();
  const c = make(
    {
      b: `bStarted(); await p1;`,
      'a-start': `aStarted();`,
      a: `import 'a-start'; import 'b';`,
    },
    { p1: p1.promise, aStarted: aStarted.resolve, bStarted: bStarted.resolve },
  );
  const logs: string[] = [];
  const imports = Promise.all([
    bStarted.promise.then(() => c.import('a').finally(() => logs.push('A')).catch(() => {})),
    c.import('b').finally(() => logs.push('B')).catch(() => {}),
  ]);
  await Promise.all([aStarted.promise, bStarted.promise]);
  p1[settle](new Error('p1'));
  await imports;
  return logs;
};

test('test262 fulfillment-order: an async module fulfills its own import before its importers run', async t => {
  t.deepEqual(await settleOrder('resolve'), ['B', 'A']);
});

test('test262 rejection-order: a rejected module rejects its own import before its importers (ES2025)', async t => {
  // Node 20 gives ['A', 'B'] here: it rejects importers first, as the spec did before 2025.
  t.deepEqual(await settleOrder('reject'), ['B', 'A']);
});

test('test262 evaluated-dep-from-async-errored-scc: an evaluated member of a failed cycle fails a later importer', async t => {
  const errors: unknown[] = [];
  const c = make(
    {
      'scc-root': `import 'scc-leaf-tla-throw'; import 'scc-leaf-2';`,
      'scc-leaf-tla-throw': `import 'scc-root'; await 1; const e = new Error('leaf'); keep(e); throw e;`,
      'scc-leaf-2': `import 'scc-root';`,
      importer: `import 'scc-leaf-2';`,
    },
    { keep: (e: unknown) => errors.push(e) },
  );
  const rootError = await c.import('scc-root').catch((e: unknown) => e);
  t.is(rootError, errors[0]);
  t.is(await c.import('importer').catch((e: unknown) => e), rootError);
  t.is(await c.import('scc-leaf-2').catch((e: unknown) => e), rootError, 'through its cycle root');
});

test('test262 module-graphs-does-not-hang: import() of a graph whose async part has settled', async t => {
  const log: string[] = [];
  const c = make(
    {
      main: `import 'parent'; log.push('main'); await import('grandparent'); log.push('main end');`,
      grandparent: `import 'parent'; log.push('grandparent');`,
      parent: `import 'tla'; log.push('parent');`,
      tla: `await 0; log.push('tla');`,
    },
    { log },
  );
  await c.import('main');
  t.deepEqual(log, ['tla', 'parent', 'main', 'grandparent', 'main end']);
});

test('test262 pending-async-dep-from-cycle: an importer of a cycle member waits for the cycle root', async t => {
  const log: string[] = [];
  const c = make(
    {
      main: `import 'cycle-root'; import 'import-cycle-leaf';`,
      'cycle-root': `import 'cycle-leaf'; log.push('cycle root start'); await 0; log.push('cycle root end');`,
      'cycle-leaf': `import 'cycle-root'; log.push('cycle leaf start'); await 0; log.push('cycle leaf end');`,
      'import-cycle-leaf': `import 'cycle-leaf'; log.push('importer of cycle leaf');`,
    },
    { log },
  );
  await c.import('main');
  t.deepEqual(log, ['cycle leaf start', 'cycle leaf end', 'cycle root start', 'cycle root end', 'importer of cycle leaf']);
});

test('test262 dynamic-import-of-waiting-module: import() of a module waiting for its async dependency', async t => {
  const log: string[] = [];
  const gate = deferred();
  const c = make(
    {
      main: `import 'waiting'; log.push('main');`,
      waiting: `import 'slow'; log.push('waiting');`,
      slow: `log.push('slow start'); await gate; log.push('slow end');`,
    },
    { log, gate: gate.promise },
  );
  const first = c.import('main');
  await new Promise(resolve => setImmediate(resolve));
  const second = c.import('waiting').then(() => log.push('import of waiting settled'));
  gate.resolve();
  await Promise.all([first, second]);
  t.deepEqual(log, ['slow start', 'slow end', 'waiting', 'main', 'import of waiting settled']);
});

test('every module kind waits for an async dependency and runs in evaluation order', async t => {
  const log: string[] = [];
  const c = make(
    {
      main: `import 'virtual'; import cjs from 'cjs'; import data from 'json' with { type: 'json' }; import { endo } from 'endo';
             import { plain } from 'plain'; log.push('main ' + [cjs.ran, data.k, endo, plain].join());`,
      slow: `log.push('slow start'); await 0; log.push('slow end'); export const value = 'slow';`,
      virtual: { imports: ['slow'], exports: ['v'], execute: (target: Record<string, unknown>) => { log.push('virtual'); target.v = 1; } },
      cjs: new CjsModuleSource(`log.push('cjs'); exports.ran = true;`),
      json: makeJsonModuleSource('{"k": 2}'),
      endo: new EndoModuleSource(`import { value } from 'slow'; log.push('endo ' + value); export const endo = value;`) as object,
      plain: { namespace: { plain: 'plain' } },
    },
    { log },
  );
  t.throws(() => c.importNow('main'), { message: /PF_MODULE_IS_ASYNC/ });
  await c.import('main');
  t.deepEqual(log, ['slow start', 'cjs', 'slow end', 'virtual', 'endo slow', 'main true,2,slow,plain']);
});

test('a module shared from another compartment is awaited where it is, with its state shared', async t => {
  const log: string[] = [];
  const gate = deferred();
  const lib = make({ slow: `log.push('slow start'); await gate; export const v = 'ready'; log.push('slow end');` }, { log, gate: gate.promise });
  const app = make({ slow: { namespace: 'slow', compartment: lib }, main: `import { v } from 'slow'; log.push('main ' + v);` }, { log });
  const fromLib = lib.import('slow');
  await new Promise(resolve => setImmediate(resolve));
  const fromApp = app.import('main');
  await new Promise(resolve => setImmediate(resolve));
  t.throws(() => app.importNow('main'), { message: /PF_MODULE_IS_ASYNC/ }, 'pending in the other compartment');
  t.deepEqual(log, ['slow start']);
  gate.resolve();
  await Promise.all([fromLib, fromApp]);
  t.deepEqual(log, ['slow start', 'slow end', 'main ready']);
  t.is(app.importNow('main'), app.module('main'), 'synchronous once settled');
});

test('a rejected async module rejects every importer, now and later, with the same error', async t => {
  const c = make(
    {
      bad: `await 0; throw new Error('bad');`,
      one: `import 'bad';`,
      two: `import 'bad'; await 0;`,
      later: `export const load = () => import('bad');`,
    },
    {},
  );
  const results = await Promise.all(['one', 'two', 'bad'].map(s => c.import(s).catch((e: unknown) => e)));
  t.is((results[0] as Error).message, 'bad');
  t.is(results[1], results[0]);
  t.is(results[2], results[0]);
  const later = await c.import('later');
  t.is(await later.load().catch((e: unknown) => e), results[0]);
  t.throws(() => c.importNow('one'), { is: results[0] as Error }, 'importNow rethrows it too');
});

test('a graph without top-level await still runs synchronously under importNow and require', t => {
  const log: string[] = [];
  const c = make(
    {
      main: `import 'a'; log.push('main');`,
      a: `import 'b'; log.push('a');`,
      b: `import 'a'; log.push('b');`,
      cjs: new CjsModuleSource(`log.push('cjs start'); const ns = require('main'); log.push('cjs end');`),
    },
    { log },
  );
  c.importNow('cjs');
  t.deepEqual(log, ['cjs start', 'b', 'a', 'main', 'cjs end']);
});
