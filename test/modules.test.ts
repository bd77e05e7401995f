// ES module semantics in compartments: ModuleSource analysis, live bindings, default exports,
// star exports and their ambiguities, namespace objects, cycles and TDZ, diamonds, error
// propagation, import.meta, dynamic import through the hooks, top-level await ordering, the
// lookup order of modules/moduleMapHook/importHook, module descriptors, and confinement.
import test from 'ava';
import { Compartment, ModuleSource, lockdown, makeJsonModuleSource } from '../src/index.js';

lockdown({ reporting: 'none' });

type Namespace = Record<PropertyKey, any>;

const make = (sources: Record<string, string>, options: Record<string, unknown> = {}): Compartment => {
  const modules: Record<string, ModuleSource> = {};
  for (const [k, v] of Object.entries(sources)) modules[k] = new ModuleSource(v, k);
  return new Compartment({ __options__: true, modules, __noNamespaceBox__: true, ...options });
};

test('ModuleSource: imports, exports, reexports and binding maps from the parse', t => {
  const ms = new ModuleSource(
    `import d, { a as b, "s p" as sp } from './x.js';
     import * as ns from './y.js';
     export const c = 1, { e, f: [g] } = {};
     export default function () {}
     export { b as bb, c as "c c" };
     export { z as zz } from './z.js';
     export * from './w.js';
     export * as wns from './w.js';
     console.log(import.meta, '<!--', "import(x)");`,
  );
  t.deepEqual([...ms.imports], ['./x.js', './y.js', './z.js', './w.js']);
  t.deepEqual([...ms.exports], ['c', 'e', 'g', 'default', 'bb', 'c c', 'zz', 'wns']);
  t.deepEqual([...ms.reexports], ['./w.js']);
  t.deepEqual({ ...ms.importMap }, { d: ['./x.js', 'default'], b: ['./x.js', 'a'], sp: ['./x.js', 's p'], ns: ['./y.js', '*'] });
  t.deepEqual({ ...ms.reexportMap }, { zz: ['./z.js', 'z'], wns: ['./w.js', '*'] });
  t.is(ms.exportMap.default, '*default*');
  t.true(ms.needsImportMeta);
  t.false(ms.hasTopLevelAwait);
  t.true(Object.isFrozen(ms));
  t.is(Object.prototype.toString.call(ms), '[object ModuleSource]');
});

test('ModuleSource: rejects what a module must not contain, with the parse as judge', t => {
  t.throws(() => new ModuleSource('export let a; export let a;'), { instanceOf: SyntaxError });
  t.throws(() => new ModuleSource('x <!--y'), { instanceOf: SyntaxError, message: /PF_HTML_COMMENT_REJECTED/ });
  t.throws(() => new ModuleSource('with (a) {}'), { instanceOf: SyntaxError });
  t.throws(() => new ModuleSource(1 as unknown as string), { instanceOf: TypeError, message: /PF_SOURCE_NOT_STRING/ });
  t.notThrows(() => new ModuleSource('const s = "<!-- import(x) import.meta"; export { s };'));
  t.true(new ModuleSource('await 1;').hasTopLevelAwait);
});

test('live bindings: importers see every later write of let, var and function bindings', t => {
  const c = make({
    main: `import { count, inc, v, f, setF } from 'counter';
           export const seen = [count, v, f()];
           inc(); setF();
           seen.push(count, v, f());`,
    counter: `export let count = 0; export var v = 'a';
              export function inc() { count += 1; v += 'b'; }
              export function f() { return 1; }
              export function setF() { f = () => 2; }`,
  });
  t.deepEqual([...c.importNow('main').seen], [0, 'a', 1, 1, 'ab', 2]);
});

test('imported bindings are immutable: assigning one throws TypeError', t => {
  const c = make({ main: `import { x } from 'm'; x = 2;`, m: 'export let x = 1;' });
  t.throws(() => c.importNow('main'), { instanceOf: TypeError });
});

