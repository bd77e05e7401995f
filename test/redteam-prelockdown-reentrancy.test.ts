// Red team. Attack: lockdown() runs code the host can still change while it works, after the
// whitelist has been enforced and before everything is hardened:
//  - the reporter calls the CURRENT global console.error (reporting 'platform', the default) to
//    report removals, between the whitelist phase and hardening;
//  - errorTrapping calls process.on(...), which first emits 'newListener' to the host's listeners;
//  - enforce-whitelist plans its removals with the captured Array.prototype.push, which still does
//    [[Set]] and so runs index setters inherited from Array.prototype (the same for
//    intrinsics.ts `pending[pending.length] = name`).
// Either hook lets pre-lockdown code plant or keep an unlisted property (here: the host's Function)
// on a shared intrinsic, with lockdown() reporting success.
// Safe behaviour: the property is gone after lockdown(), or lockdown() fails.
import test from 'ava';
import { childJson } from './_child.js';

const scenario = (attack: string, options = '{}'): any =>
  childJson(`
    const { lockdown } = await import('SRC/index.js');
    const F = Function;
    ${attack}
    let lockdownResult;
    try { lockdown(${options}); lockdownResult = 'ok'; } catch (e) { lockdownResult = 'failed'; }
    const leaks = [];
    if ([].evil === F) leaks.push('Array.prototype.evil');
    if (Object.hasOwn(AggregateError, 'evil')) leaks.push('AggregateError.evil');
    console.log(JSON.stringify({ lockdownResult, leaks }));
  `);

test('prelockdown-reentrancy: a hostile console.error called mid-lockdown cannot plant a property', t => {
  const r = scenario(`
    console.error = () => { try { if (!Object.isFrozen(Array.prototype)) Array.prototype.evil = F; } catch {} };
    Array.prototype.junk = 1; // gives the whitelist something to report
  `);
  t.deepEqual(r.leaks, [], `lockdown: ${r.lockdownResult}`);
});

test('prelockdown-reentrancy: a process "newListener" listener, run when lockdown traps errors, cannot plant a property', t => {
  // errorTrapping / unhandledRejectionTrapping call process.on(...) in the last tame phase, after
  // the whitelist and before hardening; EventEmitter#on synchronously emits 'newListener' first.
  const r = scenario(
    `process.on('newListener', () => { try { if (!Object.isFrozen(Array.prototype)) Array.prototype.evil = F; } catch {} });`,
    `{ reporting: 'none' }`,
  );
  t.deepEqual(r.leaks, [], `lockdown: ${r.lockdownResult}`);
});

test('prelockdown-reentrancy: Array.prototype index setters cannot hide a property from the whitelist', t => {
  const r = scenario(
    `
    AggregateError.evil = F; // unlisted: must be removed
    for (let i = 0; i < 64; i += 1) {
      Object.defineProperty(Array.prototype, i, {
        configurable: true,
        get() { return undefined; },
        set(v) {
          const decoy = v && typeof v === 'object' && v.path === '%AggregateError%.evil' ? { object: {}, key: 'x', path: 'decoy' } : v;
          Object.defineProperty(this, i, { value: decoy, writable: true, enumerable: true, configurable: true });
        },
      });
    }
  `,
    `{ reporting: 'none' }`,
  );
  // Safe: lockdown refuses (the realm is then not locked down), or it succeeds without the leak.
  if (r.lockdownResult !== 'failed') t.deepEqual(r.leaks, [], `lockdown: ${r.lockdownResult}`);
  else t.pass('lockdown refused to run over the planted hooks');
});

test('prelockdown-reentrancy: with reporting "none" and no setters, an unlisted property is removed (control)', t => {
  const r = scenario(`AggregateError.evil = F; Array.prototype.evil = F;`, `{ reporting: 'none' }`);
  t.is(r.lockdownResult, 'ok');
  t.deepEqual(r.leaks, []);
});

test('prelockdown-reentrancy: a non-configurable unlisted property makes lockdown fail (blocked)', t => {
  const r = scenario(`Object.defineProperty(AggregateError, 'evil', { value: F });`, `{ reporting: 'none' }`);
  t.is(r.lockdownResult, 'failed');
});

test('prelockdown-reentrancy: a Proxy spliced into a prototype chain makes lockdown fail (blocked)', t => {
  const r = scenario(`Object.setPrototypeOf(Array.prototype, new Proxy(Object.prototype, {}));`, `{ reporting: 'none' }`);
  t.is(r.lockdownResult, 'failed');
});

test('prelockdown-reentrancy: an accessor where a built-in method is permitted makes lockdown fail (blocked)', t => {
  const r = scenario(`Object.defineProperty(Array.prototype, 'map', { get: () => F, configurable: true });`, `{ reporting: 'none' }`);
  t.is(r.lockdownResult, 'failed');
});
