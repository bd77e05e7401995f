// Attack: reach a direct eval (which would see the caller's scope) or the host's own eval, by any
// spelling: `eval(x)`, `(eval)(x)`, `eval?.(x)`, `(0, eval)(x)`, `globalThis.eval`, `window.eval`,
// through Function, comma, arrays, call/apply/bind, aliases, or an eval someone re-binds. Every one
// must be the compartment's own eval: it sees the compartment's globals and nothing local, and is
// never the host's. (A deliberate difference from ses, which rejects `eval(` in source text by
// default and otherwise gives a direct eval: see docs/compartment.md.)
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

const spellings = [
  'eval(SRC)',
  '(eval)(SRC)',
  '((eval))(SRC)',
  'eval?.(SRC)',
  '(0, eval)(SRC)',
  '(1, 2, eval)(SRC)',
  'globalThis.eval(SRC)',
  'globalThis["ev" + "al"](SRC)',
  '[eval][0](SRC)',
  'eval.call(null, SRC)',
  'eval.apply(undefined, [SRC])',
  'eval.bind()(SRC)',
  'Reflect.apply(eval, undefined, [SRC])',
  '(() => eval)()(SRC)',
  'Function("return eval")()(SRC)',
  'Function("s", "return eval(s)")(SRC)',
  'new Function("return eval(arguments[0])")(SRC)',
  '({ e: eval }).e(SRC)',
  '(x => x)(eval)(SRC)',
  '`${eval(SRC)}`',
  'eval(`${SRC}`)',
];

test('direct-eval-tricks: every spelling is the compartment eval, seeing no locals', t => {
  const c = new Compartment({ __options__: true, globals: { g: 'global' } });
  for (const spelling of spellings) {
    const call = spelling.replaceAll('SRC', '"typeof local + \',\' + typeof g + \',\' + typeof process"');
    const source = `(function () { const local = 1; return ${call}; })()`;
    t.is(String(c.evaluate(source)), 'undefined,string,undefined', spelling);
  }
});

test('direct-eval-tricks: eval code is strict, in the compartment global, and declares nothing there', t => {
  const c = new Compartment();
  t.is(c.evaluate('eval("this")'), c.globalThis);
  t.is(c.evaluate('eval("var leaked = 1; leaked")'), 1);
  t.false('leaked' in c.globalThis);
  t.throws(() => c.evaluate('eval("with ({}) {}")'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('eval("010")'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('eval("arguments")'), { instanceOf: ReferenceError });
  t.is(c.evaluate('(function () { return eval("typeof arguments"); })(1)'), 'undefined', 'no caller arguments');
  t.is(c.evaluate('eval(1)'), 1, 'a non-string is returned as is');
});

test('direct-eval-tricks: no spelling reaches the host eval or the host global', t => {
  const c = new Compartment();
  t.throws(() => c.evaluate('window.eval("1")'), { instanceOf: ReferenceError });
  t.not(c.evaluate('eval'), globalThis.eval);
  t.not(c.evaluate('globalThis.eval'), globalThis.eval);
  t.is(c.evaluate('eval("globalThis")'), c.globalThis);
  t.is(c.evaluate('eval("eval")'), c.globalThis.eval);
  t.throws(() => c.evaluate('Object.getPrototypeOf(eval).constructor("return globalThis")()'), { instanceOf: TypeError });
  t.throws(() => c.evaluate('(function f(eval) {})'), { instanceOf: SyntaxError }, 'eval cannot be rebound');
  t.throws(() => c.evaluate('eval = null'), { instanceOf: SyntaxError });
  // A guest may replace its own global eval; that changes only its own compartment.
  c.evaluate('globalThis.eval = s => "mine:" + s');
  t.is(c.evaluate('eval("x")'), 'mine:x');
  t.is(new Compartment().evaluate('eval("1 + 1")'), 2);
});

test('direct-eval-tricks: a host eval endowed by mistake is still not a direct eval', t => {
  // The host gives away its eval (it should not): calls by the name `eval` are never direct.
  const c = new Compartment({ __options__: true, globals: { eval: globalThis.eval } });
  t.is(c.evaluate('(function () { const local = 1; return eval("typeof local"); })()'), 'undefined');
});

test('direct-eval-tricks: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'eval("Object.prototype.x = 1"); (0, eval)("Array.prototype.y = 1");');
});
