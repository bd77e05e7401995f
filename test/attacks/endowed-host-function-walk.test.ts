// Attack: the host endows hardened host functions, a hardened object with methods and accessors,
// and a hardened host class instance. From inside the compartment, walk everything they lead to:
// `.constructor` (twice), `.caller`, `.arguments`, prototype chains, `.prototype`, bound versions,
// and the errors host functions throw (their `.constructor`, `.stack`, `.cause`). Nothing reached
// may be unfrozen, and no function reached may evaluate `return globalThis` into the host's global.
import test from 'ava';
import { Compartment, harden, lockdown } from '../../src/index.js';
import { findReachableProblems } from '../_frozen-walk.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

function hostFn(this: unknown, x: unknown) {
  return typeof x;
}
function hostThrower() {
  throw harden(new TypeError('host failure', { cause: harden({ code: 42 }) }));
}
function hostEngineThrower(x: any) {
  return x.missing.property; // the engine makes this TypeError inside the host function
}
function hostCallback(f: () => unknown) {
  return f();
}
class HostClass {
  #secret = 1;
  static make() {
    return harden(new HostClass());
  }
  peek() {
    return this.#secret;
  }
  get view() {
    return this.#secret + 1;
  }
}
const hostObject = {
  method() {
    return 1;
  },
  get getter() {
    return 2;
  },
  set setter(_v: unknown) {},
  nested: { deep: () => 3 },
};

const endowments = () =>
  harden({
    hostFn,
    hostThrower,
    hostEngineThrower,
    hostCallback,
    HostClass,
    hostObject,
    hostInstance: new HostClass(),
  });

const WALK = `
  const out = {};
  const P = Object.getPrototypeOf;
  const tryGet = (name, f) => { try { out[name] = f(); } catch (e) { out[name + '!'] = e; } };
  const entries = Object.entries({ hostFn, hostThrower, hostEngineThrower, hostCallback, HostClass,
    hostObject, hostInstance, method: hostObject.method, deep: hostObject.nested.deep,
    peek: HostClass.prototype.peek, make: HostClass.make });
  for (const [k, v] of entries) {
    tryGet(k, () => v);
    tryGet(k + '.constructor', () => v.constructor);
    tryGet(k + '.constructor.constructor', () => v.constructor.constructor);
    tryGet(k + '.caller', () => v.caller);
    tryGet(k + '.arguments', () => v.arguments);
    tryGet(k + '.prototype', () => v.prototype);
    tryGet(k + '.prototype.constructor', () => v.prototype.constructor);
    tryGet(k + '.__proto__', () => P(v));
    tryGet(k + '.__proto__.__proto__', () => P(P(v)));
    tryGet(k + '.__proto__.constructor', () => P(v).constructor);
    for (const key of Reflect.ownKeys(v)) {
      const d = Reflect.getOwnPropertyDescriptor(v, key);
      tryGet(k + '[' + String(key) + '].get', () => d.get);
      tryGet(k + '[' + String(key) + '].set', () => d.set);
      tryGet(k + '[' + String(key) + '].value', () => d.value);
    }
    if (typeof v === 'function') {
      const b = Function.prototype.bind.call(v, null, 1);
      tryGet(k + '.bind.__proto__', () => P(b));
      tryGet(k + '.bind.constructor', () => b.constructor);
      tryGet(k + '.bind.caller', () => b.caller);
      tryGet(k + '.bind.arguments', () => b.arguments);
      tryGet(k + '.bind()', () => b());
      tryGet(k + '()', () => v());
      tryGet(k + '.call(globalThis)', () => v.call(globalThis));
      tryGet('new ' + k, () => new v());
    }
  }
  for (const key of ['getter', 'setter']) {
    const d = Object.getOwnPropertyDescriptor(hostObject, key);
    for (const acc of [d.get, d.set].filter(Boolean)) {
      tryGet(key + '.acc.constructor', () => acc.constructor);
      tryGet(key + '.acc.prototype', () => acc.prototype);
      tryGet(key + '.acc.caller', () => acc.caller);
    }
  }
  tryGet('view getter', () => Object.getOwnPropertyDescriptor(HostClass.prototype, 'view').get);
  tryGet('instance.peek()', () => hostInstance.peek());
  tryGet('instance.view', () => hostInstance.view);
  try { hostThrower(); } catch (e) {
    out.thrown = e;
    tryGet('thrown.constructor', () => e.constructor);
    tryGet('thrown.constructor.constructor', () => e.constructor.constructor);
    tryGet('thrown.stack', () => e.stack);
    tryGet('thrown.cause', () => e.cause);
    tryGet('thrown.__proto__', () => P(e));
    for (const key of Reflect.ownKeys(e)) {
      const d = Reflect.getOwnPropertyDescriptor(e, key);
      tryGet('thrown[' + String(key) + '].get', () => d.get);
      tryGet('thrown[' + String(key) + '].set', () => d.set);
    }
  }
  try { hostEngineThrower({}); } catch (e) {
    out.engineThrown = e;
    tryGet('engineThrown.constructor', () => e.constructor);
    tryGet('engineThrown.stack', () => e.stack);
    tryGet('engineThrown.__proto__', () => P(e));
    for (const key of Reflect.ownKeys(e)) {
      const d = Reflect.getOwnPropertyDescriptor(e, key);
      tryGet('engineThrown[' + String(key) + '].get', () => d.get);
      tryGet('engineThrown[' + String(key) + '].set', () => d.set);
    }
  }
  try { hostCallback(() => { throw new Error('from guest'); }); } catch (e) { out.callbackThrown = e; }
  tryGet('callback: hostCallback.caller', () => hostCallback(() => hostCallback.caller));
  tryGet('callback: hostCallback.arguments', () => hostCallback(() => hostCallback.arguments));
  tryGet('callback: callee chain', () => hostCallback(function () { return arguments.callee; }));
  out;
`;

