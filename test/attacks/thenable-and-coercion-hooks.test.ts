// Attack: make host code (and Permafrost's own code) call guest hooks, hoping they receive host
// objects as `this` or as arguments: thenables awaited or resolved by the host, `Symbol.toPrimitive`
// / `valueOf` / `toString` / `toJSON` run by host coercions, getters on returned objects, Proxy
// traps run by host reflection and by `harden`, getters in endowments and options read by the
// `Compartment` API, and transforms. The hooks do run; what they receive must be primitives,
// frozen shared objects, the guest's own objects, or fresh objects made for that call (promise
// resolvers, property descriptors) that reach nothing but frozen objects — never the host global
// or an object only the host holds.
import test from 'ava';
import { Compartment, harden, lockdown } from '../../src/index.js';
import { findReachableProblems } from '../_frozen-walk.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

// Guest-side recorder: every object the guest makes is added to `mine`; every hook records its
// `this` and arguments.
const RECORDER = `
  const mine = new WeakSet();
  const m = x => {
    mine.add(x);
    for (const k of Reflect.ownKeys(x)) {
      const d = Reflect.getOwnPropertyDescriptor(x, k);
      for (const f of [d.get, d.set]) if (f) mine.add(f);
    }
    return x;
  };
  globalThis.seen = [];
  globalThis.isMine = x => mine.has(x);
  globalThis.rec = (hook, self, args) => { seen.push({ hook, self, args: [...args] }); };
  globalThis.m = m;
`;

const hostOnly = new Set<unknown>([globalThis, process, console]);

type Verdict = 'primitive' | 'guest' | 'frozen' | 'fresh' | 'HOST';
const classify = (c: Compartment, x: unknown): Verdict => {
  if ((typeof x !== 'object' || x === null) && typeof x !== 'function') return 'primitive';
  if (hostOnly.has(x)) return 'HOST';
  if (x === c.globalThis) return 'guest';
  if ((c.globalThis as any).isMine(x)) return 'guest';
  if (Object.isFrozen(x)) return 'frozen';
  // A fresh object made by the engine for this call: what it reaches, apart from itself, is frozen.
  const roots: Record<string, unknown> = { proto: Reflect.getPrototypeOf(x as object) };
  for (const key of Reflect.ownKeys(x as object)) {
    const d = Reflect.getOwnPropertyDescriptor(x as object, key)!;
    roots[`${String(key)}`] = d.value;
    roots[`${String(key)}.get`] = d.get;
    roots[`${String(key)}.set`] = d.set;
  }
  for (const [k, v] of Object.entries(roots)) {
    if ((c.globalThis as any).isMine(v) || v === c.globalThis || v === x) delete roots[k];
    if (hostOnly.has(v)) return 'HOST';
  }
  const { problems } = findReachableProblems(roots, new Map(), { checkWhitelist: false, freeze: true });
  return problems.length === 0 ? 'fresh' : 'HOST';
};

const check = (t: any, c: Compartment, minHooks: number): void => {
  const seen = (c.globalThis as any).seen as { hook: string; self: unknown; args: unknown[] }[];
  const hooks = new Set(seen.map(s => s.hook));
  t.true(hooks.size >= minHooks, `hooks ran: ${[...hooks].join(', ')}`);
  const bad: string[] = [];
  for (const { hook, self, args } of seen) {
    const v = classify(c, self);
    if (v === 'HOST') bad.push(`${hook}: this`);
    args.forEach((a, i) => {
      if (classify(c, a) === 'HOST') bad.push(`${hook}: argument ${i}`);
    });
  }
  t.deepEqual(bad, []);
};

