// Attack: obtain a scope object or the host's global object through `this`: at top level, in
// functions called bare, as callbacks, as tagged templates, optional calls, through `eval`,
// `Function`, getters, and for endowed functions called by name (a `with`-based evaluator would
// pass its scope object as `this`).
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

test('scope-this-leak: top-level `this` is the compartment global, as in ses', t => {
  const c = new Compartment();
  t.is(c.evaluate('this'), c.globalThis);
  t.is(c.evaluate('(() => this)()'), c.globalThis);
  t.is(c.evaluate('eval("this")'), c.globalThis);
  t.is(c.evaluate('(0, eval)("this")'), c.globalThis);
  t.is(c.evaluateExpr('this'), c.globalThis);
  t.is(c.evaluate('class K { static s = this; } K.s === K'), true);
});

test('scope-this-leak: bare calls of globals, endowments and lexicals get an undefined `this`', t => {
  const seen: unknown[] = [];
  function record(this: unknown) {
    seen.push(this);
    return this;
  }
  const c = new Compartment({ __options__: true, globals: { record } });
  const shapes = [
    'record()',
    'record?.()',
    '(record)()',
    '(0, record)()',
    'record`x`',
    'record?.call()',
    '[1].map(record)[0]',
    'Reflect.apply(record, undefined, [])',
    'new Promise(r => r()).then(record) && undefined',
    '(function () { return record(); })()',
    'Function("return record()")()',
    'eval("record()")',
  ];
  for (const source of shapes) t.is(c.evaluate(source), undefined, source);
  t.is(c.evaluateExpr('f()', { f: record }), undefined, 'a lexical binding is not passed as this');
  t.is(c.evaluate('x()', { __moduleShimLexicals__: { x: record } }), undefined);
  t.is(c.evaluate('globalThis.record()'), c.globalThis, 'a method call on the global object, as native');
  t.true(seen.every(x => x === undefined || x === c.globalThis));
});

test('scope-this-leak: functions made in a compartment never see the host global', t => {
  const c = new Compartment();
  const sources = [
    '(function () { return this; })()',
    'Function("return this")()',
    'new Function("return typeof this")() === "object" ? "obj" : undefined',
    '(function () { "use strict"; return this; }).call()',
    '({ get g() { return (function () { return this; })(); } }).g',
    '[0].map(function () { return this; })[0]',
    '(function () { return eval("this"); })()',
  ];
  for (const source of sources) {
    const value = c.evaluate(source);
    t.not(value, globalThis, source);
    t.true(value === undefined || value === 'obj' || value === c.globalThis, source);
  }
});

test('scope-this-leak: nothing reachable from `this` is a host object', t => {
  const c = new Compartment();
  t.is(c.evaluate('typeof this.process'), 'undefined');
  t.throws(() => c.evaluate('this.constructor.constructor("return process")()'), { instanceOf: TypeError });
  t.throws(() => c.evaluate('(() => {}).constructor("return this")()'), { instanceOf: TypeError });
  t.throws(() => c.evaluate('(function () { return arguments.callee; })()'), { instanceOf: TypeError });
  t.throws(() => c.evaluate('(function f() { return f.caller; })()'), { instanceOf: TypeError });
});

test('scope-this-leak: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'this.leak = this; Object.getPrototypeOf(this).x = 1;');
});
