// Attack (red team): a module that exports `then`. Natively `import()` resolves with its namespace,
// so the namespace, a thenable, is adopted once: `then` is called with the import's resolving
// functions, and import() gives what it resolves with. The loader resolved an internal promise
// with the namespace (adopted there), then used the adopted value as if it were the namespace:
// import() inside a compartment rejected with the loader's own TypeError ("Cannot read properties
// of undefined (reading 'json')", an internal detail), and the boxed `compartment.import()` gave
// `{ namespace: <whatever then resolved with> }`, not the namespace.
//
// Safe behaviour: the loader hands namespaces around boxed; only the last step (import() or an
// unboxed compartment.import()) adopts it, once, as natively; a boxed compartment.import() gives the
// namespace itself.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const make = (noBox: boolean): Compartment =>
  new Compartment({
    __options__: true,
    __noNamespaceBox__: noBox,
    globals: { calls: [] },
    modules: {
      t: new ModuleSource(`export function then(resolve) { calls.push(typeof resolve); resolve(42); }`),
      main: new ModuleSource(`export const r = await import('t');`),
    },
  });

test('redteam-namespace-then-adoption: import() in a module adopts a thenable namespace once, as natively', async t => {
  const c = make(true);
  const main = (await c.import('main')) as { r: unknown };
  t.is(main.r, 42);
  t.deepEqual([...(c.globalThis as { calls: string[] }).calls], ['function']);
});

test('redteam-namespace-then-adoption: a boxed compartment.import() gives the namespace itself', async t => {
  const c = make(false);
  const { namespace } = (await c.import('t')) as { namespace: { then: unknown } };
  t.is(typeof namespace.then, 'function');
  t.is(Object.prototype.toString.call(namespace), '[object Module]');
  t.deepEqual([...(c.globalThis as { calls: string[] }).calls], []);
});

test('redteam-namespace-then-adoption: an unboxed compartment.import() adopts it once', async t => {
  const c = make(true);
  t.is(await c.import('t'), 42);
  t.deepEqual([...(c.globalThis as { calls: string[] }).calls], ['function']);
});