test('thenable-and-coercion-hooks: thenables awaited and resolved by the host get fresh resolvers', async t => {
  const c = new Compartment();
  c.evaluate(RECORDER);
  const thenable = c.evaluate(`m({ then: m(function (res, rej) { rec('then', this, arguments); res(m({ ok: 1 })); }) })`);
  const value = await thenable;
  t.is((value as any).ok, 1);
  await Promise.resolve(thenable);
  await Promise.all([thenable, thenable]);
  await Promise.race([thenable]);
  await Promise.allSettled([thenable]);
  await new Promise(resolve => resolve(thenable));
  (async () => thenable)();
  // A thenable whose `then` is a getter.
  const getterThenable = c.evaluate(`m({ get then() { rec('get then', this, arguments); return undefined; } })`);
  await getterThenable;
  // A guest promise subclass-ish: a promise whose constructor is a guest object.
  const speciesPromise = c.evaluate(`(() => { const p = Promise.resolve(1); Object.defineProperty(p, 'constructor', { get() { rec('get constructor', this, arguments); return Promise; } }); return m(p); })()`);
  await Promise.resolve(speciesPromise);
  await (speciesPromise as Promise<unknown>).then(x => x);
  await new Promise(r => setTimeout(r, 0));
  check(t, c, 3);
});

test('thenable-and-coercion-hooks: coercion hooks run by host code receive only guest-reachable values', t => {
  const c = new Compartment();
  c.evaluate(RECORDER);
  const obj = c.evaluate(`m({
    [Symbol.toPrimitive]: m(function (hint) { rec('toPrimitive', this, arguments); return 'p'; }),
  })`) as any;
  const plain = c.evaluate(`m({
    valueOf: m(function () { rec('valueOf', this, arguments); return 7; }),
    toString: m(function () { rec('toString', this, arguments); return 's'; }),
    toJSON: m(function (key) { rec('toJSON', this, arguments); return 'j'; }),
  })`) as any;
  t.is(`${obj}`, 'p');
  t.is(obj + 1, 'p1');
  t.is(String(plain), 's');
  t.is(plain * 2, 14);
  t.is(`${plain}`, 's');
  t.is(JSON.stringify({ a: plain, b: [plain] }), '{"a":"j","b":["j"]}');
  t.is(JSON.stringify(plain, (_k, v) => v), '"j"');
  t.is([plain].join(), 's');
  t.is(Object.prototype.toString.call(plain), '[object Object]');
  t.true(plain == 7);
  t.is(new Date(plain).getTime(), 7);
  t.is(Number(plain), 7);
  t.is(String([obj]), 'p');
  t.throws(() => Symbol(obj as any) && BigInt(plain) && (() => { throw new Error(); })());
  check(t, c, 4);
});

test('thenable-and-coercion-hooks: getters and proxy traps run by host reflection and harden', t => {
  const c = new Compartment();
  c.evaluate(RECORDER);
  const withGetters = c.evaluate(`m({
    get a() { rec('get a', this, arguments); return 1; },
    set a(v) { rec('set a', this, arguments); },
  })`) as any;
  t.is(withGetters.a, 1);
  withGetters.a = harden({ hostValue: true });
  t.is(JSON.stringify(withGetters), '{"a":1}');
  t.deepEqual({ ...withGetters }, { a: 1 });
  Object.assign({}, withGetters);
  const proxy = c.evaluate(`(() => {
    const target = m({ x: 1 });
    const handler = m({});
    for (const trap of Object.getOwnPropertyNames(Reflect)) {
      handler[trap] = m(function (...args) { rec('trap ' + trap, this, arguments); return Reflect[trap](...args); });
    }
    return m(new Proxy(target, handler));
  })()`) as any;
  t.is(proxy.x, 1);
  t.true('x' in proxy);
  t.deepEqual(Object.keys(proxy), ['x']);
  t.is(JSON.stringify(proxy), '{"x":1}');
  Object.getOwnPropertyDescriptors(proxy);
  proxy.y = 2;
  Object.defineProperty(proxy, 'z', { value: 3, configurable: true });
  delete proxy.z;
  Object.getPrototypeOf(proxy);
  Object.isExtensible(proxy);
  harden(proxy);
  t.true(Object.isFrozen(proxy));
  const fnProxy = c.evaluate(`m(new Proxy(m(function () { return 1; }), m({
    apply: m(function (target, self, args) { rec('apply', this, arguments); return 2; }),
    construct: m(function (target, args, newTarget) { rec('construct', this, arguments); return m({}); }),
  })))`) as any;
  t.is(fnProxy(harden({})), 2);
  new fnProxy();
  Reflect.apply(fnProxy, undefined, []);
  check(t, c, 10);
});

