// Red team. Attack: host code that runs after Permafrost is imported but before lockdown() replaces
// a global constructor (Array, RegExp, Promise, TypeError, String...) with a look-alike that passes
// the whitelist. lockdown() collects intrinsics from the globals, so it whitelists and freezes the
// fake and never sees the real prototype, which syntax still reaches ([], /x/, async functions,
// engine-thrown errors, string literals). lockdown() reports success; the real prototypes stay
// mutable (a channel between every later party) and the real RegExp keeps its legacy statics.
// Safe behaviour: lockdown() fails, or the syntax-reachable prototypes end up frozen anyway.
import test from 'ava';
import { childJson } from './_child.js';

/** Runs `attack` (host code, before lockdown) then lockdown(), and reports what syntax reaches. */
const scenario = (attack: string): any =>
  childJson(`
    const { lockdown } = await import('SRC/index.js');
    ${attack}
    let lockdownResult;
    try { lockdown({ reporting: 'none' }); lockdownResult = 'ok'; } catch (e) { lockdownResult = 'failed'; }
    const protos = {
      array: Object.getPrototypeOf([]),
      regexp: Object.getPrototypeOf(/x/),
      promise: Object.getPrototypeOf((async () => {})()),
      string: Object.getPrototypeOf(Object('')),
      number: Object.getPrototypeOf(Object(1)),
      typeError: Object.getPrototypeOf((() => { try { null.x; } catch (e) { return e; } })()),
      symbol: Object.getPrototypeOf(Object(Object.getOwnPropertySymbols(Object.getPrototypeOf([]))[0])),
      arrayBuffer: Object.getPrototypeOf(new BigInt64Array(1).buffer),
    };
    const unfrozen = Object.keys(protos).filter(k => !Object.isFrozen(protos[k]) || !Object.isFrozen(protos[k].constructor));
    const legacyStatics = Object.getOwnPropertyNames(protos.regexp.constructor).filter(n => n.startsWith('$') || n === 'lastMatch');
    console.log(JSON.stringify({ lockdownResult, unfrozen, legacyStatics }));
  `);

const attacks: [string, string][] = [
  ['Array', `globalThis.Array = class Array {};`],
  ['RegExp', `globalThis.RegExp = class RegExp {};`],
  ['Promise', `globalThis.Promise = class Promise {};`],
  ['String', `globalThis.String = class String {};`],
  ['Number', `globalThis.Number = class Number {};`],
  ['Symbol (real one reached through any well-known symbol)', `globalThis.Symbol = class Symbol {};`],
  ['ArrayBuffer (real one reached through typedArray.buffer)', `globalThis.ArrayBuffer = class ArrayBuffer {};`],
  ['TypeError (blocked: its [[Prototype]] cannot be %SharedError% yet)', `globalThis.TypeError = class TypeError extends Error {};`],
];

for (const [name, attack] of attacks) {
  test(`prelockdown-fake-globals: a fake global ${name} cannot leave the real prototype unfrozen`, t => {
    const r = scenario(attack);
    if (r.lockdownResult === 'failed') {
    t.pass('lockdown refused');
    return;
  }
    t.deepEqual(r.unfrozen, [], 'every syntax-reachable prototype is frozen');
    t.deepEqual(r.legacyStatics, [], 'no RegExp legacy static survives');
  });
}

test('prelockdown-fake-globals: untouched globals (control)', t => {
  const r = scenario('');
  t.is(r.lockdownResult, 'ok');
  t.deepEqual(r.unfrozen, []);
  t.deepEqual(r.legacyStatics, []);
});

// Installed BEFORE import, the fake is what commons captures, so tameError re-parents the FAKE
// onto %SharedError% and it passes the whitelist; engine-thrown errors of that kind keep the
// original Error as their constructor's [[Prototype]]: unfrozen, with V8's live stackTraceLimit
// (a channel) and captureStackTrace/prepareStackTrace (frame file names).
const preImportErrors: [string, string][] = [
  ['TypeError', `null.x`],
  ['SyntaxError', `JSON.parse('{')`],
  ['URIError', `decodeURI('%')`],
];
for (const [name, thrower] of preImportErrors) {
  test(`prelockdown-fake-globals: a fake ${name} installed BEFORE import cannot leave engine errors on the original Error`, t => {
    const r = childJson(`
      globalThis.${name} = class ${name} extends Error {};
      let lockdownResult;
      try {
        const { lockdown } = await import('SRC/index.js');
        lockdown({ reporting: 'none' });
        lockdownResult = 'ok';
      } catch (e) { lockdownResult = 'failed'; }
      const e = (() => { try { ${thrower}; } catch (err) { return err; } })();
      const Up = Object.getPrototypeOf(e.constructor);
      let channel = false;
      try { Up.stackTraceLimit = 3; channel = Up.stackTraceLimit === 3; } catch {}
      console.log(JSON.stringify({ lockdownResult, frozen: [e.constructor, Object.getPrototypeOf(e), Up].every(Object.isFrozen), channel }));
    `);
    if (r.lockdownResult === 'failed') {
      t.pass('lockdown refused');
      return;
    }
    t.true(r.frozen, 'engine errors reach only frozen objects');
    t.false(r.channel, 'no writable stackTraceLimit is reachable');
  });
}