test('default exports: expressions, anonymous functions and classes are named "default"', t => {
  const c = make({
    main: `import f from 'fn'; import K from 'cls'; import v from 'val'; import arrow from 'arrow'; import named from 'named';
           export const out = [f.name, f(), K.name, new K().k, v, arrow.name, named.name, String(f)];`,
    fn: 'export default function () { return "called"; }',
    cls: 'export default class { k = 1 }',
    val: 'export default 6 * 7;',
    arrow: 'export default () => 1',
    named: 'export default function namedOne() {}',
  });
  t.deepEqual([...c.importNow('main').out], ['default', 'called', 'default', 1, 42, 'default', 'namedOne', 'function () { return "called"; }']);
});

test('string export names and renames', t => {
  const c = make({
    main: `import { "a b" as ab, y } from 'm'; export { ab as "c d" }; export const z = y;`,
    m: `const x = 1; export { x as "a b", x as y };`,
  });
  const ns = c.importNow('main');
  t.is(ns['c d'], 1);
  t.is(ns.z, 1);
});

test('star exports: default excluded, ambiguous names left out of the namespace, same binding twice is fine', t => {
  const c = make({
    main: `export * from 'a'; export * from 'b'; export * from 'c';`,
    a: `export const amb = 'a'; export { shared } from 'shared'; export default 'A';`,
    b: `export const amb = 'b'; export { shared } from 'shared'; export const onlyB = 1;`,
    c: `export * from 'shared';`,
    shared: `export const shared = 'S';`,
  });
  const ns = c.importNow('main');
  t.deepEqual(Object.keys(ns), ['onlyB', 'shared']);
  t.is(ns.shared, 'S');
  t.false('amb' in ns);
  t.false('default' in ns);
  const bad = make({ main: `import { amb } from 'star';`, star: `export * from 'a'; export * from 'b';`, a: `export const amb = 1;`, b: `export const amb = 2;` });
  t.throws(() => bad.importNow('main'), { instanceOf: SyntaxError, message: /conflicting star exports/ });
});

test('namespace objects behave like native module namespace exotic objects', t => {
  const c = make({ main: `export let b = 1, a = 2; export function bump() { a += 1; } export default 'd';` });
  const ns = c.importNow('main') as Namespace;
  t.deepEqual(Reflect.ownKeys(ns), ['a', 'b', 'bump', 'default', Symbol.toStringTag]);
  t.is(Object.getPrototypeOf(ns), null);
  t.false(Object.isExtensible(ns));
  t.is(ns[Symbol.toStringTag], 'Module');
  t.is(Object.prototype.toString.call(ns), '[object Module]');
  t.deepEqual(Object.getOwnPropertyDescriptor(ns, 'a'), { value: 2, writable: true, enumerable: true, configurable: false });
  ns.bump();
  t.is(ns.a, 3, 'live');
  t.deepEqual(Object.getOwnPropertyDescriptor(ns, 'a')!.value, 3);
  t.throws(() => {
    ns.a = 5;
  }, { instanceOf: TypeError, message: /^Cannot set property "a" of a module namespace/ });
  // As in ses (a native namespace's [[Set]] would return false here): it throws.
  t.throws(() => Reflect.set(ns, 'x', 5), { instanceOf: TypeError, message: /PF_NAMESPACE_READ_ONLY/ });
  t.false(Reflect.deleteProperty(ns, 'a'));
  t.true(Reflect.deleteProperty(ns, 'nothing'));
  t.false(Reflect.defineProperty(ns, 'a', { value: 9 }));
  t.true(Reflect.defineProperty(ns, 'a', { value: 3 }));
  t.false(Reflect.defineProperty(ns, 'x', { value: 1 }));
  t.true(Reflect.setPrototypeOf(ns, null));
  t.false(Reflect.setPrototypeOf(ns, {}));
  t.true('a' in ns);
  t.false('x' in ns);
  t.throws(() => Object.freeze(ns), { instanceOf: TypeError });
  t.true(Object.isSealed(ns));
});

