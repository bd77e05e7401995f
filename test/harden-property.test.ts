// Property test for makeHardener() (src/harden/make-hardener.ts), without lockdown: random object
// graphs built from a random edge list (cycles, accessors, symbol keys, arrays, typed arrays,
// null-prototype objects, functions, classes, Proxies, prototype edges) are hardened completely,
// no getter or setter runs, and hardening again is a no-op that runs no Proxy trap.
import test from 'ava';
import fc from 'fast-check';
import { makeHardener } from '../src/harden/make-hardener.js';
import { isTypedArray, makeRealm, reachable, typedArrayLength, unfrozenReachable } from './_harden-realm.js';

const kinds = [
  'object', 'nullProto', 'array', 'function', 'arrow', 'class', 'typedArray', 'emptyTypedArray',
  'bigTypedArray', 'proxy', 'map', 'date', 'arguments',
] as const; // prettier-ignore
const hows = ['string', 'symbol', 'index', 'getter', 'setter', 'proto'] as const;

interface Spec {
  nodes: (typeof kinds)[number][];
  edges: { from: number; to: number; how: (typeof hows)[number]; key: number }[];
}

interface Built {
  root: object;
  calls: { get: number; set: number; traps: number };
}

// Runs inside the fixture realm, so every object of the graph (and its prototypes) belongs to it.
const builderSource = `(spec) => {
  const calls = { get: 0, set: 0, traps: 0 };
  const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const handler = new Proxy({}, { get(_, trap) { calls.traps += 1; return Reflect[trap]; } });
  const make = (kind, i) => {
    switch (kind) {
      case 'object': return { id: i };
      case 'nullProto': return Object.create(null);
      case 'array': return [i, 'x'];
      case 'function': return function named() {};
      case 'arrow': return () => i;
      case 'class': return class { static s = { i }; method() {} };
      case 'typedArray': return new Float64Array(3);
      case 'emptyTypedArray': return new Uint8Array(0);
      case 'bigTypedArray': return new BigUint64Array(2);
      case 'proxy': return new Proxy({ i }, handler);
      case 'map': return new Map([[i, {}]]);
      case 'date': return new Date(i);
      case 'arguments': return (function () { return arguments; })(i);
    }
  };
  const nodes = [];
  for (let i = 0; i < spec.nodes.length; i += 1) nodes.push(make(spec.nodes[i], i));
  for (const { from, to, how, key } of spec.edges) {
    const a = nodes[from % nodes.length];
    const b = nodes[to % nodes.length];
    const name = 'k' + key;
    const typed = Reflect.apply(typedArrayTag, a, []) !== undefined; // no prototype walk: chains may cycle
    // defineProperty, not assignment: an assignment could run a setter defined by an earlier edge.
    const put = (k) => Object.defineProperty(a, k, { value: b, writable: true, enumerable: true, configurable: true });
    try {
      if (how === 'string' || (how === 'index' && typed)) put(name);
      else if (how === 'symbol') put(Symbol(name));
      else if (how === 'index') put(key);
      else if (how === 'getter') Object.defineProperty(a, name, { get() { calls.get += 1; return b; }, configurable: true });
      else if (how === 'setter') Object.defineProperty(a, name, { set(v) { calls.set += 1; }, configurable: true });
      else if (how === 'proto') Object.setPrototypeOf(a, b);
    } catch {
      // A prototype cycle, or a non-writable inherited property: skip this edge.
    }
  }
  calls.get = calls.set = calls.traps = 0;
  return { root: nodes[0], calls };
}`;

const specArbitrary: fc.Arbitrary<Spec> = fc.record({
  nodes: fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 12 }),
  edges: fc.array(
    fc.record({ from: fc.nat(40), to: fc.nat(40), how: fc.constantFrom(...hows), key: fc.nat(4) }),
    { maxLength: 40 },
  ),
});

test('random graphs: everything reachable ends up frozen, no accessor runs, harden is idempotent', t => {
  const realm = makeRealm();
  const build = realm.evaluate<(spec: Spec) => Built>(builderSource);
  const { harden, isHardened } = makeHardener();
  fc.assert(
    fc.property(specArbitrary, spec => {
      const { root, calls } = build(spec);
      if (harden(root) !== root) return false;
      if (calls.get !== 0 || calls.set !== 0) return false;

      calls.traps = 0;
      if (harden(root) !== root || calls.traps !== 0) return false; // recorded: no walk at all

      const objects = reachable(root); // runs Proxy traps itself
      calls.traps = 0;
      for (const o of objects) if (!isHardened(o)) return false;
      if (calls.traps !== 0) return false; // isHardened runs none
      if (unfrozenReachable(root).length > 0) return false;
      for (const o of objects) {
        // Typed array elements stay writable (a number or a bigint array, by construction).
        if (isTypedArray(o) && typedArrayLength(o) > 0) {
          const ta = o as unknown as { [i: number]: number | bigint };
          const value = typeof ta[0] === 'bigint' ? 5n : 5;
          ta[0] = value;
          if (ta[0] !== value) return false;
        }
      }
      return calls.get === 0 && calls.set === 0;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('random graphs with one refusing Proxy: the call fails, and nothing unfrozen reads as hardened', t => {
  fc.assert(
    fc.property(specArbitrary, fc.nat(), (spec, where) => {
      // A fresh realm each run: a failed call may leave some of its intrinsics frozen, others not.
      const realm = makeRealm();
      const { root } = realm.evaluate<(spec: Spec) => Built>(builderSource)(spec);
      const bad = realm.evaluate<object>('new Proxy({}, { preventExtensions: () => false })');
      const attach = realm.evaluate<(o: object, bad: object) => void>(
        '(o, bad) => { Object.defineProperty(o, Symbol("bad"), { value: bad, enumerable: true }); }',
      );
      const { harden, isHardened } = makeHardener();
      const objects = [...reachable(root)].filter(o => Object.isExtensible(o) && !isTypedArray(o));
      attach(objects[where % objects.length]!, bad);
      try {
        harden(root);
        return false;
      } catch (error) {
        if (!(error instanceof TypeError) || !/\(PF_HARDEN_FAILED\)$/.test(error.message)) return false;
      }
      // Nothing is recorded; what still reads as hardened is a leaf that cannot change any more
      // (frozen, primitives only, over a null or hardened prototype), so its graph is all frozen.
      if (isHardened(root)) return false;
      for (const o of reachable(root)) if (isHardened(o) && unfrozenReachable(o).length > 0) return false;
      return true;
    }),
    { numRuns: 100 },
  );
  t.pass();
});
