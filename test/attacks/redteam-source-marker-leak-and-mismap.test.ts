// Attack (red team), held: learn the realm's source-marker key from inside a compartment, or make
// `unmark` mis-map, so that a guest function's toString hides code, shows other code, or falls back
// to the raw rewritten text (which would print the key and `$pfG`). Tried: function slices next to
// every kind of inserted text (assignments split by comments and newlines, compound, logical and
// update operators, NamedEvaluation wraps, destructuring targets, shorthand and `__proto__`,
// escaped names, constants, ASI splices, completion-value wraps of nested statements, hashbang,
// sloppy globals, evaluateExpr endowments, `new Function` with comments and defaults in the
// parameters, class elements, static blocks, computed keys) and engine error messages and stacks.
//
// Safe behaviour: every guest function renders exactly as written, and no text a guest can read
// contains the key.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const KEY = /pf[0-9a-z]{20}/;
const make = (): Compartment => new Compartment({ __options__: true, globals: { y: 1, X: 2, list: [1, 2], u: undefined } });

// [source whose completion value is a function, how it must render]
const RENDERS: readonly [string, string][] = [
  ['(() => y = 3)', '() => y = 3'],
  ['(() => (y) = X)', '() => (y) = X'],
  ['(() => y /* c */ = X)', '() => y /* c */ = X'],
  ['(() => y\n= X)', '() => y\n= X'],
  ['(() => ({y = () => 1} = {}))', '() => ({y = () => 1} = {})'],
  ['(() => y ??= () => 1)', '() => y ??= () => 1'],
  ['(() => y &&= function(){})', '() => y &&= function(){}'],
  ['(async () => { for await (y of list); })', 'async () => { for await (y of list); }'],
  ['(() => y`t`)', '() => y`t`'],
  ['(class { static { y; } static m() { return X } })', 'class { static { y; } static m() { return X } }'],
  ['(class { [y] = X; #p = y; static s = () => y })', 'class { [y] = X; #p = y; static s = () => y }'],
  ['(class extends (X ? Object : Object) {})', 'class extends (X ? Object : Object) {}'],
  ['(function () { y\n(X) })', 'function () { y\n(X) }'],
  ['(function () { y\n[X] = [1] })', 'function () { y\n[X] = [1] }'],
  ['(function () { y++\n[X] })', 'function () { y++\n[X] }'],
  ['(() => undefined + NaN + Infinity)', '() => undefined + NaN + Infinity'],
  ['(() => ({ __proto__ }))', '() => ({ __proto__ })'],
  ['(() => new y)', '() => new y'],
  ['(function*(){ yield\ny })', 'function*(){ yield\ny }'],
  ['(() => { if (y) X; else list })', '() => { if (y) X; else list }'],
  ['({ async *[y]() {} })[1]', 'async *[y]() {}'],
  ['(class { static async *m() { y } }).m', 'async *m() { y }'],
  ['if (y) { var g = () => y } g', '() => y'],
  ['try { } finally { globalThis.h = () => y } h', '() => y'],
  ['let s = 0; for (const k of [1]) { s = () => k + y } s', '() => k + y'],
  ['1; (() => y\n)', '() => y'],
  ['(a = () => y) => a', '(a = () => y) => a'],
  ['(() => y)\n// trailing', '() => y'],
  ['#!/usr/bin/env x\n(() => y)', '() => y'],
  ['x => /*pf*/ y /*pf:y:1*/', 'x => /*pf*/ y'],
  ['Function("a = y, {b} = {}", "return a + b + y")', 'function anonymous(a = y, {b} = {}\n) {\nreturn a + b + y\n}'],
  ['Function("a /* c */", "// x\\nreturn a")', 'function anonymous(a /* c */\n) {\n// x\nreturn a\n}'],
];

test('redteam-source-marker-mismap: functions next to inserted text render as written', t => {
  for (const [source, expected] of RENDERS) {
    const fn = make().evaluate(source);
    t.is(typeof fn, 'function', source);
    t.is(`${fn as () => unknown}`, expected, source);
  }
  const c = make();
  t.is(`${c.evaluate('(() => z = y + 1)', { sloppyGlobalsMode: true }) as () => unknown}`, '() => z = y + 1');
  t.is(`${c.evaluateExpr('() => e + y', { e: 1 }) as () => unknown}`, '() => e + y');
});

test('redteam-source-marker-key-leak: engine errors and stacks never show the marker key', t => {
  const probes = [
    'u.a', 'y()', 'new y', 'for (const a of y);', '[...y]', 'const {a} = u', 'y`x`', 'class A extends y {}',
    'let q = 1; q = q()', 'const k = 1; k = 2', 'Function("return u.a")()', 'eval("u.a")',
    'Function("a,b", "return a(")', '(function f() { return f.caller })()', 'nope', 'nope = 1', 'nope++',
    'new (class { static m(o) { return o.z.w } }).constructor.m({})',
  ];
  const c = make();
  for (const probe of probes) {
    let text = '';
    try {
      c.evaluate(probe);
    } catch (error) {
      const e = error as Error;
      text = `${e.message}\n${e.stack}\n${c.evaluate('String')(e)}`;
    }
    t.not(text, '', probe);
    t.false(KEY.test(text), `${probe}: ${text}`);
  }
});
