// Red team regression suite: rewriter, evaluator and Compartment API attacks that are blocked today.
// Each probe is guest code with the answer a safe, native-strict evaluation gives.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

const table = (t: { is: (a: unknown, b: unknown, m?: string) => void }, c: Compartment, rows: [string, unknown][]): void => {
  for (const [src, expected] of rows) t.is(JSON.stringify(c.evaluate(src)), JSON.stringify(expected), src);
};

test('redteam-rewriter-blocked: syntax the scope analysis must get right', t => {
  const c = new Compartment();
  t.throws(() => c.evaluate('delete nope'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('with ({}) {}'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('class A { static { (() => arguments)() } }'), { instanceOf: SyntaxError });
  table(t, c, [
    ['label: { break label; } 1', 1],
    ['try { for (nope in { a: 1 }) ; } catch (e) { e instanceof ReferenceError }', true],
    ['try { for (nope of [1]) ; } catch (e) { e instanceof ReferenceError }', true],
    ['try { ({ nope = 1 } = {}); } catch (e) { e instanceof ReferenceError }', true],
    ['try { [nope] = [1]; } catch (e) { e instanceof ReferenceError }', true],
    ['try { (() => arguments)() } catch (e) { e instanceof ReferenceError }', true],
    ['try { class A { static [arguments] = 1 } } catch (e) { e instanceof ReferenceError }', true],
    ['typeof arguments', 'undefined'],
    ['function f(a = b, b) {} typeof f', 'function'],
    ['let got; try { nope = (got = "rhs") } catch (e) { got += "/" + e.constructor.name } got', 'rhs/ReferenceError'],
    ['x => x; typeof x', 'undefined'],
    ['[typeof $pfG, typeof $pfR, typeof $pfT, typeof \\u0024pfG]', ['undefined', 'undefined', 'undefined', 'undefined']],
    ['let n = 0; Object.defineProperty(globalThis, "gb", { get() { n += 1; return 1; }, set(v) { n += 10; }, configurable: true }); gb++; n', 11],
    ['globalThis[Symbol.unscopables] = { Array: true }; typeof Array', 'function'],
    ['__proto__ === Object.prototype', true],
  ]);
});

test('redteam-rewriter-blocked: `this` of calls, callers and evaluators', t => {
  const c = new Compartment();
  table(t, c, [
    ['globalThis.f = function () { return this === undefined }; [f(), f`x`, f?.(), (f)(), (0, f)()]', [true, true, true, true, true]],
    ['(function () { return this })() === undefined', true],
    ['Function("return this")() === undefined', true],
    ['eval("this") === globalThis', true],
    ['\\u0065val("typeof this")', 'object'],
    ['(function f() { try { return f.caller } catch (e) { return e.constructor.name } })()', 'TypeError'],
    ['(function () { try { return arguments.callee } catch (e) { return e.constructor.name } })()', 'TypeError'],
  ]);
});

test('redteam-rewriter-blocked: Function injection and HTML comments', t => {
  const c = new Compartment();
  table(t, c, [
    ['try { Function("/*", "*/){ return 1") } catch (e) { e.constructor.name }', 'SyntaxError'],
    ['try { Function("a", "}); (function(){") } catch (e) { e.constructor.name }', 'SyntaxError'],
    ['try { eval("a <!-- b") } catch (e) { e.constructor.name }', 'SyntaxError'],
    ['try { eval("a\\n--> b") } catch (e) { e.constructor.name }', 'SyntaxError'],
    ['try { eval("/*\\n*/ --> b") } catch (e) { e.constructor.name }', 'SyntaxError'],
    ['eval("#!/usr/bin/env x\\n1 + 1")', 2],
  ]);
});

test('redteam-rewriter-blocked: Compartment API on forged objects, children, errors', t => {
  const c = new Compartment();
  table(t, c, [
    ['try { Compartment.prototype.evaluate.call({}, "1") } catch (e) { e.constructor.name }', 'TypeError'],
    [
      'try { Object.getOwnPropertyDescriptor(Compartment.prototype, "globalThis").get.call(Object.create(Compartment.prototype)) } catch (e) { e.constructor.name }',
      'TypeError',
    ],
    ['try { new Compartment.prototype.constructor() } catch (e) { e.constructor.name }', 'TypeError'],
    ['[Compartment, Compartment.prototype, eval, Function].every(Object.isFrozen)', true],
    ['const k = new Compartment(); [k.globalThis !== globalThis, k.globalThis.Compartment !== Compartment, k.globalThis.eval !== eval]', [true, true, true]],
    ['[typeof process, typeof require, typeof globalThis.process, typeof module]', ['undefined', 'undefined', 'undefined', 'undefined']],
    ['try { null.x } catch (e) { [e.stack, e instanceof TypeError] }', ['', true]],
    ['try { nope } catch (e) { [e.stack, Object.getPrototypeOf(e) === ReferenceError.prototype] }', ['', true]],
    ['try { eval("(") } catch (e) { [e.stack, Object.getOwnPropertyNames(e).sort().join()] }', ['', 'message,stack']],
    ['[Object.isFrozen((s => s)`a`), Object.isFrozen((s => s)`a`.raw)]', [true, true]],
  ]);
});

test('redteam-rewriter-blocked: cache variants do not leak between modes or endowments', t => {
  const a = new Compartment();
  const b = new Compartment();
  a.evaluate('made = 1', { sloppyGlobalsMode: true });
  t.is(a.globalThis.made, 1);
  t.throws(() => b.evaluate('made = 1'), { instanceOf: ReferenceError });
  t.false('made' in b.globalThis);
  t.is(a.evaluateExpr('typeof secret', { secret: 1 }), 'number');
  t.is(b.evaluateExpr('typeof secret'), 'undefined');
  t.is(b.evaluateExpr('typeof secret', { other: 1 }), 'undefined');
});