// Everything reachable from a value (own properties, accessors, prototypes), without calling getters.
const collect = (roots: unknown[]): Set<object> => {
  const seen = new Set<object>();
  const queue = [...roots];
  while (queue.length > 0) {
    const value = queue.pop();
    if ((typeof value !== 'object' || value === null) && typeof value !== 'function') continue;
    if (seen.has(value)) continue;
    seen.add(value);
    queue.push(Reflect.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key)!;
      queue.push(d.value, d.get, d.set);
    }
  }
  return seen;
};

// The guest's own results (the out object, errors it made itself, bound functions) are guest-made:
// only what they lead to must be frozen. Errors thrown by the guest callback are the guest's.
const guestMade = (out: Record<string, unknown>): Record<string, unknown> => {
  const roots: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(out)) {
    if (k === 'callbackThrown') continue;
    roots[k] = v;
  }
  return roots;
};

test('endowed-host-function-walk: nothing reached from endowed host functions is unfrozen', t => {
  const c = new Compartment({ __options__: true, globals: endowments() });
  const out = c.evaluate(WALK) as Record<string, unknown>;
  t.true(Object.keys(out).length > 100, 'the walk ran');
  // Errors the guest code provoked itself (e.g. reading .caller) are made in the guest's calls; they
  // are fresh objects, but what they reach must be frozen. Walk from their prototypes and properties.
  const roots: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(guestMade(out))) {
    if (k.endsWith('!') || k === 'engineThrown' || k.endsWith('.bind()') || k.startsWith('new ')) {
      // fresh per call, created by the engine or by a host constructor for this caller
      if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
        roots[`${k}.__proto__`] = Reflect.getPrototypeOf(v);
        for (const key of Reflect.ownKeys(v)) {
          const d = Reflect.getOwnPropertyDescriptor(v, key)!;
          roots[`${k}[${String(key)}]`] = d.value;
          roots[`${k}[${String(key)}].get`] = d.get;
          roots[`${k}[${String(key)}].set`] = d.set;
        }
      }
    } else {
      roots[k] = v;
    }
  }
  const { problems, visited } = findReachableProblems(roots, new Map(), { checkWhitelist: false, freeze: true });
  t.true(visited > 100);
  t.deepEqual(problems, []);
});

