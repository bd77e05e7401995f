// Integration: lockdown() with default options, then the whole-realm invariants.
import test from 'ava';
import { harden, lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';

// Default reporting on Node prints through console.error; capture it on the host console object
// (lockdown then installs the causal console as globalThis.console).
const warnings: unknown[][] = [];
const hostConsole = console;
const originalError = hostConsole.error;
hostConsole.error = (...args: unknown[]) => void warnings.push(args);
try {
  lockdown();
} finally {
  hostConsole.error = originalError;
}

test('after lockdown every object reachable from the globals and anonymous intrinsics is frozen and whitelisted', t => {
  const visited = assertAllReachableFrozen(t);
  t.true(visited > 500, `walked ${visited} objects`);
});

test('harden is installed on the global and as Object[Symbol.for("harden")]', t => {
  t.is((globalThis as any).harden, harden);
  t.is((Object as any)[Symbol.for('harden')], harden);
  t.true(Object.isFrozen(harden));
});

test('the shared primordials cannot be poisoned after lockdown', t => {
  t.throws(() => {
    (Array.prototype as any).polluted = 1;
  }, { instanceOf: TypeError });
  t.throws(() => {
    (Object.prototype as any).polluted = 1;
  }, { instanceOf: TypeError });
  t.is(({} as any).polluted, undefined);
  t.throws(() => {
    (Array.prototype as any).map = () => 'evil';
  }, { instanceOf: TypeError });
});

test('lockdown reports what it removed (removals are not silent)', t => {
  // Node 20 always has V8 extras that are not on the whitelist (e.g. Error.captureStackTrace on
  // the shared Error is replaced, but others such as RegExp legacy statics are removed).
  const text = warnings.map(w => w.join(' ')).join('\n');
  t.regex(text, /%RegExp%\.\$1/);
});

test('a second lockdown throws a clear error', t => {
  const error = t.throws(() => lockdown(), { instanceOf: TypeError });
  t.regex(error!.message, /already locked down.*PF_ALREADY_LOCKED_DOWN/);
});

test('the intrinsics the anonymous finder must collect are present', t => {
  const intrinsics = getIntrinsics()!;
  for (const name of [
    '%ThrowTypeError%',
    '%TypedArray%',
    '%ArrayIteratorPrototype%',
    '%IteratorPrototype%',
    '%AsyncIteratorPrototype%',
    '%MapIteratorPrototype%',
    '%SetIteratorPrototype%',
    '%StringIteratorPrototype%',
    '%RegExpStringIteratorPrototype%',
    '%Generator%',
    '%GeneratorPrototype%',
    '%AsyncFunctionPrototype%',
    '%AsyncGenerator%',
    '%AsyncGeneratorPrototype%',
    '%InertGeneratorFunction%',
    '%InertAsyncFunction%',
    '%InertAsyncGeneratorFunction%',
  ]) {
    t.truthy(intrinsics[name], name);
  }
});
