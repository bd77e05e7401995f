// Attack: use Symbol.unscopables to make a name skip the compartment's global object and fall
// through to whatever is behind it (in a `with`-based evaluator, the host's scope). Here names are
// rewritten to property accesses, never resolved through a `with` on the global object, so
// @@unscopables has no effect on name resolution at all.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

test('symbol-unscopables: unscopables on the global object change no lookup', t => {
  const c = new Compartment({ __options__: true, globals: { endowed: 1 } });
  c.evaluate('globalThis[Symbol.unscopables] = { Array: true, endowed: true, process: true, eval: true, globalThis: true }');
  t.is(c.evaluate('Array'), Array);
  t.is(c.evaluate('endowed'), 1);
  t.is(c.evaluate('eval("endowed + 1")'), 2);
  t.is(c.evaluate('globalThis'), c.globalThis);
  t.throws(() => c.evaluate('process'), { instanceOf: ReferenceError });
  t.is(c.evaluate('typeof process'), 'undefined');
  t.is(c.evaluate('endowed = 5; endowed'), 5);
});

test('symbol-unscopables: as an accessor, a Proxy, or on the prototype chain', t => {
  const c = new Compartment({ __options__: true, globals: { x: 1 } });
  let called = 0;
  c.globalThis[Symbol.unscopables] = new Proxy({}, { get: () => (called += 1, true), has: () => (called += 1, true) });
  t.is(c.evaluate('x'), 1);
  t.is(called, 0, 'never consulted');
  t.throws(() => c.evaluate('Object.prototype[Symbol.unscopables] = { x: true }'), { instanceOf: TypeError });
  c.evaluate('Object.setPrototypeOf(globalThis, Object.create(Object.prototype, { [Symbol.unscopables]: { value: { x: true } } }))');
  t.is(c.evaluate('x'), 1);
});

test('symbol-unscopables: endowments and lexicals with @@unscopables', t => {
  const c = new Compartment();
  const endowments = { a: 1, [Symbol.unscopables]: { a: true } };
  t.is(c.evaluateExpr('a', endowments), 1);
  t.is(c.evaluate('a', { __moduleShimLexicals__: endowments }), 1);
  const withUnscopables = new Compartment({ __options__: true, globals: endowments });
  t.is(withUnscopables.evaluate('a'), 1);
});

test('symbol-unscopables: two compartments share no mutable state', t => {
  runThenCompare(
    t,
    () => new Compartment(),
    'globalThis[Symbol.unscopables] = { Array: true }; Array.prototype[Symbol.unscopables].push = false;',
  );
});
