// Attacks (red team) on module evaluation (module-evaluate.ts, module-loader.ts) that held: each
// test asserts the safe outcome, and fails if the weakness it probes appears.
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const settles = async (p: Promise<unknown>, ms = 2000): Promise<string> => {
  const timeout = new Promise<string>(resolve => setTimeout(() => resolve('never settled'), ms));
  return Promise.race([p.then(() => 'fulfilled', () => 'rejected'), timeout]);
};

// Parent chain: while B's y awaits, a guest of A builds, in a child compartment, as long a chain of
// importers above y as loading lets it (one import() per 250, each shallow). When y settles,
// GatherAvailableAncestors / AsyncModuleExecutionRejected walk that chain in one job: had they
// recursed, the job could run out of stack before reaching B's own importer, which then never runs.
const chainAttacker = `
  const child = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    importHook: async s => {
      if (s === 'y') return { namespace: 'y' };
      const i = Number(s.slice(1));
      return { imports: [i === 1 ? 'y' : 'm' + (i - 1)], exports: [], execute() {} };
    },
  });
  let length = 0;
  for (let i = 250; i <= 20000; i += 250) {
    try { await child.load('m' + i); } catch { break; }
    child.import('m' + i).catch(() => {});
    for (let j = 0; j < 10; j += 1) await null;
    length = i;
  }
  export { length };
`;
const chainSetup = (): { A: Compartment; B: Compartment; open: () => void; fail: (e: unknown) => void } => {
  let open: () => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  gate.catch(() => {});
  const B = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { gate: Object.freeze({ then: (a: () => void, b: (e: unknown) => void) => gate.then(a, b) }) },
    modules: {
      y: new ModuleSource(`export let v = 0; await gate; v = 1;`),
      z: new ModuleSource(`import { v } from 'y'; export const seen = v;`),
    },
  });
  const A = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: { y: { namespace: 'y', compartment: B }, main: new ModuleSource(chainAttacker) },
  });
  return { A, B, open, fail };
};

test('parent chain: a guest\'s long chain of importers does not keep B\'s importer from running', async t => {
  const { A, B, open } = chainSetup();
  const y = B.import('y');
  const main = (await A.import('main')) as { length: number };
  t.true(main.length >= 1000);
  const z = B.import('z') as Promise<{ seen: number }>;
  open();
  t.is(await settles(y), 'fulfilled');
  t.is(await settles(z), 'fulfilled', "B's importer of y never ran");
  t.is((await z).seen, 1);
});

test('parent chain: ... nor from being rejected', async t => {
  const { A, B, fail } = chainSetup();
  const y = B.import('y');
  await A.import('main');
  const z = B.import('z');
  fail(new Error('y failed'));
  t.is(await settles(y), 'rejected');
  t.is(await settles(z), 'rejected', "B's importer of y was never rejected");
});

test('virtual execute returning a thenable: the loader neither calls its then nor waits for it', async t => {
  const calls: string[] = [];
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    modules: {
      v: {
        imports: [],
        exports: ['a'],
        execute(target: Record<string, unknown>) {
          target.a = 1;
          return { then: () => calls.push('then') };
        },
      },
      main: new ModuleSource(`import { a } from 'v'; export const b = a + 1;`),
    },
  });
  t.is((c.importNow('main') as { b: number }).b, 2);
  t.is(((await c.import('v')) as { a: number }).a, 1);
  t.deepEqual(calls, []);
});

test('two compartments with one ModuleSource: a module exhausted in one does not fail in the other', async t => {
  const source = new ModuleSource(`const f = n => (n === 0 ? 0 : 1 + f(n - 1)); export const depth = f(200);`);
  const B = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { y: source } });
  const C = new Compartment({ __options__: true, __noNamespaceBox__: true, modules: { y: source } });
  let failed = false;
  const deep = (): void => {
    try {
      deep();
    } catch {
      try {
        C.importNow('y');
      } catch (error) {
        if (error instanceof RangeError) failed = true;
      }
    }
  };
  deep();
  t.true(failed, 'the probe did not reach stack exhaustion in C');
  t.is(((await B.import('y')) as { depth: number }).depth, 200);
});

test('re-entrancy: importNow of the module being evaluated, from its own body, neither re-runs it nor throws', t => {
  let runs = 0;
  const box: { c?: Compartment } = {};
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { again: Object.freeze(() => box.c!.importNow('m')), count: Object.freeze(() => (runs += 1)) },
    modules: { m: new ModuleSource(`count(); export const ns = again(); export const x = 1;`) },
  });
  box.c = c;
  const ns = c.importNow('m') as { ns: unknown; x: number };
  t.is(runs, 1);
  t.is(ns.ns, ns);
  t.is(ns.x, 1);
});

test('CommonJS of another compartment: a guest\'s require neither re-runs a module that threw nor first runs one', async t => {
  let runs = 0;
  const B = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    globals: { count: Object.freeze(() => (runs += 1)) },
    modules: { c: new CjsModuleSource(`count(); throw new Error('once');`), d: new CjsModuleSource(`count(); exports.d = 1;`) },
  });
  const makeA = (): Compartment =>
    new Compartment({
      __options__: true,
      __noNamespaceBox__: true,
      modules: {
        c: { namespace: 'c', compartment: B },
        d: { namespace: 'd', compartment: B },
        main: new CjsModuleSource(`
          const codes = [];
          for (const id of ['c', 'c', 'd']) try { require(id); codes.push('ran'); } catch (e) { codes.push(String(e.message).match(/PF_[A-Z_]+/)?.[0] ?? e.message); }
          module.exports = codes;`),
      },
    });
  t.throws(() => B.importNow('c'), { message: 'once' });
  t.is(runs, 1);
  t.deepEqual(await makeA().import('main').then(ns => (ns as { default: string[] }).default), [
    'PF_MODULE_NOT_EVALUATED',
    'PF_MODULE_NOT_EVALUATED',
    'PF_MODULE_NOT_EVALUATED',
  ]);
  t.is(runs, 1, "a guest of A ran B's module");
  B.importNow('d');
  t.is(await makeA().import('main').then(ns => (ns as { default: string[] }).default[2]), 'ran');
});
