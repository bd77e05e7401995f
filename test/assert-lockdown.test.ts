// `assert` after lockdown() with default options: override taming turns `name` on the Error
// prototypes into accessors, which redaction and q must still read (without calling them);
// errors keep their shape; everything assert reaches is frozen.
import test from 'ava';
import { Fail, X, assert, harden, lockdown, makeError, q } from '../src/index.js';
import { makeAssert } from '../src/error/index.js';
import { findReachableProblems } from './_frozen-walk.js';
import { assertAllReachableFrozen } from './_lockdown-roots.js';

lockdown({ reporting: 'none' });

test('after lockdown, error names behind override-taming accessors are still shown', t => {
  t.false('value' in Object.getOwnPropertyDescriptor(TypeError.prototype, 'name')!, 'name is an accessor now');
  t.is(makeError(X`${new TypeError('t')} ${new RangeError('r')}`).message, '(a TypeError) (a RangeError)');
  t.is(`${q([new TypeError('t'), function f() {}, () => {}])}`, '["[TypeError: t]","[Function f]","[Function <anon>]"]');
});

test('after lockdown, makeError errors are frozen, with an empty stack under errorTaming safe', t => {
  const error = makeError(X`x ${1}`, TypeError, { cause: new Error('c') });
  t.true(error instanceof TypeError);
  t.true(Object.isFrozen(error));
  t.is(error.message, 'x (a number)');
  t.is(Object.getOwnPropertyDescriptor(error, 'stack')?.value ?? '', '');
  t.throws(() => Fail`failed ${'secret'}`, { message: 'failed (a string)' });
});

test('after lockdown, harden(assert) succeeds and assert is already frozen throughout', t => {
  t.is(harden(assert), assert);
  for (const key of Object.keys(assert)) t.true(Object.isFrozen((assert as any)[key]), key);
  const token = X`t`;
  t.true(Object.isFrozen(token) && Object.isFrozen(Object.getPrototypeOf(token)));
});

test('everything reachable from assert, its tokens and quotes is frozen; the lockdown invariant holds', t => {
  const roots = { assert, unredacted: makeAssert(undefined, true), token: X`t ${1}`, quoted: q({ a: 1 }) };
  const { problems } = findReachableProblems(roots, new Map(), { checkWhitelist: false, freeze: true });
  t.deepEqual(problems, []);
  assertAllReachableFrozen(t);
});
