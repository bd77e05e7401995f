// Attack: `new Function(params, body)` injection. The parameters and the body are validated each on
// its own, so text that only parses when glued to the other part (`'/*'` + `'*/) { evil'`) cannot
// change the function's structure. Each attempt must be rejected, and every accepted pair must
// yield exactly `(function anonymous(params\n) {\nbody\n})` with the parameters and body we gave.
// Unit test: never calls lockdown.
import test from 'ava';
import fc from 'fast-check';
import * as acorn from 'acorn';
import { analyzeFunctionSource, analyzeSource } from '../src/compartment/analyze-source.js';
import type { FunctionFlags } from '../src/compartment/analyze-source.js';

const SYNTAX = /^Function\(\): .+ at line \d+, column \d+ of the (parameters|body) \(PF_[A-Z_]+\)$/;

// [params, body]: each pair is an injection attempt that must be rejected.
const attacks: readonly (readonly [string, string])[] = [
  ['/*', '*/) { evil(); (function(){'],
  ['/*', '*/'],
  ['a /*', '*/ b'],
  ['*/', ''],
  ['', '*/'],
  [')', ''],
  ['){', ''],
  [') {', '}'],
  ['a) {}, function (b', ''],
  [') {}, function (', ''],
  ['a) { evil(); }; (function (b', ''],
  ['a = function(){', '}'],
  ['a = function(){', ''],
  ['a = () => {', '}'],
  ['a = {', '}'],
  ['a = [', ']'],
  ['a = (', ')'],
  ['a = `', '`'],
  ['a = `${', '}`'],
  ["a = '", "'"],
  ['a = "', '"'],
  ["a = '\\", "'"],
  ['a = /', '/'],
  ['a = /[', ']/'],
  ['a = b //', ') { evil() } //'],
  ['', '}); evil(); (function(){'],
  ['', '}'],
  ['', '})'],
  ['', '} function f() {'],
  ['', '{'],
  ['', '`'],
  ['', '/*'],
  ['', '"'],
  ['', 'return /'],
  ['a = "}"; function(', ''],
  ['a = 1) { evil(); } function x(', ''],
  ['...a, b', ''],
  ['a, a', ''],
  ['eval', ''],
  ['arguments', ''],
  ['a = import("m")', ''],
  ['a = import.meta', ''],
  ['', 'import("m")'],
  ['', 'import.meta'],
  ['', 'import x from "m"'],
  ['', 'export default 1'],
  ['a = 1', '"use strict"'],
  ['a', 'let a'],
  ['{ a }', 'const a = 1'],
  ['a', 'with (o) {}'],
  ['', 'return 010'],
  ['', '<!-- x'],
  ['', '--> x'],
  ['\n--> x', ''],
  ['a <!-- x', ''],
  ['#!x', ''],
  ['', '#!x'],
  ['a = super.x', ''],
  ['', 'super()'],
  ['a = yield', ''],
  ['a = await b', ''],
  ['', 'await x'],
  ['', 'yield x'],
  ['a\n) {\n}; evil(); (function anonymous(b', ''],
  ['a\n) {', '}'],
];

for (const [params, body] of attacks) {
  test(`rejects params ${JSON.stringify(params)} with body ${JSON.stringify(body)}`, t => {
    const error = t.throws(() => analyzeFunctionSource(params, body), { instanceOf: SyntaxError });
    t.regex(error.message, SYNTAX);
  });
}

// Pairs where one part alone is invalid are rejected by that part's own check, before combining.
test('a part that does not stand alone is rejected on its own', t => {
  t.regex(t.throws(() => analyzeSource('/*', 'function-params')).message, /of the parameters \(PF_SYNTAX_ERROR\)$/);
  t.regex(t.throws(() => analyzeSource('*/) { evil', 'function-body')).message, /of the body \(PF_SYNTAX_ERROR\)$/);
  t.regex(t.throws(() => analyzeSource(') {}, function (', 'function-params')).message, /parameter list on their own/);
  t.regex(t.throws(() => analyzeSource('}); (function(){', 'function-body')).message, /of the body/);
});

