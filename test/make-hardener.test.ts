// Unit tests for makeHardener() and tameHarden() (src/harden/), called directly, without lockdown.
// Fixtures live in a fresh vm realm (see _harden-realm.ts), so hardening their prototypes freezes
// that realm's intrinsics rather than the ones ava itself runs on.
import test from 'ava';
import { makeHardener, makeUnsafeHardenPredicates, tameHarden } from '../src/harden/make-hardener.js';
import { isCanonicalNumericIndexString } from '../src/harden/typed-arrays.js';
import { runChild } from './_child.js';
import { isTypedArray, makeRealm, reachable, unfrozenReachable } from './_harden-realm.js';

const FAILED = /^harden\(\): cannot harden (.+?): (.*) \(PF_HARDEN_FAILED\)$/;

/** A hardener and a realm, fresh per test. */
const setup = () => ({ ...makeHardener(), realm: makeRealm() });

/** A Proxy over a fresh realm object whose preventExtensions trap refuses while `state.refuse`. */
const refusingProxy = (realm: ReturnType<typeof makeRealm>) =>
  realm.evaluate<{ proxy: object; state: { refuse: boolean; calls: number } }>(`(() => {
    const state = { refuse: true, calls: 0 };
    const proxy = new Proxy({ inner: {} }, {
      preventExtensions(target) { state.calls += 1; return state.refuse ? false : Reflect.preventExtensions(target); },
    });
    return { proxy, state };
  })()`);

test('returns its argument; primitives pass through untouched', t => {
  const { harden, isHardened, realm } = setup();
  const o = realm.evaluate('({ a: { b: 1 } })');
  t.is(harden(o), o);
  t.true(Object.isFrozen(o) && Object.isFrozen(o.a));
  const sym = Symbol('s');
  for (const p of [undefined, null, true, 0, -0, NaN, 1n, 'str', sym]) {
    t.is(harden(p), p);
    t.true(isHardened(p));
  }
});

test('cycles, symbol keys, arrays and null-prototype objects', t => {
  const { harden, isHardened, realm } = setup();
  const root = realm.evaluate(`(() => {
    const root = { list: [{ n: 1 }, [{ n: 2 }]], bare: Object.create(null) };
    root.self = root;
    root.list.push(root);
    root.bare.back = root;
    root[Symbol('hidden')] = { deep: { deeper: {} } };
    root[Symbol.for('registered')] = [{}];
    return root;
  })()`);
  harden(root);
  t.deepEqual(unfrozenReachable(root), []);
  for (const o of reachable(root)) t.true(isHardened(o));
  t.is(Object.getPrototypeOf(root.bare), null);
});

test('accessors: getter and setter functions are hardened, never called', t => {
  const { harden, realm } = setup();
  const { root, calls } = realm.evaluate(`(() => {
    const calls = { get: 0, set: 0 };
    const root = {
      get g() { calls.get += 1; return {}; },
      set s(v) { calls.set += 1; },
      get [Symbol('sym')]() { calls.get += 1; return {}; },
    };
    return { root, calls };
  })()`);
  harden(root);
  t.deepEqual({ ...calls }, { get: 0, set: 0 });
  const g = Object.getOwnPropertyDescriptor(root, 'g')!.get!;
  const s = Object.getOwnPropertyDescriptor(root, 's')!.set!;
  t.true(Object.isFrozen(g) && Object.isFrozen(s));
  t.deepEqual(unfrozenReachable(root), []);
  t.deepEqual({ ...calls }, { get: 0, set: 0 });
});

test('prototypes are hardened, with everything they reach', t => {
  const { harden, isHardened, realm } = setup();
  const { child, proto } = realm.evaluate(`(() => {
    const proto = { method() {}, data: { x: 1 } };
    return { proto, child: Object.create(proto) };
  })()`);
  harden(child);
  t.true(Object.isFrozen(proto) && Object.isFrozen(proto.data) && Object.isFrozen(proto.method));
  const objectPrototype = Object.getPrototypeOf(proto);
  t.true(Object.isFrozen(objectPrototype));
  t.true(isHardened(objectPrototype));
  t.true(Object.isFrozen(realm.evaluate('Function.prototype')));
});

