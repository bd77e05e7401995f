// Top-level await ordering, checked against Node itself: each graph is written as .mjs files and
// imported natively, then loaded from the same texts into a compartment, and the two logs of events
// (module bodies push their names before and after awaits, and from promise jobs they schedule)
// must be identical. Node 20 implements ECMA-262's Evaluate / ExecuteAsyncModule /
// AsyncModuleExecutionFulfilled algorithm, so the logs pin our evaluation order job by job.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Compartment, ModuleSource, lockdown } from '../src/index.js';

lockdown({ reporting: 'none' });

interface Graph {
  readonly name: string;
  /** File name (imported as `./name`) → module text; `log` is the shared event log. */
  readonly files: Record<string, string>;
}

/** `log.push` from a promise job `n` jobs after now: shows which job a module resumes in. */
const ticks = (name: string, n: number): string => {
  let code = 'Promise.resolve()';
  for (let i = 1; i <= n; i += 1) code += `.then(() => log.push('${name} tick ${i}'))`;
  return `${code};`;
};

const graphs: Graph[] = [
  {
    name: 'async leaf',
    files: {
      'main.mjs': `import './a.mjs'; log.push('main');`,
      'a.mjs': `log.push('a start'); ${ticks('a', 3)} await 0; log.push('a end');`,
    },
  },
  {
    name: 'async middle node over a sync leaf, sync sibling',
    files: {
      'main.mjs': `import './m.mjs'; import './s.mjs'; log.push('main');`,
      'm.mjs': `import './leaf.mjs'; log.push('m start'); await null; log.push('m end');`,
      'leaf.mjs': `log.push('leaf');`,
      's.mjs': `log.push('s'); ${ticks('s', 4)}`,
    },
  },
  {
    name: 'diamond with async branches and an async shared leaf',
    files: {
      'main.mjs': `import './l.mjs'; import './r.mjs'; log.push('main');`,
      'l.mjs': `import './shared.mjs'; log.push('l start'); await 0; await 0; log.push('l end');`,
      'r.mjs': `import './shared.mjs'; log.push('r start'); await 0; log.push('r end');`,
      'shared.mjs': `log.push('shared start'); await 0; log.push('shared end');`,
    },
  },
  {
    name: 'diamond with sync branches over an async leaf',
    files: {
      'main.mjs': `import './l.mjs'; import './r.mjs'; log.push('main');`,
      'l.mjs': `import './shared.mjs'; log.push('l');`,
      'r.mjs': `import './shared.mjs'; log.push('r');`,
      'shared.mjs': `log.push('shared start'); ${ticks('shared', 2)} await 0; log.push('shared end');`,
    },
  },
  {
    name: 'cycle where one member awaits',
    files: {
      'main.mjs': `import './a.mjs'; log.push('main');`,
      'a.mjs': `import './b.mjs'; log.push('a');`,
      'b.mjs': `import './a.mjs'; log.push('b start'); await 0; log.push('b end');`,
    },
  },
  {
    name: 'cycle whose root awaits, importer of a cycle member outside it',
    files: {
      'main.mjs': `import './root.mjs'; import './importer.mjs'; log.push('main');`,
      'root.mjs': `import './leaf.mjs'; log.push('root start'); await 0; log.push('root end');`,
      'leaf.mjs': `import './root.mjs'; log.push('leaf start'); await 0; await 0; log.push('leaf end');`,
      'importer.mjs': `import './leaf.mjs'; log.push('importer');`,
    },
  },
  {
    name: 'async module outside a cycle importing into it',
    files: {
      'main.mjs': `import './c1.mjs'; import './outside.mjs'; log.push('main');`,
      'c1.mjs': `import './c2.mjs'; log.push('c1');`,
      'c2.mjs': `import './c1.mjs'; log.push('c2 start'); await 0; log.push('c2 end');`,
      'outside.mjs': `import './c2.mjs'; log.push('outside start'); await 0; log.push('outside end');`,
    },
  },
  {
    name: 'sync module importing two async siblings',
    files: {
      'main.mjs': `import './a.mjs'; import './b.mjs'; log.push('main');`,
      'a.mjs': `log.push('a start'); await 0; log.push('a mid'); await 0; await 0; log.push('a end');`,
      'b.mjs': `log.push('b start'); ${ticks('b', 2)} await 0; log.push('b end');`,
    },
  },
  {
    name: 'rejection in a cycle',
    files: {
      'main.mjs': `import './a.mjs'; import './z.mjs'; log.push('main');`,
      'a.mjs': `import './b.mjs'; log.push('a');`,
      'b.mjs': `import './a.mjs'; log.push('b start'); await 0; log.push('b throws'); throw new Error('b failed');`,
      'z.mjs': `import './b.mjs'; log.push('z');`,
    },
  },
  {
    name: 'module imported twice by async parents',
    files: {
      'main.mjs': `import './p1.mjs'; import './p2.mjs'; log.push('main');`,
      'p1.mjs': `import './s.mjs'; log.push('p1 start'); await 0; log.push('p1 end');`,
      'p2.mjs': `import './s.mjs'; log.push('p2 start'); await 0; log.push('p2 end');`,
      's.mjs': `log.push('s start'); await 0; log.push('s end');`,
    },
  },
  {
    // test262 language/module-code/top-level-await/async-module-does-not-block-sibling-modules
    name: 'async module does not block sibling modules',
    files: {
      'main.mjs': `import './tla.mjs'; import { check } from './sync.mjs'; log.push('main check ' + check);`,
      'tla.mjs': `globalThis.tlaDone = false; await 0; globalThis.tlaDone = true; log.push('tla end');`,
      'sync.mjs': `export const check = globalThis.tlaDone; log.push('sync');`,
    },
  },
  {
    // test262 language/module-code/top-level-await/dfs-invariant (as the fixtures shape it)
    name: 'dfs-invariant',
    files: {
      'main.mjs': `import './direct-1.mjs'; import './direct-2.mjs'; import './indirect.mjs'; log.push('main');`,
      'direct-1.mjs': `import './async.mjs'; log.push('direct-1');`,
      'direct-2.mjs': `import './async.mjs'; log.push('direct-2');`,
      'indirect.mjs': `import './direct-2.mjs'; log.push('indirect');`,
      'async.mjs': `await 0; log.push('async');`,
    },
  },
  {
    name: 'dfs-invariant with a direct cycle through the async module',
    files: {
      'main.mjs': `import './direct-1.mjs'; import './direct-2.mjs'; log.push('main');`,
      'direct-1.mjs': `import './async.mjs'; log.push('direct-1');`,
      'direct-2.mjs': `import './async.mjs'; log.push('direct-2');`,
      'async.mjs': `import './direct-1.mjs'; await 0; log.push('async');`,
    },
  },
  {
    name: 'dfs-invariant with an indirect cycle',
    files: {
      'main.mjs': `import './direct-1.mjs'; import './indirect.mjs'; log.push('main');`,
      'direct-1.mjs': `import './async.mjs'; log.push('direct-1');`,
      'indirect.mjs': `import './direct-2.mjs'; log.push('indirect');`,
      'direct-2.mjs': `import './async.mjs'; import './indirect.mjs'; log.push('direct-2');`,
      'async.mjs': `import './direct-2.mjs'; await 0; log.push('async');`,
    },
  },
  {
    // test262 language/module-code/top-level-await/module-graphs-does-not-hang (as the fixtures shape it)
    name: 'module graphs do not hang',
    files: {
      'main.mjs': `import './parent.mjs'; log.push('main start'); await import('./grandparent.mjs'); log.push('main end');`,
      'grandparent.mjs': `import './parent.mjs'; log.push('grandparent');`,
      'parent.mjs': `import './tla.mjs'; log.push('parent');`,
      'tla.mjs': `log.push('tla start'); await 0; log.push('tla end');`,
    },
  },
  {
    // No promise-job logs here: Node's import() takes host-defined jobs to settle.
    name: 'await import() of a sibling that is still evaluating',
    files: {
      'main.mjs': `import './a.mjs'; import './b.mjs'; log.push('main');`,
      'a.mjs': `log.push('a start'); await 0; await 0; await 0; log.push('a end');`,
      'b.mjs': `log.push('b start'); const ns = await import('./a.mjs'); log.push('b got a ' + Object.keys(ns).length);`,
    },
  },
  {
    // GatherAvailableAncestors gathers [p, m, q] (m through p): only the sort by [[AsyncEvaluationOrder]]
    // runs q (which became async first) before m.
    name: 'ancestors run in the order they became async, not the order they were gathered',
    files: {
      'main.mjs': `import './p.mjs'; import './q.mjs'; import './m.mjs'; log.push('main');`,
      'p.mjs': `import './a.mjs'; log.push('p');`,
      'q.mjs': `import './a.mjs'; log.push('q');`,
      'm.mjs': `import './p.mjs'; log.push('m');`,
      'a.mjs': `log.push('a start'); await 0; log.push('a end');`,
    },
  },
  {
    name: 'async module that throws before its first await',
    files: {
      'main.mjs': `import './a.mjs'; import './b.mjs'; log.push('main');`,
      'a.mjs': `log.push('a'); ${ticks('a', 2)} if (globalThis.always !== 0) throw new Error('a failed'); await 0;`,
      'b.mjs': `log.push('b');`,
    },
  },
  {
    name: 'sync module that throws while an async sibling is pending',
    files: {
      'main.mjs': `import './a.mjs'; import './b.mjs'; log.push('main');`,
      'a.mjs': `log.push('a start'); await 0; log.push('a end');`,
      'b.mjs': `log.push('b throws'); throw new Error('b failed');`,
    },
  },
  {
    name: 'rejection fans out to sync and async importers',
    files: {
      'main.mjs': `import './p1.mjs'; import './p2.mjs'; log.push('main');`,
      'p1.mjs': `import './s.mjs'; log.push('p1');`,
      'p2.mjs': `import './s.mjs'; log.push('p2 start'); await 0; log.push('p2 end');`,
      's.mjs': `log.push('s start'); ${ticks('s', 3)} await 0; throw new Error('s failed');`,
    },
  },
  {
    name: 'chain of async modules, resumed job by job',
    files: {
      'main.mjs': `import './a.mjs'; log.push('main start'); ${ticks('main', 2)} await 0; log.push('main end');`,
      'a.mjs': `import './b.mjs'; log.push('a start'); ${ticks('a', 3)} await 0; log.push('a end');`,
      'b.mjs': `import './c.mjs'; log.push('b start'); ${ticks('b', 3)} await 0; log.push('b end');`,
      'c.mjs': `log.push('c start'); ${ticks('c', 6)} await 0; await 0; log.push('c end');`,
    },
  },
  {
    name: 'nested cycles with an await deep inside',
    files: {
      'main.mjs': `import './a.mjs'; import './d.mjs'; log.push('main');`,
      'a.mjs': `import './b.mjs'; log.push('a');`,
      'b.mjs': `import './a.mjs'; import './c.mjs'; log.push('b');`,
      'c.mjs': `import './b.mjs'; log.push('c start'); await 0; log.push('c end');`,
      'd.mjs': `import './c.mjs'; log.push('d start'); await 0; log.push('d end');`,
    },
  },
  {
    name: 'a graph without top-level await stays synchronous',
    files: {
      'main.mjs': `import './a.mjs'; import './b.mjs'; log.push('main'); ${ticks('main', 1)}`,
      'a.mjs': `import './b.mjs'; log.push('a'); ${ticks('a', 1)}`,
      'b.mjs': `log.push('b');`,
    },
  },
  {
    name: 'thenables and a module awaiting a promise another module settles',
    files: {
      'main.mjs': `import './waiter.mjs'; import './settler.mjs'; log.push('main');`,
      'waiter.mjs': `log.push('waiter start'); await { then(r) { log.push('then called'); globalThis.release = r; } }; log.push('waiter end');`,
      'settler.mjs': `log.push('settler'); ${ticks('settler', 2)} Promise.resolve().then(() => 0).then(() => globalThis.release());`,
    },
  },
];

