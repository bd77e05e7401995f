// Red team, regression tests for escape attempts that lockdown() blocks: from the shared
// intrinsics and from what syntax reaches, guest code must not reach an evaluator, a host-only
// intrinsic (InitialDate/Error/Math, WeakRef, Atomics, the float arrays...), the original Error
// with V8's stack API, a CallSite, or anything unfrozen. Guest code is strict `new Function` code
// whose Date/Error/Math are the shared ones, as a compartment's would be.
import test from 'ava';
import { harden, lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { universalGlobals } from '../whitelist/permits.js';

const hostEval = globalThis.eval;
const hostFunction = globalThis.Function;
const HostError = globalThis.Error;
lockdown({ reporting: 'none' });
const I = getIntrinsics()!;
const SharedError = I['%SharedError%'] as ErrorConstructor;
const SharedDate = I['%SharedDate%'] as DateConstructor;
const SharedMath = I['%SharedMath%'] as Math;

const guest = (source: string, endowments: Record<string, unknown> = {}): any =>
  new Function('Error', 'Date', 'Math', ...Object.keys(endowments), `'use strict';\n${source}`)(
    SharedError,
    SharedDate,
    SharedMath,
    ...Object.values(endowments),
  );

/** Everything a guest holds at the start: shared globals, syntax-made objects, engine errors. */
const guestRoots = (): unknown[] =>
  guest(`
    const roots = [Error, Date, Math, ...Object.values(shared)];
    const errors = [];
    const catchIt = f => { try { f(); } catch (e) { errors.push(e); } };
    catchIt(() => null.x);                          // TypeError
    catchIt(() => { const f = () => f(); f(); });   // RangeError: stack overflow
    catchIt(() => JSON.parse('{'));                 // SyntaxError
    catchIt(() => undeclaredVariable);              // ReferenceError
    catchIt(() => decodeURIComponent('%'));         // URIError
    catchIt(() => new Array(-1));                   // RangeError
    catchIt(() => Symbol() + '');                   // TypeError from a conversion
    catchIt(() => Reflect.construct(() => {}, [])); // TypeError: not a constructor
    function* g() {} async function af() {} async function* ag() {}
    const it = [].values();
    roots.push(...errors, g, g(), af, af(), ag, ag(), it, new Map().entries(), new Set().values(),
      ''[Symbol.iterator](), /a/g[Symbol.matchAll]('a'), /x/, (function () { return arguments; })(),
      class {}, () => {}, { m() {} }.m, (() => {}).bind(null), Promise.resolve(), 1n, Symbol.iterator,
      new Proxy({}, {}), new WeakMap(), new ArrayBuffer(8), new DataView(new ArrayBuffer(8)),
      new BigInt64Array(1), new Uint8Array(1), Object.getOwnPropertyDescriptor(Function.prototype, 'caller'),
      /(?<n>a)/d.exec('a'), String.raw, Promise.withResolvers?.());
    if (typeof Iterator === 'function') roots.push(it.map(x => x), Iterator.from({ next: () => ({ done: true }) }));
    return roots;
  `, { shared: Object.fromEntries(Object.keys(universalGlobals).map(k => [k, (globalThis as any)[k]])) });

/** Walks own properties (data and accessor halves) and prototypes; returns the set reached. */
const walk = (roots: unknown[]): Set<object> => {
  const seen = new Set<object>();
  const queue = [...roots];
  while (queue.length > 0) {
    const v = queue.pop();
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') continue;
    if (seen.has(v)) continue;
    seen.add(v);
    queue.push(Object.getPrototypeOf(v));
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key)!;
      queue.push(d.value, d.get, d.set);
    }
  }
  return seen;
};

test('guest-escape: no host-only object is reachable from what a guest holds', t => {
  const reached = walk(guestRoots());
  const hostOnly: [string, unknown][] = [
    ['eval', hostEval],
    ['Function', hostFunction],
    ['the original Error', HostError],
    ['globalThis', globalThis],
    ['process', (globalThis as any).process],
    ['console', globalThis.console],
    ...['%InitialDate%', '%InitialError%', '%InitialMath%', '%InitialFunction%', '%InitialGetStackString%', '%WeakRef%',
      '%FinalizationRegistry%', '%SharedArrayBuffer%', '%Atomics%', '%Float16Array%', '%Float32Array%', '%Float64Array%']
      .filter(name => I[name] !== undefined)
      .map(name => [name, I[name]] as [string, unknown]),
  ];
  t.deepEqual(hostOnly.filter(([, v]) => reached.has(v as object)).map(([name]) => name), []);
});

test('guest-escape: every object two independent guests both reach is frozen', t => {
  // What each guest's syntax makes is its own; what both reach is shared and must be frozen.
  const a = walk(guestRoots());
  const b = walk(guestRoots());
  const shared = [...a].filter(x => b.has(x));
  t.true(shared.length > 500, `walked ${shared.length} shared objects`);
  t.deepEqual(shared.filter(x => !Object.isFrozen(x)).map(x => Object.prototype.toString.call(x)), []);
});