test('cycles: hoisted functions are usable before their module runs; let bindings throw in their TDZ', t => {
  const c = make({
    a: `import { fromB, readA } from 'b'; export function fa() { return 'fa'; } export let la = 'la'; export const got = fromB;
        export const later = readA();`,
    b: `import { fa, la } from 'a'; export const fromB = fa();
        let early; try { la; } catch (e) { early = e.constructor.name; }
        export const tdz = early; export function readA() { return la; }`,
  });
  const ns = c.importNow('a');
  t.is(ns.got, 'fa');
  t.is(ns.later, 'la');
  t.is(c.module('b').tdz, 'ReferenceError');
});

test('diamonds: a shared dependency runs once, before both importers, in source order', t => {
  const log: string[] = [];
  const c = make(
    {
      top: `import 'left'; import 'right'; log('top');`,
      left: `import 'base'; log('left');`,
      right: `import 'base'; log('right');`,
      base: `log('base');`,
    },
    { globals: { log: (x: string) => log.push(x) } },
  );
  c.importNow('top');
  t.deepEqual(log, ['base', 'left', 'right', 'top']);
});

test('errors: a throwing module fails every importer with the same error, now and later', async t => {
  const c = make({
    bad: `export const x = 1; throw new TypeError('boom');`,
    one: `import { x } from 'bad';`,
    two: `import { x } from 'bad';`,
  });
  const first = t.throws(() => c.importNow('one'));
  const second = t.throws(() => c.importNow('two'));
  t.is(first, second);
  t.is(first!.message, 'boom');
  await t.throwsAsync(c.import('bad'), { is: first! });
});

test('link errors: a missing export throws SyntaxError before any module runs', t => {
  const ran: string[] = [];
  const c = make(
    { main: `import { nope } from 'dep'; ran('main');`, dep: `ran('dep'); export const yes = 1;` },
    { globals: { ran: (x: string) => ran.push(x) } },
  );
  t.throws(() => c.importNow('main'), { instanceOf: SyntaxError, message: /does not provide an export named "nope"/ });
  t.deepEqual(ran, []);
});

test('import.meta comes from the descriptor and importMetaHook; only modules that use it get one', t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      m: { source: new ModuleSource('export const meta = import.meta;'), importMeta: { fromDescriptor: true } },
    },
    importMetaHook(specifier: string, meta: Record<string, unknown>) {
      meta.url = `test:///${specifier}`;
    },
  });
  const { meta } = c.importNow('m');
  t.is(Object.getPrototypeOf(meta), null);
  t.deepEqual({ ...meta }, { fromDescriptor: true, url: 'test:///m' });
});

test('dynamic import() in a module goes through the importing compartment hooks, resolved against the referrer', async t => {
  const asked: string[] = [];
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    resolveHook: (spec: string, referrer: string) => new URL(spec, `test:///${referrer}`).pathname.slice(1),
    importHook: async (specifier: string) => {
      asked.push(specifier);
      if (specifier === 'dir/main.js') return new ModuleSource(`export const later = () => import('./lazy.js');`);
      if (specifier === 'dir/lazy.js') return new ModuleSource(`export const v = 'lazy';`);
      return undefined;
    },
  });
  const ns = await c.import('dir/main.js');
  const lazy = await ns.later();
  t.is(lazy.v, 'lazy');
  t.is(lazy[Symbol.toStringTag], 'Module');
  t.deepEqual(asked, ['dir/main.js', 'dir/lazy.js']);
});

test('top-level await: dependencies settle first, siblings start in order, importNow refuses', async t => {
  const log: string[] = [];
  const c = make(
    {
      main: `import 'slow'; import 'fast'; import 'sync'; log('main');`,
      slow: `log('slow start'); await null; await null; log('slow end');`,
      fast: `log('fast start'); await null; log('fast end');`,
      sync: `log('sync');`,
    },
    { globals: { log: (x: string) => log.push(x) } },
  );
  t.throws(() => c.importNow('main'), { instanceOf: TypeError, message: /PF_MODULE_IS_ASYNC/ });
  t.deepEqual(log, [], 'nothing ran');
  await c.import('main');
  t.deepEqual(log, ['slow start', 'fast start', 'sync', 'fast end', 'slow end', 'main']);
});

