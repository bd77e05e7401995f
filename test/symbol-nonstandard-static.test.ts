// Attack: a polyfill (or hostile code running before lockdown) hangs a mutable object or a
// non-standard symbol on the shared Symbol, creating a channel between compartments.
import test from 'ava';
import { lockdown } from '../src/index.js';

(Symbol as any).observable = Symbol('observable');
(Symbol as any).mailbox = { messages: [] };
lockdown({ reporting: 'none' });

test('symbol-nonstandard-static: non-standard statics are removed from the shared Symbol', t => {
  t.false(Object.hasOwn(Symbol, 'observable'));
  t.false(Object.hasOwn(Symbol, 'mailbox'));
  t.is(typeof Symbol.iterator, 'symbol');
  t.is(typeof Symbol.asyncIterator, 'symbol');
  t.true(Object.isFrozen(Symbol));
});
