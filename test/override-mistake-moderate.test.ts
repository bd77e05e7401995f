// Attack/compat: the "override mistake". After freezing, `heir.toString = f` would fail because the
// inherited property is read-only. overrideTaming 'moderate' (default) keeps common patterns working
// while the prototypes themselves stay immutable.
import test from 'ava';
import { lockdown } from '../src/index.js';

lockdown();

test('override-mistake: assignment overrides inherited methods on ordinary objects', t => {
  const o: any = {};
  o.toString = () => 'mine';
  t.is(String(o), 'mine');
  t.true(Object.hasOwn(o, 'toString'));
  t.deepEqual(Object.getOwnPropertyDescriptor(o, 'toString')!.enumerable, true);
  const a: any = [];
  a.push = () => 'pushed';
  t.is(a.push(), 'pushed');
  t.is(([] as number[]).push.call([], 1), 1);
});

test('override-mistake: subclasses of Error can assign name and message', t => {
  class MyError extends Error {}
  MyError.prototype.name = 'MyError';
  t.is(new MyError('x').name, 'MyError');
  const e: any = new TypeError('x');
  e.message = 'changed';
  t.is(e.message, 'changed');
});

test('override-mistake: the shared prototypes themselves cannot be changed', t => {
  t.throws(() => {
    (Object.prototype as any).toString = () => 'evil';
  }, { instanceOf: TypeError });
  t.is(Object.prototype.toString.call([]), '[object Array]');
  t.throws(() => {
    (Array.prototype as any).push = () => 'evil';
  }, { instanceOf: TypeError });
});

test('override-mistake: a frozen heir still refuses the override', t => {
  const o = Object.freeze({});
  t.throws(() => {
    (o as any).toString = () => 'x';
  }, { instanceOf: TypeError });
});

test('override-mistake: getters expose the original value (originalValue) and are frozen', t => {
  const desc = Object.getOwnPropertyDescriptor(Object.prototype, 'toString')!;
  t.is(typeof desc.get, 'function');
  t.is((desc.get as any).originalValue, desc.get!());
  t.true(Object.isFrozen(desc.get) && Object.isFrozen(desc.set));
});

test('override-mistake: properties outside the moderate set stay plain data', t => {
  t.true('value' in Object.getOwnPropertyDescriptor(Map.prototype, 'get')!);
  const m: any = new Map();
  t.throws(() => {
    m.get = () => 1;
  }, { instanceOf: TypeError });
});