test('endowed-host-function-walk: no function reached evaluates into the host global', t => {
  const c = new Compartment({ __options__: true, globals: endowments() });
  const out = c.evaluate(WALK) as Record<string, unknown>;
  const everything = collect([...Object.values(out), c.globalThis]);
  const skip = new Set<unknown>([
    // calling these with a string argument is harmless but noisy (they never evaluate)
  ]);
  const leaks: string[] = [];
  let called = 0;
  for (const f of everything) {
    if (typeof f !== 'function' || skip.has(f)) continue;
    for (const attempt of [
      () => Reflect.apply(f, undefined, ['return globalThis']),
      () => Reflect.construct(f, ['return globalThis']),
    ]) {
      called += 1;
      let result: unknown;
      try {
        result = attempt();
        // A method that returns a rejected promise (Node 24's AsyncDisposableStack.prototype.
        // disposeAsync on a wrong receiver) must not fail the run as an unhandled rejection.
        if (result instanceof Promise) result.catch(() => {});
        if (typeof result === 'function') result = Reflect.apply(result as (...a: unknown[]) => unknown, undefined, []);
      } catch {
        continue;
      }
      // Methods that report failure asynchronously (Compartment.prototype.import, load) reject.
      if (result instanceof Promise) result.catch(() => undefined);
      if (result === globalThis) leaks.push(String((f as { name?: unknown }).name));
      else if (typeof result === 'object' && result !== null && collect([result]).has(globalThis)) {
        leaks.push(`${String((f as { name?: unknown }).name)} (reaches)`);
      }
    }
  }
  t.true(called > 200, 'many functions were tried');
  t.deepEqual(leaks, []);
  // And from inside: the guest's own attempts through the same paths.
  t.is(c.evaluate('(() => { try { return hostFn.constructor("return globalThis")(); } catch { return "threw"; } })()'), 'threw');
  t.is(c.evaluate('(() => { try { return HostClass.constructor.constructor("return globalThis")(); } catch { return "threw"; } })()'), 'threw');
  t.is(c.evaluate('(() => { try { return hostObject.method.bind().constructor("return 1")(); } catch { return "threw"; } })()'), 'threw');
});

test('endowed-host-function-walk: .caller and .arguments are poisoned on every endowed function', t => {
  const c = new Compartment({ __options__: true, globals: endowments() });
  const out = c.evaluate(WALK) as Record<string, unknown>;
  for (const name of ['hostFn', 'hostThrower', 'HostClass', 'method', 'peek', 'make', 'hostCallback']) {
    t.false(`${name}.caller` in out && out[`${name}.caller`] !== null && out[`${name}.caller`] !== undefined, `${name}.caller`);
    t.false(`${name}.arguments` in out && out[`${name}.arguments`] !== null && out[`${name}.arguments`] !== undefined, `${name}.arguments`);
  }
  t.false(out['callback: hostCallback.caller'] === hostCallback || typeof out['callback: hostCallback.caller'] === 'function');
  t.false(typeof out['callback: hostCallback.arguments'] === 'object' && out['callback: hostCallback.arguments'] !== null);
  t.true('callback: callee chain!' in out, 'arguments.callee is poisoned in strict guest code');
});

test('endowed-host-function-walk: thrown host errors carry no stack and only hardened causes', t => {
  const c = new Compartment({ __options__: true, globals: endowments() });
  const out = c.evaluate(WALK) as Record<string, any>;
  t.true(out.thrown instanceof TypeError);
  t.is(out['thrown.constructor'], TypeError, 'the shared, frozen TypeError');
  t.true(Object.isFrozen(out['thrown.cause']));
  t.false(/endowed-host-function-walk|node:|file:/.test(String(out['thrown.stack'] ?? '')), 'no host stack in a hardened host error');
  t.false(/endowed-host-function-walk|node:|file:/.test(String(out['engineThrown.stack'] ?? '')), 'no host stack in an engine error thrown in a host function');
});

test('endowed-host-function-walk: two compartments share no mutable state', t => {
  runThenCompare(
    t,
    () => new Compartment({ __options__: true, globals: endowments() }),
    `${WALK}; hostFn.x = 1; HostClass.prototype.y = 1; Object.getPrototypeOf(hostInstance).z = 1;`,
  );
});