test('functions, their prototype objects, bound functions and classes', t => {
  const { harden, realm } = setup();
  const f = realm.evaluate('(function f() {})');
  harden(f);
  t.true(Object.isFrozen(f.prototype));
  t.is(f.prototype.constructor, f);

  // A bound function's target is an internal slot, not a property: harden does not reach it.
  const { bound, target } = realm.evaluate('(() => { const target = function () {}; return { target, bound: target.bind(null) }; })()');
  harden(bound);
  t.true(Object.isFrozen(bound));
  t.false(Object.isFrozen(target));

  // Static fields are properties; private fields are internal, and stay writable after harden.
  const { C, instance } = realm.evaluate(`(() => {
    class C { static s = { t: {} }; #p = { q: 1 }; get p() { return this.#p; } setP(v) { this.#p = v; } }
    return { C, instance: new C() };
  })()`);
  harden(C);
  t.true(Object.isFrozen(C.s.t) && Object.isFrozen(C.prototype) && Object.isFrozen(C.prototype.setP));
  harden(instance);
  t.true(Object.isFrozen(instance));
  t.false(Object.isFrozen(instance.p)); // the getter was never called by harden, so #p was never reached
  instance.setP({ replaced: true });
  t.deepEqual({ ...instance.p }, { replaced: true });
});

test('Map, Set, WeakMap: the objects freeze, their internal contents stay mutable', t => {
  const { harden, realm } = setup();
  const { map, set, weak, key } = realm.evaluate(
    '(() => { const key = {}; return { key, map: new Map([[1, {}]]), set: new Set([{}]), weak: new WeakMap([[key, {}]]) }; })()',
  );
  harden([map, set, weak]);
  t.true(Object.isFrozen(map) && Object.isFrozen(set) && Object.isFrozen(weak));
  t.false(Object.isFrozen(map.get(1))); // entries are internal slots, not properties
  map.set(2, 2);
  set.add(3);
  weak.set(key, 4);
  t.is(map.get(2), 2);
  t.true(set.has(3));
  t.is(weak.get(key), 4);
});

const typedArrayNames = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  ...(typeof (globalThis as any).Float16Array === 'function' ? ['Float16Array'] : []),
]; // prettier-ignore

for (const name of typedArrayNames) {
  for (const length of [0, 3]) {
    test(`typed arrays: ${name}(${length}) is sealed, non-element properties locked, elements writable`, t => {
      const { harden, isHardened, realm } = setup();
      const big = name.startsWith('Big');
      const ta = realm.evaluate(`(() => {
        const ta = new ${name}(${length});
        ta.extra = { nested: {} };
        ta[Symbol('tag')] = [{}];
        Object.defineProperty(ta, 'acc', { get() { throw new Error('getter called'); }, configurable: true });
        ta['1.5'] = ${big ? '1n' : '1'}; // not an index of an ordinary object, but a typed array drops it
        return ta;
      })()`);
      t.is(ta['1.5'], undefined); // a canonical numeric string: never an own non-element property
      harden(ta);
      t.true(isHardened(ta));
      t.false(Object.isExtensible(ta));
      t.deepEqual(unfrozenReachable(ta), []);
      t.false(Object.getOwnPropertyDescriptor(ta, 'extra')!.writable);
      t.false(Object.getOwnPropertyDescriptor(ta, 'extra')!.configurable);
      t.false(Object.getOwnPropertyDescriptor(ta, 'acc')!.configurable);
      t.true(Object.isFrozen(ta.extra.nested));
      if (length > 0) {
        ta[1] = big ? 7n : 7;
        t.is(ta[1], big ? 7n : 7);
      }
      t.true(Object.isFrozen(Object.getPrototypeOf(ta)));
    });
  }
}

test('typed arrays: index keys follow CanonicalNumericIndexString, not just digits', t => {
  for (const key of ['0', '1', '4294967295', '-0', '-1', '1.5', 'NaN', 'Infinity', '-Infinity', '1e+21']) {
    t.true(isCanonicalNumericIndexString(key), key);
  }
  for (const key of ['01', '+1', '1.50', ' 1', '0x1', '1e21', '', 'length', Symbol('0')]) {
    t.false(isCanonicalNumericIndexString(key), String(key));
  }
});

test('typed arrays: a large one is hardened without touching every element', t => {
  const { harden, realm } = setup();
  const ta = realm.evaluate('(() => { const ta = new Float64Array(1e6); ta.meta = {}; return ta; })()');
  harden(ta);
  t.true(Object.isFrozen(ta.meta));
  t.false(Object.isExtensible(ta));
  t.true(isTypedArray(ta));
});