// Legitimate functions, including tricky but self-contained parts.
const accepted: readonly (readonly [string, string, readonly string[]])[] = [
  ['', '', []],
  ['a, b', 'return a + b;', []],
  ['a,b', 'return a + b + c;', ['c']],
  ['a = "}"', 'return a;', []],
  ['a = `)`', 'return a;', []],
  ['a = /\\)/', 'return a;', []],
  ['a = () => {}', 'return a;', []],
  ['a = function () { return b; }', 'return a;', ['b']],
  ['{ a, b: [c] } = {}, ...d', 'return a + c + d;', []],
  ['a // trailing comment', 'return a;', []],
  ['a /* ) { */', 'return a;', []],
  ['a,', 'return a;', []],
  ['', '// only a comment', []],
  ['', 'return "})"; // })', []],
  ['', 'x = `\n}\n`;', ['x']],
  ['', 'return this;', []],
  ['', 'return arguments.length;', []],
  ['', 'return anonymous;', []], // bound by the text we evaluate, as in ses (V8's own Function does not bind it)
  ['a', 'var a; return a;', []],
  ['a', '"use strict"; return a;', []],
  ['', 'eval(x);', ['eval', 'x']],
  ['a = b', 'return a;', ['b']],
];

for (const [params, body, free] of accepted) {
  test(`accepts params ${JSON.stringify(params)} with body ${JSON.stringify(body)}`, t => {
    const r = analyzeFunctionSource(params, body);
    t.is(r.kind, 'function');
    t.is(r.source, `(function anonymous(${params}\n) {\n${body}\n})`);
    t.deepEqual(r.freeNames, free);
    t.true(Object.isFrozen(r));
  });
}

test('async and generator flags shape the function and its early errors', t => {
  const flagged: FunctionFlags[] = [{ async: true }, { generator: true }, { async: true, generator: true }];
  for (const flags of flagged) {
    const r = analyzeFunctionSource('a', flags.generator ? 'yield a;' : 'await a;', flags);
    t.true(r.source.startsWith(`(${flags.async ? 'async ' : ''}function${flags.generator ? '*' : ''} anonymous(`));
  }
  t.notThrows(() => analyzeFunctionSource('', 'await x;', { async: true }));
  t.throws(() => analyzeFunctionSource('', 'await x;'), { message: /PF_SYNTAX_ERROR/ });
  t.throws(() => analyzeFunctionSource('a = await b', '', { async: true }), { message: /PF_SYNTAX_ERROR/ });
  t.throws(() => analyzeFunctionSource('a = yield', '', { generator: true }), { message: /PF_SYNTAX_ERROR/ });
  t.throws(() => analyzeFunctionSource('', 'yield 1;'), { message: /PF_SYNTAX_ERROR/ });
  t.notThrows(() => analyzeSource('yield 1;', 'function-body', { generator: true }));
});

// Property: for any params/body pair built from tricky fragments, acceptance implies that parsing the
// combined text gives exactly the parameters and body we would get by parsing each part alone.
const fragments = fc.constantFrom(
  'a', 'b', ',', ' ', '\n', '=', '(', ')', '{', '}', '[', ']', '`', '${', '"', "'", '/', '*', '/*', '*/', '//',
  'function', '=>', 'return', ';', 'x', '1', '...', 'evil()', '<!--', '-->', '\\',
);
const part = fc.array(fragments, { maxLength: 8 }).map(parts => parts.join(''));

const shapeOf = (text: string): string => {
  const fn = acorn.parseExpressionAt(text, 0, { ecmaVersion: 'latest' }) as acorn.FunctionExpression;
  return JSON.stringify({
    params: fn.params.map(p => text.slice(p.start, p.end)),
    body: fn.body.body.map(s => text.slice(s.start, s.end)),
  });
};

test('accepted pairs parse as exactly their parts (property)', t => {
  let acceptedCount = 0;
  fc.assert(
    fc.property(part, part, (params, body) => {
      let r;
      try {
        r = analyzeFunctionSource(params, body);
      } catch (error) {
        return error instanceof SyntaxError;
      }
      acceptedCount += 1;
      const combined = JSON.parse(shapeOf(r.source));
      const alone = {
        params: JSON.parse(shapeOf(`(function anonymous(${params}\n) {\n\n})`)).params,
        body: JSON.parse(shapeOf(`(function anonymous(\n) {\n${body}\n})`)).body,
      };
      return JSON.stringify(combined) === JSON.stringify(alone);
    }),
    { numRuns: 5000 },
  );
  t.log(`accepted ${acceptedCount} of 5000 generated pairs`);
  t.true(acceptedCount > 100);
});
