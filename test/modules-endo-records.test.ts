// Compatibility with module records made by @endo/module-source (what ses runs): the same module
// texts, compiled by Babel there, run in our compartments with ses's functor calling convention,
// mixed freely with our own ModuleSource, CommonJS and virtual modules in one graph.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../src/index.js';

lockdown({ reporting: 'none' });

// Imported untyped: the package ships .ts sources whose Babel types are not installed.
const { ModuleSource: EndoModuleSource } = (await import('@endo/module-source' as string)) as {
  ModuleSource: new (text: string) => unknown;
};

const endo = (text: string): object => new EndoModuleSource(text) as unknown as object;

test('endo-records: live bindings, defaults, star and named re-exports, namespaces, import.meta', async t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    importMetaHook: (specifier: string, meta: Record<string, unknown>) => {
      meta.url = `test:${specifier}`;
    },
    modules: {
      counter: endo(`export let count = 0; export function inc() { count += 1; return count; } export default 'counter';`),
      stars: endo(`export * from 'counter'; export { default as counterName } from 'counter'; export * as counterNs from 'counter';`),
      meta: endo(`export const url = import.meta.url;`),
      main: endo(`import name, { count, inc } from 'counter'; import * as all from 'stars'; import { url } from 'meta';
                  export const before = count; inc(); export const after = count;
                  export const names = [name, all.counterName, Object.keys(all).join(), all.counterNs.count, url];`),
    },
  });
  const ns = c.importNow('main');
  t.is(ns.before, 0);
  t.is(ns.after, 1, 'an endo importer sees the live update of an endo exporter');
  t.deepEqual([...ns.names], ['counter', 'counter', 'count,counterName,counterNs,inc', 1, 'test:meta']);
  t.is(c.module('counter').count, 1);
});

test('endo-records: mixed graphs: endo imports ours and ours imports endo, cycles included', async t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      ours: new ModuleSource(`import { theirs, hoisted } from 'theirs'; export const fromTheirs = theirs; export const ours = 'ours'; export const h = hoisted();`),
      theirs: endo(`export const theirs = 'theirs'; export function hoisted() { return 'hoisted'; }`),
      a: endo(`import { b } from 'b'; export const a = 'a'; export const seenB = () => b;`),
      b: new ModuleSource(`import { seenB } from 'a'; export const b = 'b'; export const call = () => seenB();`),
      top: endo(`import { ours, fromTheirs, h } from 'ours'; import { call } from 'b'; export const out = [ours, fromTheirs, h, call()];`),
    },
  });
  const ns = await c.import('top');
  t.deepEqual([...ns.out], ['ours', 'theirs', 'hoisted', 'b']);
});

test('endo-records: errors: a missing import is a SyntaxError, a throwing module fails its importers', t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      m: endo(`import { nope } from 'd'; export default nope;`),
      d: endo(`export const yes = 1;`),
      bad: endo(`throw new RangeError('endo boom');`),
      user: endo(`import 'bad';`),
    },
  });
  t.throws(() => c.importNow('m'), { instanceOf: SyntaxError, message: /nope/ });
  t.throws(() => c.importNow('user'), { instanceOf: RangeError, message: 'endo boom' });
});

test('endo-records: a host-made __syncModuleFunctor__ is used instead of the program text', async t => {
  const base = endo(`export const a = 0; export let b = 0; b = 666; throw Error('this should not run');`) as Record<string, unknown>;
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      pre: {
        ...base,
        __syncModuleFunctor__: ({ onceVar, liveVar }: { onceVar: Record<string, (v: unknown) => void>; liveVar: Record<string, (v: unknown) => void> }) => {
          onceVar.a!(123);
          liveVar.b!(456);
        },
      },
      main: new ModuleSource(`import { a, b } from 'pre'; export default [a, b];`),
    },
  });
  t.deepEqual([...c.importNow('main').default], [123, 456]);
});