test('lookup order: memo, modules map, moduleMapHook, then importHook; import() boxes the namespace', async t => {
  const calls: string[] = [];
  const c = new Compartment({
    __options__: true,
    modules: { a: new ModuleSource(`export const from = 'modules';`) },
    moduleMapHook: (s: string) => {
      calls.push(`map ${s}`);
      return s === 'b' ? new ModuleSource(`export const from = 'map';`) : undefined;
    },
    importHook: async (s: string) => {
      calls.push(`import ${s}`);
      return new ModuleSource(`export const from = 'hook';`);
    },
  });
  const a = await c.import('a');
  t.deepEqual(Object.keys(a), ['namespace']);
  t.is(a.namespace.from, 'modules');
  t.is((await c.import('b')).namespace.from, 'map');
  t.is((await c.import('c')).namespace.from, 'hook');
  t.is((await c.import('c')).namespace, c.module('c'), 'memoized');
  t.deepEqual(calls, ['map b', 'map c', 'import c']);
});

test('load errors are aggregated, naming each specifier; noAggregateLoadErrors fails fast', async t => {
  const sources = { main: `import 'x'; import 'y';` };
  const modules = { main: new ModuleSource(sources.main) };
  const c = new Compartment({ __options__: true, name: 'app', modules, importHook: async () => undefined });
  const error = await t.throwsAsync(c.import('main'));
  t.regex(error!.message, /"app".*failed to load module "main" \(2 underlying failures: .*"x".*"y"/);
  t.regex(error!.message, /PF_MODULE_LOAD_FAILED/);
  const fast = new Compartment({ __options__: true, modules, noAggregateLoadErrors: true, importHook: async () => undefined });
  const one = await t.throwsAsync(fast.import('main'));
  t.regex(one!.message, /PF_MODULE_NOT_FOUND/);
  t.notRegex(one!.message, /underlying/);
});

test('descriptors: namespace sharing, source re-instantiation, plain objects and virtual sources', t => {
  const lib = make({ counter: `export let n = 0; export function inc() { n += 1; }` });
  const libNs = lib.importNow('counter');
  const shared = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      byName: { namespace: 'counter', compartment: lib },
      byNamespace: { namespace: libNs },
      fresh: { source: 'counter', compartment: lib },
      plain: { namespace: { answer: 42 } },
      virtual: {
        source: {
          imports: ['plain'],
          exports: ['doubled'],
          execute(target: Record<string, unknown>, compartment: Compartment, resolved: Record<string, string>) {
            target.doubled = compartment.importNow(resolved.plain).answer * 2;
          },
        },
      },
      main: new ModuleSource(`import { inc, n } from 'byName'; import { n as n2 } from 'byNamespace'; import { n as n3, inc as inc3 } from 'fresh';
        import { answer } from 'plain'; import { doubled } from 'virtual';
        inc(); inc3(); inc3(); export const out = [n, n2, n3, answer, doubled];`),
    },
  });
  t.deepEqual([...shared.importNow('main').out], [1, 1, 2, 42, 84]);
  t.is(shared.module('byName'), libNs, 'the same instance, the same namespace');
  t.is(libNs.n, 1);
  t.throws(() => new Compartment({ __options__: true, modules: { m: { nothing: true } } }).importNow('m'), {
    instanceOf: TypeError,
    message: /PF_BAD_MODULE_DESCRIPTOR/,
  });
});

test('module-host-import-escape: modules reach neither the host import() nor require, process or the host global', async t => {
  const c = make({
    main: `export const out = [typeof require, typeof process, typeof module, typeof exports, this === undefined,
             typeof globalThis.process, typeof arguments];
           export const tryImport = () => import('node:fs');`,
  });
  const ns = await c.import('main');
  t.deepEqual([...ns.out], ['undefined', 'undefined', 'undefined', 'undefined', true, 'undefined', 'undefined']);
  await t.throwsAsync(ns.tryImport(), { instanceOf: TypeError, message: /PF_MODULE_NOT_FOUND/ });
});

