// Attack: use top-level declarations of one evaluation (var, let, const, function, class) as
// shared state: they must be local to that one evaluation, never properties of the global object,
// never visible to the next evaluation, to eval'd code, to Function bodies, or to another
// compartment evaluating the same (shared, compiled once) source.
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

const declarations = ['var d = 1', 'let d = 1', 'const d = 1', 'function d() {}', 'class d {}', 'var { d } = { d: 1 }', 'var [d] = [1]'];

test('top-level-declaration-leak: declarations are local to one evaluate', t => {
  const c = new Compartment();
  for (const declaration of declarations) {
    t.not(c.evaluate(`${declaration}; typeof d`), 'undefined', declaration);
    t.false('d' in c.globalThis, declaration);
    t.is(c.evaluate('typeof d'), 'undefined', declaration);
    t.throws(() => c.evaluate('d'), { instanceOf: ReferenceError }, declaration);
    t.is(c.evaluate('typeof eval("typeof d")'), 'string');
    t.is(c.evaluate('eval("typeof d")'), 'undefined', declaration);
    t.is(c.evaluate('Function("return typeof d")()'), 'undefined', declaration);
  }
});

test('top-level-declaration-leak: the same compiled source keeps no state between runs or compartments', t => {
  const source = 'var count = (typeof count === "number" ? count : 0) + 1; let seen = []; seen.push(count); [count, seen.length]';
  const c1 = new Compartment();
  const c2 = new Compartment();
  t.deepEqual(c1.evaluate(source), [1, 1]);
  t.deepEqual(c1.evaluate(source), [1, 1]);
  t.deepEqual(c2.evaluate(source), [1, 1]);
  const f1 = c1.evaluate('function f() {} f');
  const f2 = c2.evaluate('function f() {} f');
  t.not(f1, f2);
  t.not(c1.evaluate('function f() {} f'), f1);
});

test('top-level-declaration-leak: shadowing globals at top level changes nothing outside', t => {
  const c = new Compartment();
  t.is(c.evaluate('var undefined = 1; var NaN = 2; let globalThis = 3; var Array = 4; [undefined, NaN, globalThis, Array]').join(), '1,2,3,4');
  t.is(c.evaluate('undefined'), undefined);
  t.is(c.globalThis.Array, Array);
  t.is(c.evaluate('globalThis'), c.globalThis);
  t.is(c.evaluate('var x = 1', { sloppyGlobalsMode: true }), undefined);
  t.false('x' in c.globalThis, 'sloppyGlobalsMode creates globals by assignment only');
});

test('top-level-declaration-leak: a declaration kept deliberately is reachable only as a value', t => {
  const c = new Compartment();
  c.evaluate('var counter = 0; function bump() { return ++counter; } globalThis.bump = bump;');
  t.is(c.evaluate('bump() + bump()'), 3);
  t.false('counter' in c.globalThis);
  t.is(new Compartment().evaluate('typeof bump'), 'undefined');
});

test('top-level-declaration-leak: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'var Object = 1; function Array() {} globalThis.x = 1;');
});
