// Attack (red team): a precompiled (@endo/module-source style) importer subscribes an updater to a
// live binding of a precompiled exporter. module-precompiled.ts publishes updates with
// `updaters[i](v)`, a method call, so a non-arrow updater receives as `this` the exporter's
// internal, unfrozen array of every importer's updater. With it, one importer calls the others'
// updaters with forged values (they then read a value the exporter never exported), or empties
// the array (they stop seeing updates). The exporter may be shared with another compartment
// (`{ namespace: 'y', compartment }`), and a guest needs no help from its host: any namespace
// object of such a module, aliased in a child Compartment it makes (`{ namespace: ns }`), lets it
// install a hand-written precompiled importer there.
//
// Safe behaviour: updaters are called with `this` undefined; no importer reaches another's
// updater; the binding machinery handed to a functor is frozen.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

interface Record_ {
  imports: string[];
  exports: string[];
  reexports: string[];
  __syncModuleProgram__: string;
  __fixedExportMap__: Record<string, string[]>;
  __liveExportMap__: Record<string, [string, boolean]>;
  __reexportMap__: Record<string, never>;
  __needsImportMeta__: boolean;
}

const precompiled = (
  imports: string[],
  program: string,
  fixed: Record<string, string[]> = {},
  live: Record<string, [string, boolean]> = {},
): Record_ => ({
  imports,
  exports: [...Object.keys(fixed), ...Object.keys(live)],
  reexports: [],
  __syncModuleProgram__: program,
  __fixedExportMap__: fixed,
  __liveExportMap__: live,
  __reexportMap__: {},
  __needsImportMeta__: false,
});

// Compartment B: `y` has a live binding `v` (and `bump` to update it); `z` is an honest importer.
const makeVictim = (): { B: Compartment; read: () => unknown; bump: (n: number) => void } => {
  const y = precompiled([], `({ onceVar, liveVar }) => { liveVar.v(1); onceVar.bump(n => liveVar.v(n)); }`, { bump: ['bump'] }, { v: ['v', false] });
  const z = precompiled(['y'], `({ imports, onceVar }) => { let v; imports([['y', [['v', [x => { v = x; }]]]]]); onceVar.read(() => v); }`, {
    read: ['read'],
  });
  const B = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { y, z } });
  const zns = B.importNow('z') as { read: () => unknown };
  return { B, read: () => zns.read(), bump: n => (B.module('y') as { bump: (n: number) => void }).bump(n) };
};

// Compartment A's guest: it is given `y` (shared) and only an ES module of its own.
const attacker = `
  import * as ns from 'y';
  let stolen;
  const child = new Compartment({
    __options__: true,
    globals: { sink: a => { stolen = a; } },
    modules: {
      y: { namespace: ns },
      x: { imports: ['y'], exports: [], reexports: [],
           __syncModuleProgram__: '({ imports }) => { imports([["y", [["v", [function () { if (this !== undefined) sink(this); } ]]]]]); }' },
    },
  });
  child.importNow('x');
  export const got = () => stolen !== undefined;
  export const forge = () => { if (stolen) for (const u of stolen) { try { u('FORGED'); } catch {} } };
  export const cut = () => { if (stolen) stolen.length = 0; };
`;

test('redteam-precompiled-updater-this: an importer cannot forge what another compartment imports', async t => {
  const { B, read, bump } = makeVictim();
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { y: { namespace: 'y', compartment: B }, main: new ModuleSource(attacker) },
  });
  const ns = (await A.import('main')) as { got: () => boolean; forge: () => void };
  bump(2);
  t.is(read(), 2);
  ns.forge();
  t.false(ns.got(), "the attacker's updater received the exporter's updaters array as `this`");
  t.is(read(), 2, 'the honest importer in another compartment reads a value its exporter never exported');
});

test('redteam-precompiled-updater-this: an importer cannot unsubscribe the others', async t => {
  const { B, read, bump } = makeVictim();
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { y: { namespace: 'y', compartment: B }, main: new ModuleSource(attacker) },
  });
  const ns = (await A.import('main')) as { cut: () => void };
  bump(2);
  ns.cut();
  bump(3);
  t.is(read(), 3, 'the honest importer stopped seeing updates of a live binding');
});

test('redteam-precompiled-updater-this: the onceVar/liveVar setters given to a functor are frozen', t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      m: precompiled([], `({ onceVar, liveVar }) => { onceVar.a(Object.isFrozen(onceVar.a) && Object.isFrozen(liveVar.b)); liveVar.b(0); }`, { a: ['a'] }, { b: ['b', false] }),
    },
  });
  t.true((c.importNow('m') as { a: boolean }).a);
});

test('redteam-precompiled-updater-this: updaters of an ES exporter are called without a receiver', t => {
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      y: new ModuleSource('export let v = 1;'),
      x: precompiled(['y'], `({ imports, onceVar }) => { let seen = 'none'; imports([['y', [['v', [function () { seen = typeof this; }]]]]]); onceVar.seen(() => seen); }`, {
        seen: ['seen'],
      }),
    },
  });
  t.is((c.importNow('x') as { seen: () => string }).seen(), 'undefined');
});