test('guest-escape: the stack API of every error constructor a guest reaches is inert', t => {
  const r = guest(`
    const ctors = new Set([Error]);
    for (const f of [() => null.x, () => { const f = () => f(); f(); }, () => JSON.parse('{'), () => decodeURI('%')]) {
      try { f(); } catch (e) { for (let c = e.constructor; typeof c === 'function'; c = Object.getPrototypeOf(c)) ctors.add(c); }
    }
    class Mine extends Error {}
    ctors.add(Mine);
    let called = false;
    for (const C of ctors) {
      try { C.prepareStackTrace = () => { called = true; return 'leak'; }; } catch {}
      try { C.stackTraceLimit = 0; } catch {}
    }
    const e = new Mine('m');
    const o = {};
    Error.captureStackTrace(o);
    return { called, stack: e.stack, captured: o.stack, limits: [...ctors].map(C => C.stackTraceLimit),
             prepares: [...ctors].map(C => typeof C.prepareStackTrace), engine: (() => { try { null.x; } catch (x) { return x.stack; } })() };
  `);
  t.false(r.called, 'no guest prepareStackTrace is ever called');
  t.is(r.stack, '');
  t.is(r.captured, '');
  t.is(r.engine, '');
  t.true(r.limits.every((l: unknown) => l === undefined));
  t.true(r.prepares.every((p: unknown) => p === 'undefined'));
});

test('guest-escape: Function.prototype.caller/arguments and strict arguments.callee are %ThrowTypeError%', t => {
  const r = guest(`
    const out = [];
    function f() { try { return f.caller; } catch (e) { return e instanceof TypeError ? 'throws' : 'other'; } }
    out.push(f());
    try { out.push(typeof f.arguments); } catch (e) { out.push('throws'); }
    out.push(Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get === Object.getOwnPropertyDescriptor((function () { return arguments; })(), 'callee').get);
    return out;
  `);
  t.deepEqual(r, ['throws', 'throws', true]);
});

test('guest-escape: override accessors neither write on the shared prototype nor leak through originalValue', t => {
  const r = guest(`
    const out = {};
    const d = Object.getOwnPropertyDescriptor(Object.prototype, 'toString');
    out.accessor = typeof d.get === 'function' && typeof d.set === 'function';
    out.originalIsValue = d.get.originalValue === d.get.call(undefined);
    try { d.set.call(Object.prototype, () => 'pwned'); out.wroteProto = true; } catch { out.wroteProto = false; }
    try { d.set.call(Array.prototype, () => 'pwned'); out.wroteOther = true; } catch { out.wroteOther = false; }
    try { d.set.call('primitive', () => 'pwned'); out.wrotePrimitive = true; } catch { out.wrotePrimitive = false; }
    const heir = {}; heir.toString = () => 'mine';
    out.heir = String(heir) + ',' + String({});
    try { Object.prototype.toString = () => 'x'; out.assigned = true; } catch { out.assigned = false; }
    out.frozen = Object.isFrozen(d.get) && Object.isFrozen(d.set);
    return out;
  `);
  t.deepEqual(r, {
    accessor: true, originalIsValue: true, wroteProto: false, wroteOther: false, wrotePrimitive: false,
    heir: 'mine,[object Object]', assigned: false, frozen: true,
  });
});

test('guest-escape: Iterator.prototype accessors refuse writes to Iterator.prototype itself', t => {
  const r = guest(`
    if (typeof Iterator !== 'function') return 'absent';
    const out = [];
    for (const key of ['constructor', Symbol.toStringTag]) {
      const d = Object.getOwnPropertyDescriptor(Iterator.prototype, key);
      try { d.set.call(Iterator.prototype, 'x'); out.push('wrote'); } catch { out.push('refused'); }
    }
    return out.join();
  `);
  t.true(r === 'absent' || r === 'refused,refused');
});

test('guest-escape: the shared lockdown() and harden() change nothing for anyone', t => {
  const r = guest(`
    let again;
    try { lockdown(); again = 'ran'; } catch (e) { again = /PF_ALREADY_LOCKED_DOWN/.test(e.message) ? 'refused' : e.message; }
    const o = harden({ a: {} });
    return { again, frozen: Object.isFrozen(o.a) };
  `, { lockdown: (globalThis as any).lockdown, harden });
  t.deepEqual(r, { again: 'refused', frozen: true });
});

test('guest-escape: harden is not fooled by a stack overflow part-way (rollback uses builtins only)', t => {
  const tried: object[] = [];
  const rec = (): void => {
    const x = { inner: { deep: {} } };
    tried.push(x);
    try {
      rec();
    } catch {
      // stack exhausted
    }
    try {
      harden(x);
    } catch {
      // may fail near the limit
    }
  };
  rec();
  const fooled = tried.filter(x => {
    try {
      harden(x);
    } catch {
      return false;
    }
    return !Object.isFrozen(x) || !Object.isFrozen((x as any).inner) || !Object.isFrozen((x as any).inner.deep);
  });
  t.is(fooled.length, 0);
});

test('guest-escape: harden through Proxy traps that call harden cannot leave a mutable object marked', t => {
  const victim = { inner: {} };
  let failOnce = true;
  const proxy = new Proxy(
    {},
    {
      ownKeys(target) {
        harden(victim); // nested call while the outer walk is in progress
        if (failOnce) {
          failOnce = false;
          throw new Error('trap failure');
        }
        return Reflect.ownKeys(target);
      },
    },
  );
  t.throws(() => harden({ proxy, victim }));
  t.true(Object.isFrozen(victim) && Object.isFrozen(victim.inner));
  const later = { x: {} };
  harden({ proxy, later });
  t.true(Object.isFrozen(later.x));
});