test('ArrayBuffer and DataView freeze; their bytes stay mutable', t => {
  const { harden, realm } = setup();
  const { buffer, view } = realm.evaluate('(() => { const buffer = new ArrayBuffer(8); return { buffer, view: new DataView(buffer) }; })()');
  harden(view);
  t.true(Object.isFrozen(view) && Object.isFrozen(buffer) === false); // the buffer is an internal slot of the view
  harden(buffer);
  t.true(Object.isFrozen(buffer));
  view.setUint8(0, 42);
  t.is(new Uint8Array(buffer)[0], 42);
});

test('arguments objects (sloppy and strict), String objects', t => {
  const { harden, realm } = setup();
  const sloppy = realm.evaluate('(function () { return arguments; })({}, [])');
  const strict = realm.evaluate('(function () { "use strict"; return arguments; })({})');
  harden(sloppy);
  harden(strict); // its `callee` is an accessor pair of %ThrowTypeError%: never called
  t.deepEqual(unfrozenReachable(sloppy), []);
  t.deepEqual(unfrozenReachable(strict), []);
  const str = realm.evaluate('(() => { const s = new String("ab"); s.extra = {}; return s; })()');
  harden(str);
  t.deepEqual(unfrozenReachable(str), []);
  t.is(str[1], 'b');
});

test('a chain a million objects deep does not overflow the stack', t => {
  const { harden, isHardened, realm } = setup();
  const { head, tail } = realm.evaluate(
    '(() => { const tail = {}; let head = tail; for (let i = 0; i < 1e6; i += 1) head = { next: head }; return { head, tail }; })()',
  );
  harden(head);
  t.true(Object.isFrozen(tail));
  t.true(isHardened(tail));
});

test("errors: V8's shared own `stack` accessor (Node 22+) becomes a data property, as in ses", t => {
  const { harden } = makeHardener();
  // Errors of this realm (the accessor is per realm), cut off from its prototypes so that ava's stay unfrozen.
  const error = Object.setPrototypeOf(new Error('shared'), null);
  const host = Object.setPrototypeOf({}, null);
  (Error as any).captureStackTrace(host);
  const setter = Object.getOwnPropertyDescriptor(error, 'stack')!.set;
  for (const o of [error, host]) {
    const before = (o as any).stack;
    harden(o);
    const desc = Object.getOwnPropertyDescriptor(o, 'stack')!;
    t.true('value' in desc && desc.writable === false && desc.configurable === false);
    if (setter !== undefined) Reflect.apply(setter, o, ['a message']);
    t.is((o as any).stack, before);
  }
});

test('a Proxy refusing preventExtensions: TypeError naming the path, nothing recorded', t => {
  const { harden, isHardened, realm } = setup();
  const { proxy, state } = refusingProxy(realm);
  const root = realm.evaluate('(p) => ({ early: { x: {} }, a: { b: [0, p] } })')(proxy);
  const error = t.throws(() => harden(root), { instanceOf: TypeError, message: FAILED })!;
  const [, path, reason] = FAILED.exec(error.message)!;
  t.is(path, 'root.a.b[1]');
  t.regex(reason!, /preventExtensions/);
  t.true((error as Error & { cause: unknown }).cause instanceof TypeError); // from Object.freeze, of this realm
  for (const o of [root, root.a, root.a.b, root.early, root.early.x]) t.false(isHardened(o));
  t.true(Object.isFrozen(root)); // frozen before the failure: that cannot be undone

  // Fixed, the same graph hardens, and only then is it recorded.
  state.refuse = false;
  t.is(harden(root), root);
  for (const o of [root, root.a, root.a.b, root.early.x, proxy]) t.true(isHardened(o));
  t.deepEqual(unfrozenReachable(root), []);
});

