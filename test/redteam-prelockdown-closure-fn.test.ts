// Red team. Attack: host code that runs before lockdown() replaces a whitelisted built-in method
// with its own function. The whitelist's 'fn' permit only checks "callable, [[Prototype]] is
// %FunctionPrototype%, own length and name": an arrow function, a concise method, a bound function
// or a Proxy of the real built-in all pass. harden freezes the function object but not what it
// closes over (or a Proxy's handler), so after a "successful" lockdown every party can reach the
// attacker's capabilities (here the host's Function) and mutable state through a shared intrinsic.
// Safe behaviour: lockdown() fails (a permitted built-in must be a genuine built-in: e.g. not a
// Proxy, and Function.prototype.toString gives `function <name>() { [native code] }` for it, or it
// is one of Permafrost's own replacements).
import test from 'ava';
import { childJson } from './_child.js';

const scenario = (attack: string, probe: string): any =>
  childJson(`
    const { lockdown } = await import('SRC/index.js');
    ${attack}
    let lockdownResult;
    try { lockdown({ reporting: 'none' }); lockdownResult = 'ok'; } catch (e) { lockdownResult = 'failed'; }
    let leaked;
    try { leaked = await (${probe})(); } catch (e) { leaked = 'threw ' + e.message; }
    console.log(JSON.stringify({ lockdownResult, leaked }));
  `);

const cases: [string, string, string][] = [
  [
    'an arrow function closing over Function',
    `const F = Function; Array.prototype.findLast = x => (x === 'F' ? F : undefined);`,
    `() => typeof [].findLast('F')('return process')()`,
  ],
  [
    'a concise method closing over mutable state',
    `const stash = []; Array.prototype.at = ({ at(i) { return i === 'stash' ? stash : undefined; } }).at;`,
    `() => Object.isFrozen([].at('stash')) ? 'frozen' : 'mutable'`,
  ],
  [
    'a Proxy of the real built-in with a mutable handler',
    `const handler = { apply(t, self, args) { return args[0] === 'F' ? Function : Reflect.apply(t, self, args); } };
     Object.keys = new Proxy(Object.keys, handler);`,
    `() => typeof Object.keys('F')('return process')()`,
  ],
  [
    'a bound function of an attacker closure',
    `const F = Function; const fake = function (x) { return x === 'F' ? F : []; }.bind(undefined);
     Object.defineProperty(fake, 'name', { value: 'getOwnPropertyNames' });
     Object.getOwnPropertyNames = fake;`,
    `() => typeof Object.getOwnPropertyNames('F')('return process')()`,
  ],
  [
    'an accessor getter replaced by a closure',
    `const F = Function; Object.defineProperty(Symbol.prototype, 'description', { get: () => F, configurable: true });`,
    `() => typeof Symbol().description('return process')()`,
  ],
  // Genuine natives pass a "renders as `function <name>() { [native code] }` with a whitelisted
  // name" test, whichever slot they are put in, and whatever realm they come from.
  [
    'the host Date.now (a genuine native) in another method\'s slot',
    `Array.prototype.findLast = Date.now;`,
    `() => typeof [].findLast() === 'number' ? 'clock' : 'none'`,
  ],
  [
    'the host Math.random in another method\'s slot',
    `Array.prototype.findLast = Math.random;`,
    `() => typeof [].findLast() === 'number' ? 'entropy' : 'none'`,
  ],
  [
    'WebAssembly.compile (name "compile"), whose CompileError leads to the original Error',
    `Array.prototype.findLast = WebAssembly.compile;`,
    `async () => { try { await [].findLast.call(null, new Uint8Array([1])); } catch (e) { const E = Object.getPrototypeOf(e.constructor); E.stackTraceLimit = 7; return E.stackTraceLimit === 7 ? 'original Error' : 'inert'; } }`,
  ],
  [
    'a native of another realm (node:vm) with its [[Prototype]] reset',
    `const k = process.getBuiltinModule('node:vm').runInNewContext('Object.keys');
     Object.setPrototypeOf(k, Function.prototype); Object.keys = k;`,
    `() => typeof Object.keys({}).constructor.constructor('return this')()`,
  ],
];

// Known limit (see docs/lockdown.md, "Known gaps"): a native of ANOTHER realm with the same name cannot be
// told apart from ours by its rendering. Code that runs before lockdown and can create realms
// (node:vm) is trusted, as in ses; this case stays here as an expected failure until lockdown
// compares every slot with a snapshot taken at import.
const knownLimit = (label: string) => label.includes('another realm');

for (const [label, attack, probe] of cases) {
  (knownLimit(label) ? test.failing : test)(`prelockdown-closure-fn: ${label} in place of a built-in is refused`, t => {
    const r = scenario(attack, probe);
    t.is(r.lockdownResult, 'failed', `lockdown accepted it; then the probe gave ${JSON.stringify(r.leaked)}`);
  });
}

test('prelockdown-closure-fn: a genuine built-in moved to another permitted slot of the same name is harmless (control)', t => {
  const r = scenario(`Array.prototype.at = Array.prototype.at;`, `() => [1, 2].at(-1)`);
  t.is(r.lockdownResult, 'ok');
  t.is(r.leaked, 2);
});
