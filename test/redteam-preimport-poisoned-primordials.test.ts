// Red team. Attack: host code that runs BEFORE Permafrost is imported wraps a primordial that
// src/commons.ts captures at load time (Object.freeze, Reflect.ownKeys, ...) in a Proxy of the
// real one. commons captures the Proxy, so lockdown's own machinery is the attacker's: it skips
// freezing, or hides a planted property from the whitelist and from harden. The Proxy itself passes
// the whitelist as 'fn'. lockdown() reports success.
// Safe behaviour: lockdown() (or the import) fails when a captured primordial is not genuine, or
// the realm really is locked down afterwards.
import test from 'ava';
import { childJson } from './_child.js';

const scenario = (attack: string, probe: string): any =>
  childJson(`
    ${attack}
    let lockdownResult;
    try {
      const { lockdown } = await import('SRC/index.js');
      lockdown({ reporting: 'none' });
      lockdownResult = 'ok';
    } catch (e) { lockdownResult = 'failed'; }
    console.log(JSON.stringify({ lockdownResult, probe: (${probe})() }));
  `);

test('preimport-poisoned-primordials: a Proxy of Object.freeze cannot exempt Array.prototype from freezing', t => {
  const r = scenario(
    `const real = Object.freeze;
     Object.freeze = new Proxy(real, { apply(t, self, args) { return args[0] === Array.prototype ? args[0] : Reflect.apply(t, self, args); } });`,
    `() => Object.isFrozen(Array.prototype)`,
  );
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.true(r.probe, 'Array.prototype is frozen');
});

test('preimport-poisoned-primordials: a Proxy of Reflect.ownKeys cannot hide a planted property', t => {
  const r = scenario(
    `Object.defineProperty(Array.prototype, 'evil', { value: { channel: [] }, writable: true, configurable: true });
     const real = Reflect.ownKeys;
     Reflect.ownKeys = new Proxy(real, { apply(t, self, args) {
       const keys = Reflect.apply(t, self, args);
       return args[0] === Array.prototype ? keys.filter(k => k !== 'evil') : keys;
     } });`,
    `() => ({ present: Object.getOwnPropertyNames(Array.prototype).includes('evil'), frozen: Object.isFrozen([].evil ?? {}) })`,
  );
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.false(r.probe.present, 'the unlisted property was removed');
});

test('preimport-poisoned-primordials: a Proxy of WeakMap.prototype.get cannot make harden skip objects', t => {
  const r = scenario(
    `const real = WeakMap.prototype.get;
     WeakMap.prototype.get = new Proxy(real, { apply(t, self, args) { return args[0] === Map.prototype ? 1 : Reflect.apply(t, self, args); } });`,
    `() => Object.isFrozen(Map.prototype)`,
  );
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.true(r.probe, 'Map.prototype is frozen');
});

// The same with GENUINE natives of another whitelisted name, which a "renders as native code and
// its name is one the whitelist uses" test accepts in any slot.
test('preimport-poisoned-primordials: Object.freeze replaced by the genuine Object.preventExtensions', t => {
  const r = scenario(`Object.freeze = Object.preventExtensions;`, `() => [Array.prototype, Object.prototype, Function.prototype].every(Object.isFrozen)`);
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.true(r.probe, 'the primordials are frozen');
});

test('preimport-poisoned-primordials: Reflect.ownKeys replaced by the genuine Object.getOwnPropertyNames', t => {
  const r = scenario(
    `Reflect.ownKeys = Object.getOwnPropertyNames; Array.prototype[Symbol.for('channel')] = { box: [] };`,
    `() => Object.getOwnPropertySymbols(Array.prototype).map(String)`,
  );
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.deepEqual(r.probe, [], 'the planted symbol-keyed property was removed');
});

test('preimport-poisoned-primordials: WeakMap.prototype.get replaced by the genuine WeakMap.prototype.has', t => {
  const r = scenario(`WeakMap.prototype.get = WeakMap.prototype.has;`, `() => [Array.prototype, Object.prototype, Map.prototype].every(Object.isFrozen)`);
  if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
  t.true(r.probe, 'the primordials are frozen');
});

test('preimport-poisoned-primordials: plain replacement of a captured primordial by a non-function is refused (blocked)', t => {
  const r = scenario(`Object.freeze = 42;`, `() => null`);
  t.is(r.lockdownResult, 'failed');
});
