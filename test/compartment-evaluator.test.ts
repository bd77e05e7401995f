// Unit tests of the evaluator (src/compartment/evaluator.ts): compiled once per source and variant,
// fresh identifiers that never clash with the guest's, long and deep sources, and the rewrite's
// text surgery around parentheses, comments and automatic semicolon insertion. Never calls lockdown:
// the evaluator only needs a global object.
import test from 'ava';
import { compileExpression, compileFunction, compileScript, run } from '../src/compartment/evaluator.js';

/** The compartment whose cache the runners live in (one per compartment: runners carry identity). */
const OWNER = {};

const evaluate = (source: string, global: object = {}, sloppy = false): unknown =>
  run(compileScript(OWNER, source, sloppy, null), global, undefined);

test('compiled once per source text and variant in one compartment; one runner serves any global object', t => {
  const a = compileScript(OWNER, 'x + 1', false, null);
  t.is(compileScript(OWNER, 'x + 1', false, null), a);
  t.not(compileScript(OWNER, 'x + 1', true, null), a);
  t.not(compileScript(OWNER, 'x + 1', false, { set: { x: true }, tag: '["x"]' }), a);
  t.not(compileExpression(OWNER, 'x + 1', null), a);
  t.is(run(a, { x: 1 }, undefined), 2);
  t.is(run(a, { x: 41 }, undefined), 42);
  t.is(compileFunction(OWNER, 'a', 'return a'), compileFunction(OWNER, 'a', 'return a'));
});

test('identifiers of the rewrite never clash with the guest', t => {
  const g = { $pfG: 'free name', $pf: 1 };
  t.is(evaluate('$pfG', g), 'free name');
  t.is(evaluate('var $pfG = 2, $pfR = 3, $pfC = 4; $pfG + $pfR + $pfC + $pf + x', { ...g, x: 1 }), 11);
  t.is(evaluate('let \\u0024pfG = 5; \\u0024pfG + x', { x: 1 }), 6, 'spelled with escapes');
  t.is(evaluate('var \\u0024pfR = { ref() { return "guest" } }; typeof missing', {}), 'undefined');
  t.throws(() => evaluate('let \\u0024pfR = 1; missing', {}), { instanceOf: ReferenceError });
  t.is(evaluate('"$pf1G $pf2G"; $pf1G', { $pf1G: 7 }), 7);
});

test('rewritten text keeps comments, strings and regexes, and the parse of every statement', t => {
  const g = () => ({ a: 1, b: 2, f: (x: number) => x * 10 });
  t.is(evaluate('a /* a */ + /* b */ b // c', g()), 3);
  t.is(evaluate('"a" + `${a}` + /a/.source', g()), 'a1a');
  t.is(evaluate('a\n(b)', { ...g(), a: (x: number) => x + 1 }), 3, 'no semicolon inserted: a call');
  t.deepEqual(evaluate('var r = b\nf(a)\n;[r, a]', g()), [2, 1]);
  t.is(evaluate('b\n++a\na', g()), 2, 'restricted production: ++ starts a new statement');
  t.is(evaluate('var q = 0\n;(a)++\na', g()), 2);
  t.is(evaluate('var z = 1\n+a\nz', g()), 2);
  t.true(Number.isNaN(evaluate('var s = f\n`y`; s', g())), 'no semicolon inserted: a tagged template');
  t.is(evaluate('a = (b, 3)', g()), 3);
  t.is(evaluate('(a) += (1, 10)', { a: 1 }), 11);
});

test('long and deep sources compile without exhausting the stack', t => {
  // (acorn itself gives up on much longer operator chains: that is the analysis's limit.)
  const terms = Array.from({ length: 1500 }, (_, i) => `v${i % 7}`).join(' + ');
  const g = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`v${i}`, 1]));
  t.is(evaluate(terms, g), 1500);
  const statements = Array.from({ length: 3000 }, (_, i) => `v${i % 7} = v${i % 7} + 1;`).join('\n');
  t.is(evaluate(`${statements} v0`, { ...g }), 1 + Math.ceil(3000 / 7));
  const calls = `${'f('.repeat(200)}1${')'.repeat(200)}`;
  t.is(evaluate(calls, { f: (x: number) => x + 1 }), 201);
});

test('expressions and functions: one expression; parameters and body validated apart', t => {
  t.is(run(compileExpression(OWNER, 'a, b', null), { a: 1, b: 2 }, undefined), 2);
  t.is(run(compileExpression(OWNER, 'a // c', null), { a: 1 }, undefined), 1);
  const f = run(compileFunction(OWNER, 'x, y = k', 'return x + y'), { k: 5 }, undefined) as (x: number) => number;
  t.is(f(1), 6);
  t.throws(() => compileFunction(OWNER, '/*', '*/){'), { instanceOf: SyntaxError });
  t.throws(() => compileExpression(OWNER, '1; 2', null), { instanceOf: SyntaxError });
});

test('sloppy globals: assignment creates, reading stays strict', t => {
  const g: Record<string, unknown> = {};
  t.is(evaluate('n = 1; n += 1; [m] = [3]; n + m', g, true), 5);
  t.deepEqual(g, { n: 2, m: 3 });
  t.throws(() => evaluate('absent', g, true), { instanceOf: ReferenceError });
  t.throws(() => evaluate('absent += 1', g, true), { instanceOf: ReferenceError });
});
