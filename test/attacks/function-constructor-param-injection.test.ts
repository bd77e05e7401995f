// Attack: inject code through the parameters or the body of a compartment's `Function` so that the
// text it compiles is not a function of those parameters and that body (the `/*` ... `*/) {`
// trick), to run code outside the function, escape its strictness, or smuggle `import()`.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

const injections: string[][] = [
  ['/*', '*/){ return 1 })//'],
  ['/*', '*/) {'],
  ['a) { return 1 }; (function (b', 'return 2'],
  ['a = 1) {}; globalThis.pwned = 1; (function (b', ''],
  ['', '}); globalThis.pwned = 1; (function () {'],
  ['', '} globalThis.pwned = 1; {'],
  ['a', '*/ return 1'],
  ['a //', '\n) { return globalThis.pwned = 1 } ; (function () {'],
  ['`', '`'],
  ['a = `', '`) {}'],
  ["a = '", "') {}"],
  ['a = /[/', '/) {}'],
  ['a\u2028) {}; (function (', ''],
  ['a', 'return 1 }; function pwned() {'],
  ['...a, b', 'return 1'],
  ['a = super.x', 'return a'],
  ['', 'return new.target, super.x'],
  ['a', '"use strict"; with (a) {}'],
  ['', 'import("x")'],
  ['a = import("x")', ''],
  ['a = import.meta', ''],
  ['', '<!-- hidden\nreturn 1'],
];

test('function-constructor-param-injection: injections are SyntaxErrors and run nothing', t => {
  const c = new Compartment();
  const F = c.globalThis.Function;
  for (const args of injections) {
    t.throws(() => F(...args), { instanceOf: SyntaxError }, JSON.stringify(args));
    t.false('pwned' in c.globalThis, JSON.stringify(args));
  }
});

test('function-constructor-param-injection: legitimate parameter lists still work', t => {
  const F = new Compartment({ __options__: true, globals: { g: 10 } }).globalThis.Function;
  t.is(F('a', 'b', 'return a + b + g')(1, 2), 13);
  t.is(F('a, b', 'return a * b')(3, 4), 12);
  t.is(F('a = 1', '{ b } = {}', 'return a + (b ?? 0)')(), 1);
  t.deepEqual(F('...rest', 'return rest')(1, 2), [1, 2]);
  t.is(F('a // comment', 'return a')(5), 5);
  t.is(F('/* c */ a', 'return a')(6), 6);
  t.is(F('return "/*"')(), '/*');
  t.is(F('a', '"use strict"; return typeof this')(), 'undefined');
  t.is(F()(), undefined);
  t.is(F({ toString: () => 'return 7' } as never)(), 7, 'arguments are converted to strings');
  t.throws(() => F(Symbol('x') as never), { instanceOf: TypeError });
  t.throws(() => F('a = process', 'return a')(), { instanceOf: ReferenceError });
});

test('function-constructor-param-injection: the other constructors are inert', t => {
  const c = new Compartment();
  for (const source of [
    '(function () {}).constructor',
    'Function.prototype.constructor',
    'Object.getPrototypeOf(async function () {}).constructor',
    'Object.getPrototypeOf(function* () {}).constructor',
    'Object.getPrototypeOf(async function* () {}).constructor',
  ]) {
    t.throws(() => c.evaluate(`${source}("return 1")`), { instanceOf: TypeError, message: /PF_FUNCTION_CONSTRUCTOR_DISABLED/ }, source);
  }
});

test('function-constructor-param-injection: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'try { Function("/*", "*/){})") } catch {} Function("Object.prototype.z = 1")();');
});