test('module scope: top-level declarations stay in the module; free names are the compartment globals', t => {
  const c = make({ main: `var v = 1; let l = 2; function f() {} export const out = [typeof v, typeof l, g, typeof undefinedName];` }, { globals: { g: 'global' } });
  t.deepEqual([...c.importNow('main').out], ['number', 'number', 'global', 'undefined']);
  t.false('v' in c.globalThis);
  t.false('f' in c.globalThis);
  const bad = make({ main: `export const x = missing;` });
  t.throws(() => bad.importNow('main'), { instanceOf: ReferenceError, message: 'missing is not defined' });
});

test('module functions render as written', t => {
  const c = make({ main: `import { x } from 'dep'; export function f(a) { return a + x + g; } export default class { m() { return x; } }` , dep: 'export const x = 1;' });
  const ns = c.importNow('main');
  t.is(String(ns.f), 'function f(a) { return a + x + g; }');
  t.is(String(ns.default), 'class { m() { return x; } }');
});

test('two compartments instantiate the same ModuleSource separately', t => {
  const source = new ModuleSource('export let n = 0; export function inc() { n += 1; return n; }');
  const one = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { m: source } });
  const two = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { m: source } });
  one.importNow('m').inc();
  t.is(one.importNow('m').n, 1);
  t.is(two.importNow('m').n, 0);
});

test('module() before loading: a namespace that throws until linked, then is the namespace', async t => {
  const c = make({ x: `export const value = 'x';` });
  const early = c.module('x');
  t.throws(() => early.value, { instanceOf: ReferenceError, message: /PF_MODULE_NOT_LINKED/ });
  t.throws(() => Object.keys(early), { instanceOf: ReferenceError });
  const ns = await c.import('x');
  t.is(ns, early);
  t.is(early.value, 'x');
  t.deepEqual(Reflect.ownKeys(early), ['value', Symbol.toStringTag]);
  t.false(Object.isExtensible(early));
  // Another compartment can alias it before it is linked: the descriptor names that module.
  const lib = make({ y: `export let n = 1; export function inc() { n += 1; }` });
  const aliased = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { lib: { namespace: lib.module('y') } } });
  const viaAlias = await aliased.import('lib');
  t.is(viaAlias, lib.module('y'));
  viaAlias.inc();
  t.is(lib.importNow('y').n, 2);
});

test('import attributes: JSON modules need { type: "json" }, and only they take it', async t => {
  const json = makeJsonModuleSource('{"answer": 42}');
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      'data.json': json,
      ok: new ModuleSource(`import data from 'data.json' with { type: 'json' }; export const answer = data.answer;
                            export const later = () => import('data.json', { with: { type: 'json' } });
                            export const wrong = () => import('data.json');`),
      missing: new ModuleSource(`import data from 'data.json'; export default data;`),
      notJson: new ModuleSource(`import x from 'plain' with { type: 'json' };`),
      plain: new ModuleSource(`export default 1;`),
    },
  });
  const ns = c.importNow('ok');
  t.is(ns.answer, 42);
  t.is((await ns.later()).default.answer, 42);
  await t.throwsAsync(ns.wrong(), { instanceOf: TypeError, message: /is a JSON module/ });
  t.throws(() => c.importNow('missing'), { instanceOf: TypeError, message: /is a JSON module/ });
  t.throws(() => c.importNow('notJson'), { instanceOf: TypeError, message: /is not a JSON module/ });
  t.throws(() => new ModuleSource(`import x from 'y' with { kind: 'css' };`), { instanceOf: SyntaxError, message: /"kind" is not supported/ });
});

test('a redirect { specifier, compartment } from a hook shares the instance it names', async t => {
  const sources: Record<string, string> = {
    './alias-target.js': `const meaning = 42; export { meaning as default }; export const unique = {};`,
    './main.js': `import meaning, { unique } from './meaning.js'; import { unique as direct } from './alias-target.js'; export default [meaning, unique === direct];`,
  };
  const compartment: Compartment = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    importHook: async (specifier: string) =>
      specifier === './meaning.js' ? { specifier: './alias-target.js', compartment } : new ModuleSource(sources[specifier]!),
  });
  t.deepEqual([...(await compartment.import('./main.js')).default], [42, true]);
});