test('thenable-and-coercion-hooks: the Compartment API calls guest hooks with guest values only', t => {
  const c = new Compartment();
  c.evaluate(RECORDER);
  c.evaluate(`
    const trapAll = (target, name) => {
      const handler = m({});
      for (const trap of Object.getOwnPropertyNames(Reflect)) {
        handler[trap] = m(function (...args) { rec(name + ' trap ' + trap, this, arguments); return Reflect[trap](...args); });
      }
      return m(new Proxy(target, handler));
    };
    const tries = [
      () => new Compartment(trapAll(m({ g: 1 }), 'legacy globals')),
      () => new Compartment(trapAll(m({ __options__: true, globals: m({ g: 1 }) }), 'options')),
      () => new Compartment(m({ get g() { rec('globals getter', this, arguments); return 1; } })),
      () => new Compartment(m({ __options__: true, globals: trapAll(m({ g: 1 }), 'globals') })),
      () => new Compartment(m({ __options__: true, transforms: m([m(function (src) { rec('transform', this, arguments); return src; })]) })).evaluate('1'),
      () => new Compartment().evaluate('1', m({ transforms: m([m(function (src) { rec('evaluate transform', this, arguments); return src; })]) })),
      () => new Compartment().evaluate('1', trapAll(m({}), 'evaluate options')),
      () => new Compartment().evaluateExpr('e', m({ get e() { rec('evaluateExpr endowment getter', this, arguments); return 1; } })),
      () => new Compartment().evaluateExpr('e', trapAll(m({ e: 1 }), 'evaluateExpr endowments')),
      () => new Compartment().evaluate('x', m({ __moduleShimLexicals__: m({ get x() { rec('lexicals getter', this, arguments); return 1; } }) })),
      () => new Compartment().evaluate(m({ toString: m(function () { rec('source toString', this, arguments); return '1'; }) })),
      () => eval(m({ toString: m(function () { rec('eval toString', this, arguments); return '1'; }) })),
      () => Function(m({ toString: m(function () { rec('Function param toString', this, arguments); return 'a'; }) }), 'return a'),
      () => Function(m({ [Symbol.toPrimitive]: m(function () { rec('Function body toPrimitive', this, arguments); return 'return 1'; }) })),
      () => harden(trapAll(m({ q: m({}) }), 'guest harden')),
      () => new Compartment({ __options__: true, name: m({ toString() { rec('name toString', this, arguments); return 'n'; } }) }),
    ];
    globalThis.failures = tries.map(f => { try { f(); return null; } catch (e) { return String(e && e.message); } });
  `);
  check(t, c, 8);
});

// Endowment and lexical getters run with `this` = a private per-evaluation copy of the bindings
// (null prototype, the caller's own descriptors), exactly as ses copies `__moduleShimLexicals__`
// (`create(null, getOwnPropertyDescriptors(lexicals))` in its compartment-evaluator). The copy is
// made from what the caller passed and is seen only by the caller's own getters; each evaluation
// gets a new one, so it carries nothing from one evaluation (or compartment) to the next.
test('thenable-and-coercion-hooks: endowment getters see a fresh per-evaluation copy, as in ses', t => {
  const c = new Compartment();
  const result = c.evaluate(`
    const seen = [];
    const e1 = { get e() { seen.push(this); return 1; }, other: 2 };
    const l1 = { get x() { seen.push(this); return 1; } };
    new Compartment().evaluateExpr('e', e1);
    new Compartment().evaluateExpr('e', e1);
    new Compartment().evaluate('x', { __moduleShimLexicals__: l1 });
    seen.map(s => [s === e1 || s === l1, Object.getPrototypeOf(s), Object.keys(s).join()]).concat([[seen[0] === seen[1]]]);
  `) as unknown[];
  t.deepEqual(result, [
    [false, null, 'e,other'],
    [false, null, 'e,other'],
    [false, null, 'x'],
    [false],
  ]);
});

test('thenable-and-coercion-hooks: two compartments share no mutable state', t => {
  runThenCompare(
    t,
    () => new Compartment(),
    `${RECORDER}; Promise.resolve(m({ then(r) { globalThis.r = r; r(Object.prototype); } }));
     Object.prototype.then = () => {}; Promise.prototype.then = () => {};`,
  );
});
