// Attack: RegExp legacy statics (RegExp.$1, RegExp.input, lastMatch...) expose the last match
// made by any code in the realm: a covert channel between compartments and a host data leak.
// Also RegExp.prototype.compile, which re-initialises a regexp in place.
import test from 'ava';
import { lockdown } from '../src/index.js';

const statics = ['$1', '$2', '$9', 'input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'"];
const hadStatics = statics.filter(name => Object.hasOwn(RegExp, name));
lockdown();

test('regexp-statics-channel: the engine had the statics before lockdown (so this test can fail)', t => {
  t.true(hadStatics.length > 10);
});

test('regexp-statics-channel: a secret matched by one party cannot be read back through RegExp', t => {
  /(secret-\d+)/.exec('the secret-42 is here');
  for (const name of statics) {
    t.false(Object.hasOwn(RegExp, name), name);
    t.is((RegExp as any)[name], undefined, name);
  }
  t.deepEqual(Reflect.ownKeys(RegExp).filter(k => typeof k === 'string').sort(), ['length', 'name', 'prototype'].concat(Object.hasOwn(RegExp, 'escape') ? ['escape'] : []).sort());
});

test('regexp-statics-channel: RegExp.prototype.compile is removed with the default regExpTaming', t => {
  t.false('compile' in RegExp.prototype);
});

test('regexp-statics-channel: regexps still work, including the species protocol', t => {
  t.deepEqual('a1b2'.match(/\d/g), ['1', '2']);
  t.is('x-y'.replace(/(\w)-(\w)/, '$2-$1'), 'y-x');
  t.deepEqual('a,b'.split(/,/), ['a', 'b']);
  t.is(RegExp(/x/g).flags, 'g');
});