test('Proxy traps that throw (ownKeys, getOwnPropertyDescriptor) and revoked Proxies', t => {
  const { harden, isHardened, realm } = setup();
  const ownKeysThrows = realm.evaluate(`new Proxy({}, { ownKeys() { throw new Error('no keys for you'); } })`);
  t.throws(() => harden(realm.evaluate('(p) => ({ [Symbol("s")]: p })')(ownKeysThrows)), {
    instanceOf: TypeError,
    message: /^harden\(\): cannot harden root\[Symbol\(s\)\]: no keys for you \(PF_HARDEN_FAILED\)$/,
  });
  const descThrows = realm.evaluate(`new Proxy({ k: 1 }, { getOwnPropertyDescriptor() { throw 'a string'; } })`);
  t.throws(() => harden(realm.evaluate('(p) => ({ "not an identifier": { get x() { return 1; }, y: p } })')(descThrows)), {
    message: /^harden\(\): cannot harden root\["not an identifier"\]\.y: a string \(PF_HARDEN_FAILED\)$/,
  });
  const { proxy, revoke } = realm.evaluate('Proxy.revocable({}, {})');
  revoke();
  const holder = realm.evaluate('(p) => Object.create({ inherited: p })')(proxy);
  t.throws(() => harden(holder), { message: /^harden\(\): cannot harden root\[\[Prototype\]\]\.inherited: .*revoked/ });
  t.false(isHardened(holder));
  t.throws(() => harden(proxy), { message: /^harden\(\): cannot harden root: / });
});

test('re-entrant harden and isHardened from a Proxy trap', t => {
  const { harden, isHardened, realm } = setup();
  const log: string[] = [];
  const other = realm.evaluate('({ o: {} })');
  const holder: { root?: object } = {};
  const hooks = {
    onOwnKeys: () => {
      log.push(`root pending: ${isHardened(holder.root)}`);
      harden(other); // a separate graph, completely hardened by the nested call
      log.push(`other: ${isHardened(other)}`);
      harden(holder.root); // the graph in progress: the nested call walks it all itself
      log.push(`root after nested: ${isHardened(holder.root)}`);
    },
  };
  const proxy = realm.evaluate(`(hooks) => {
    let entered = false;
    return new Proxy({ z: {} }, { ownKeys(t) { if (!entered) { entered = true; hooks.onOwnKeys(); } return Reflect.ownKeys(t); } });
  }`)(hooks);
  const root = realm.evaluate('(p) => ({ before: {}, p, after: { deep: {} } })')(proxy);
  holder.root = root;
  harden(root);
  t.deepEqual(log, ['root pending: false', 'other: true', 'root after nested: true']);
  t.deepEqual(unfrozenReachable(root), []);
  for (const o of [...reachable(root), ...reachable(other)]) t.true(isHardened(o));
});

test('re-entrant harden that fails inside a trap leaves the outer call intact', t => {
  const { harden, isHardened, realm } = setup();
  const { proxy: bad } = refusingProxy(realm);
  const failures: string[] = [];
  const hooks = {
    onGet: () => {
      try {
        harden(bad);
      } catch (error) {
        failures.push((error as Error).message);
      }
    },
  };
  const proxy = realm.evaluate(`(hooks) => new Proxy({ x: {} }, {
    getOwnPropertyDescriptor(t, k) { hooks.onGet(); return Reflect.getOwnPropertyDescriptor(t, k); },
  })`)(hooks);
  const root = realm.evaluate('(p) => ({ p, q: {} })')(proxy);
  harden(root);
  t.true(failures.length > 0 && failures.every(m => FAILED.test(m)));
  t.false(isHardened(bad));
  for (const o of reachable(root)) t.true(isHardened(o));
});

test('isHardened: frozen is not hardened; each hardener has its own record', t => {
  const { harden, isHardened, realm } = setup();
  const frozen = Object.freeze(realm.evaluate('({ inner: {} })'));
  t.false(isHardened(frozen));
  harden(frozen);
  t.true(isHardened(frozen) && isHardened(frozen.inner));
  t.false(makeHardener().isHardened(frozen));
  t.true(Object.isFrozen(makeHardener()));
});

