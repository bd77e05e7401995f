// Red team, regression tests: after lockdown(), two mutually suspicious guests that hold only the
// shared intrinsics cannot pass a bit through shared state. Party A writes with every trick below;
// party B, in a separate evaluation, must observe the same thing whether or not A wrote.
// (The one channel found, a hardened error's V8 `stack` accessor, is in redteam-harden-error-stack.)
import test from 'ava';
import { lockdown } from '../src/index.js';
import { getIntrinsics } from '../src/lockdown/lockdown.js';

lockdown({ reporting: 'none' });
const I = getIntrinsics()!;

const guest = (source: string): any =>
  new Function('Error', 'Date', 'Math', `'use strict';\n${source}`)(I['%SharedError%'], I['%SharedDate%'], I['%SharedMath%']);

/** What B observes: everything cheap that could hold a bit written by A. */
const observe = `
  const o = {};
  const rec = (k, f) => { try { o[k] = String(f()); } catch (e) { o[k] = 'throws ' + e.name; } };
  rec('regexp statics', () => ['$1', '$_', 'input', 'lastMatch', 'lastParen', 'leftContext', 'rightContext', '$&', "$'", '$+', '$\`']
    .map(k => typeof RegExp[k]).join());
  rec('stackTraceLimit', () => [Error, TypeError, RangeError].map(C => C.stackTraceLimit).join());
  rec('prepareStackTrace', () => typeof Error.prepareStackTrace);
  rec('error stack', () => new TypeError('b').stack);
  rec('engine stack', () => { try { null.x; } catch (e) { return e.stack; } });
  rec('captured', () => { const t = {}; Error.captureStackTrace(t); return t.stack; });
  rec('symbol.for', () => Symbol.keyFor(Symbol.for('channel')));
  rec('proto keys', () => [Object.prototype, Array.prototype, Function.prototype, Error.prototype, Date.prototype, RegExp.prototype]
    .map(p => Reflect.ownKeys(p).length).join());
  rec('frozen', () => [Object.prototype, Array.prototype, Math, JSON, Reflect, Date, Error].every(Object.isFrozen));
  rec('unscopables', () => Object.keys(Array.prototype[Symbol.unscopables]).length);
  rec('iterator proto', () => Reflect.ownKeys(Object.getPrototypeOf(Object.getPrototypeOf([].values()))).length);
  rec('date', () => new Date(0).getHours() + ',' + new Date(0).toString());
  rec('math', () => Math.random());
  rec('now', () => Date.now());
  rec('toString', () => ({}).toString() + [1, 2]);
  return o;
`;

/** A's attempts to write, each caught, so one failure does not stop the others. */
const write = `
  const tryAll = fs => fs.forEach(f => { try { f(); } catch {} });
  tryAll([
    () => /(secret)/.exec('the secret'),
    () => { RegExp.input = 'secret'; },
    () => { Error.stackTraceLimit = 1; TypeError.stackTraceLimit = 1; },
    () => { Error.prepareStackTrace = () => 'secret'; },
    () => { Object.getPrototypeOf(TypeError).stackTraceLimit = 1; },
    () => { Symbol.for('channel'); },
    () => { Object.prototype.secret = 1; },
    () => { Array.prototype.secret = 1; },
    () => { Object.defineProperty(Function.prototype, 'secret', { value: 1 }); },
    () => { Error.prototype.secret = 1; },
    () => { Date.prototype.getHours = () => 99; },
    () => { Array.prototype[Symbol.unscopables].secret = true; },
    () => { Object.getPrototypeOf(Object.getPrototypeOf([].values())).secret = 1; },
    () => { Object.prototype.toString = () => 'secret'; },
    () => { Object.getOwnPropertyDescriptor(Object.prototype, 'toString').set.call(Object.prototype, () => 'secret'); },
    () => { Reflect.setPrototypeOf(Array.prototype, null); },
    () => { Object.getPrototypeOf(function* () {}).prototype.secret = 1; },
  ]);
`;

test('covert-channels: nothing party A writes through the shared intrinsics is observable by party B', t => {
  const before = guest(observe);
  guest(write);
  const after = guest(observe);
  t.deepEqual(after, before);
  t.is(before['regexp statics'].split(',').filter((k: string) => k !== 'undefined').length, 0);
  t.is(before['stackTraceLimit'], ',,');
  t.is(before['error stack'], '');
  t.is(before['math'], 'throws TypeError');
  t.is(before['now'], 'throws TypeError');
  t.is(before['frozen'], 'true');
});

test('covert-channels: per-object state (lastIndex, Date setters) stays with the object', t => {
  const r = guest(`
    const re1 = /a/g, re2 = /a/g;
    re1.exec('aa');
    const d1 = new Date(0), d2 = new Date(0);
    d1.setHours(5);
    return [re2.lastIndex, d2.getHours()];
  `);
  t.deepEqual(r, [0, 0]);
});
