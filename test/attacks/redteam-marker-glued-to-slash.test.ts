// Attack (red team): glue the evaluator's own inserted text onto a guest `/`. Every piece of text
// the rewrite inserts is preceded by a marker comment `/*<key>:…*/` (source-markers.ts); right after
// a `/` (a division by a global: `4/x`), the marker's `/*` read as `//*`: a line comment that hid
// the rest of the line from V8. The validation parse of the rewritten text saw the same comment, so
// nothing unchecked ran, but every division by a global, or by any rewritten reference, written
// without a space (`1/Number.MAX_VALUE`, `a/b`), failed with "could not be rewritten safely".
//
// Safe behaviour: such code runs as written, the whole line runs, and the function renders as its
// author wrote it (Function.prototype.toString removes the separating space it needed).
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';

lockdown({ reporting: 'none' });

test('redteam-marker-glued-to-slash: a division by a rewritten reference compiles and runs', t => {
  const c = new Compartment({ x: 2 });
  t.is(c.evaluate('4/x'), 2);
  t.is(c.evaluate('1/Number.MAX_VALUE > 0'), true);
  t.is(c.evaluate('(4)/x'), 2);
  t.deepEqual(c.evaluate('[4/x, 8/x/x]'), [2, 2]);
  t.is(c.evaluate('let y = 4; y/x'), 2);
  t.is(c.evaluate('/a/.test("a")/x'), 0.5);
  t.is(c.evaluate('globalThis.z = 3; 6/z'), 2);
  t.is(c.evaluate('6/(x)'), 3);
});

test('redteam-marker-glued-to-slash: the rest of the line is not hidden', t => {
  const c = new Compartment({ x: 2 });
  t.deepEqual(c.evaluate('const r = []; r.push(4/x); r.push(5); r'), [2, 5]);
  t.is(c.evaluate('let v = 0; v = 4/x, v += 1; v'), 3);
});

test('redteam-marker-glued-to-slash: functions still render as written', t => {
  const c = new Compartment({ x: 2 });
  const f = c.evaluate('(function f() { return 4/x + 8/x; })') as () => number;
  t.is(f(), 6);
  t.is(c.evaluate('Function.prototype.toString.call(f => 4/x/f)'), 'f => 4/x/f');
  t.is(Function.prototype.toString.call(f), 'function f() { return 4/x + 8/x; }');
  t.is(c.evaluate('(function g() { return 4/x; })').toString(), 'function g() { return 4/x; }');
  // A stringified function re-evaluates in another compartment.
  const again = new Compartment({ x: 4 }).evaluate(`(${String(f)})`) as () => number;
  t.is(again(), 3);
});