const drain = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

/** Imports `main.mjs` twice; what each import gave, and whether a second rejection reused the error. */
const importTwice = async (load: () => Promise<unknown>): Promise<string> => {
  const first = await load().then(
    () => 'fulfilled',
    (error: Error) => error,
  );
  await drain();
  const second = await load().then(
    () => 'fulfilled',
    (error: Error) => error,
  );
  if (typeof first === 'string') return `${first}, then ${typeof second === 'string' ? second : second.message}`;
  return `rejected ${first.message}, then ${second === first ? 'the same error' : String(second)}`;
};

const runNative = async (graph: Graph): Promise<{ log: string[]; outcome: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'permafrost-tla-'));
  for (const [file, text] of Object.entries(graph.files)) writeFileSync(join(dir, file), text);
  const log: string[] = [];
  (globalThis as any).log = log;
  const outcome = await importTwice(() => import(pathToFileURL(join(dir, 'main.mjs')).href));
  await drain();
  return { log, outcome };
};

const runConfined = async (graph: Graph): Promise<{ log: string[]; outcome: string }> => {
  const log: string[] = [];
  const modules: Record<string, ModuleSource> = {};
  for (const [file, text] of Object.entries(graph.files)) modules[file] = new ModuleSource(text, file);
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { log },
    modules,
    resolveHook: (spec: string) => spec.slice(2),
  });
  const outcome = await importTwice(() => c.import('main.mjs'));
  await drain();
  return { log, outcome };
};

test.serial(`differential: ${graphs.length} graphs give Node's event log, job by job`, async t => {
  t.true(graphs.length >= 15);
  const differences: { graph: string; native: unknown; confined: unknown }[] = [];
  for (const graph of graphs) {
    const native = await runNative(graph);
    const confined = await runConfined(graph);
    if (JSON.stringify(confined) !== JSON.stringify(native)) differences.push({ graph: graph.name, native, confined });
  }
  t.deepEqual(differences, []);
});