test('leaves: frozen objects of primitives over hardened prototypes read as hardened; no trap runs', t => {
  const { harden, isHardened, realm } = setup();
  const { root, counts } = realm.evaluate(`(() => {
    const counts = { n: 0 };
    const handler = new Proxy({}, { get(_, trap) { counts.n += 1; return Reflect[trap]; } });
    const shared = { x: 1 };
    const root = { point: { x: 1, y: 2 }, words: ['a', 'b'], bare: Object.create(null), proxy: new Proxy({ n: 1 }, handler) };
    root.many = Array.from({ length: 1000 }, () => ({ shared }));
    return { root, counts };
  })()`);
  harden(root);
  counts.n = 0;
  for (const o of [root, root.point, root.words, root.bare, root.proxy, root.many[999].shared]) t.true(isHardened(o));
  t.is(counts.n, 0);

  // Frozen by someone else, same shape: just as immutable, so just as hardened.
  t.true(isHardened(Object.freeze(realm.evaluate('({ z: 3 })'))));
  // ... but not with an object inside, a prototype that is not hardened, or as a Proxy.
  t.false(isHardened(Object.freeze(realm.evaluate('({ o: Object.freeze({}) })'))));
  t.false(isHardened(Object.freeze(realm.evaluate('Object.create({ notFrozen: true })'))));
  t.true(isHardened(Object.freeze(realm.evaluate('Object.create(Object.freeze({ frozen: true }))')))); // a leaf over a leaf
  const { frozenProxy, state } = realm.evaluate(`(() => {
    const state = { armed: false };
    const handler = new Proxy({}, { get(_, trap) { if (state.armed) throw new Error('trap ' + String(trap)); } });
    return { state, frozenProxy: Object.freeze(new Proxy({}, handler)) };
  })()`);
  state.armed = true;
  t.false(isHardened(frozenProxy)); // and no trap ran (it would have thrown)
});

test('a later harden of an already hardened graph runs no Proxy trap', t => {
  const { harden, realm } = setup();
  const { root, counts } = realm.evaluate(`(() => {
    const counts = { n: 0 };
    const handler = new Proxy({}, { get(_, trap) { counts.n += 1; return Reflect[trap]; } });
    return { counts, root: { p: new Proxy({ a: {} }, handler) } };
  })()`);
  harden(root);
  t.true(counts.n > 0);
  counts.n = 0;
  harden(root);
  harden(root.p);
  t.is(counts.n, 0);
});

test('descriptor reads are immune to Object.prototype poisoning (before it is frozen)', t => {
  // In a child process: the poison would disturb ava here.
  const result = runChild(`
    import { writeSync } from 'node:fs';
    import { makeHardener } from 'SRC/harden/make-hardener.js';
    let hits = 0;
    const planted = {};
    for (const key of ['value', 'get', 'set']) {
      Object.defineProperty(Object.prototype, key, { __proto__: null, get() { hits += 1; return planted; }, configurable: true });
    }
    const root = Object.create(null);
    root.data = Object.create(null);
    Object.defineProperty(root, 'acc', { __proto__: null, get() { return 1; } });
    const typed = new Uint8Array(2);
    Object.defineProperty(typed, 'extra', { __proto__: null, value: 1, writable: true, configurable: true, enumerable: true });
    root.typed = typed;
    const { harden } = makeHardener();
    harden(root);
    const extra = Reflect.getOwnPropertyDescriptor(typed, 'extra');
    const isData = Reflect.apply(Object.prototype.hasOwnProperty, extra, ['value']) && !Reflect.apply(Object.prototype.hasOwnProperty, extra, ['get']);
    const result = { hits, planted: Object.isFrozen(planted), data: Object.isFrozen(root.data), isData };
    writeSync(1, JSON.stringify(result)); // console.log would load Node's streams, which the poison breaks
  `);
  t.is(result.status, 0, result.stderr);
  t.deepEqual(JSON.parse(result.stdout.trim()), { hits: 0, planted: false, data: true, isData: true });
});

test("tameHarden: 'safe' keeps harden; 'unsafe' is ses's frozen fake that neither freezes nor records", t => {
  const { harden, isHardened, realm } = setup();
  t.is(tameHarden(harden, 'safe'), harden);
  t.is(tameHarden(harden), harden);
  const fake = tameHarden(harden, 'unsafe');
  t.not(fake, harden);
  t.true(Object.isFrozen(fake));
  t.deepEqual(Object.getOwnPropertyDescriptor(fake, 'isFake'), {
    value: true,
    writable: false,
    enumerable: true,
    configurable: false,
  });
  const o = realm.evaluate('({ a: {} })');
  t.is(fake(o), o);
  t.true(Object.isExtensible(o));
  t.false(isHardened(o));
  t.is(tameHarden(fake, 'unsafe'), fake);
  t.throws(() => tameHarden(harden, 'fast' as any), { instanceOf: TypeError, message: /\(PF_BAD_OPTION_VALUE\)$/ });
  const lies = makeUnsafeHardenPredicates();
  t.true(Object.isFrozen(lies));
  t.deepEqual(
    [lies.objectIsExtensible({}), lies.objectIsFrozen({}), lies.objectIsSealed({}), lies.reflectIsExtensible({})],
    [false, true, true, false],
  );
});
