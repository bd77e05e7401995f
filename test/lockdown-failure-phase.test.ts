// Lockdown that fails halfway says which phase and property failed, and the realm is not reported
// as locked down: harden stays unavailable and lockdown refuses to run again on the half-tamed realm.
import test from 'ava';
import { harden, lockdown } from '../src/index.js';

// Bad options fail before anything changes: a later lockdown may still run.
const badOptions = (() => {
  try {
    lockdown({ bogus: true } as any);
  } catch (e) {
    return e as Error;
  }
  return undefined;
})();

// A non-configurable unknown property on a shared prototype cannot be removed.
Object.defineProperty(Array.prototype, 'backdoor', { value: () => 'open', configurable: false });
const failure = (() => {
  try {
    lockdown({ reporting: 'none' });
  } catch (e) {
    return e as Error;
  }
  return undefined;
})();

test('lockdown-failure-phase: bad options are rejected before any change', t => {
  t.regex(badOptions!.message, /PF_UNKNOWN_OPTION/);
});

test('lockdown-failure-phase: the error names the phase and the property', t => {
  t.truthy(failure);
  t.regex(failure!.message, /phase "enforce whitelist" failed at %ArrayPrototype%\.backdoor/);
  t.regex(failure!.message, /PF_LOCKDOWN_FAILED/);
});

test('lockdown-failure-phase: the realm is not reported as locked down', t => {
  t.throws(() => harden({}), { message: /PF_NOT_LOCKED_DOWN/ });
  t.false(Object.isFrozen(Array.prototype));
  t.throws(() => lockdown(), { message: /previous lockdown attempt failed/ });
});

test('lockdown-failure-phase: descriptor fields planted on Object.prototype are refused before any change', async t => {
  const { childJson } = await import('./_child.js');
  const r = childJson(`
    const { lockdown } = await import('SRC/index.js');
    Object.prototype.configurable = true;
    let message = 'ok';
    try { lockdown({ reporting: 'none' }); } catch (e) { message = e.message; }
    delete Object.prototype.configurable;
    console.log(JSON.stringify({ message, frozen: Object.isFrozen(Array.prototype) }));
  `) as { message: string; frozen: boolean };
  t.regex(r.message, /%ObjectPrototype%\.configurable: a property descriptor field planted before lockdown/);
  t.false(r.frozen);
});
