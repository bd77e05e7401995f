// Attack (red team): make acorn and V8 disagree on whether a `/` starts a regular expression or is
// the division operator. acorn's tokenizer decides with a context heuristic (tokencontext.js): after
// the `}` of a `function`/`class` whose keyword follows `:` in a block, a contextual keyword
// (`async`, `yield`), ... it believes a statement ended and reads `/…/g` on the next line as a
// regex literal that starts a new statement (ASI). V8 parses the same text as `function () {} / …`,
// a division: everything acorn took for the regex body is code that the scope analysis never saw,
// that the rewrite never touched, and that the scope terminator cannot stop when it is not a name
// lookup: `import('node:process')` loads host modules (process, fs, child_process, ...).
//
// Safe behaviour: no entry point (evaluate, eval, Function, evaluateExpr) runs the hidden import.
import test from 'ava';
import { Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { reachedHostProcess } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

/** acorn: a regex literal statement; V8: `… / 1; p = import('node:process'); 0 / g`. */
const PAYLOAD = "/ 1; p = import('node:process'); 0 /g";


test('redteam-regex-division: `a ? b : function () {}` then a regex line hides import() (evaluate, in a function)', async t => {
  const c = new Compartment();
  const src = `(function () { let p, g = 1;\n0 ? 0 : function () {}\n${PAYLOAD}\nreturn p; })()`;
  t.false(await reachedHostProcess(() => c.evaluate(src)), 'guest loaded node:process');
});

test('redteam-regex-division: `async function () {}` then a regex line hides import() (evaluate, top level)', async t => {
  const c = new Compartment();
  const src = `let p, g = 1;\nvoid async function () {}\n${PAYLOAD}\np`;
  t.false(await reachedHostProcess(() => c.evaluate(src)), 'guest loaded node:process');
});

test('redteam-regex-division: the same through the compartment eval, Function and evaluateExpr', async t => {
  const c = new Compartment();
  const body = `let p, g = 1;\nvoid async function () {}\n${PAYLOAD}\n`;
  t.false(await reachedHostProcess(() => c.globalThis.Function(`${body}return p`)()), 'Function');
  t.false(await reachedHostProcess(() => c.evaluate(`eval(${JSON.stringify(`${body}p`)})`)), 'eval');
  t.false(await reachedHostProcess(() => c.evaluateExpr(`(() => { ${body}return p })()`)), 'evaluateExpr');
  t.false(
    await reachedHostProcess(() => c.evaluate(`new Compartment().evaluate(${JSON.stringify(`${body}p`)})`)),
    'a child compartment',
  );
});

test('redteam-regex-division: other acorn contexts that misread `}` then `/` (class after `:`, yield)', async t => {
  const c = new Compartment();
  const forms = [
    `(function () { let p, g = 1;\n0 ? 0 : class {}\n${PAYLOAD}\nreturn p; })()`,
    `(function () { let p, g = 1; const it = (function* () { yield function () {}\n${PAYLOAD} })(); it.next(); it.next(); return p; })()`,
    `(function () { let p, g = 1, x;\nx = async function () {}\n${PAYLOAD}\nreturn p; })()`,
  ];
  for (const src of forms) t.false(await reachedHostProcess(() => c.evaluate(src)), src);
});

test('redteam-regex-division: the hidden text closes the compiled function: `this` is the host global, synchronously', t => {
  // V8 reads `with (T) { return function (G, R, L) { …; void async function () {} / 1; }, (g) => { 0 / g
  // return (this) } }`: the runner is now an arrow of the sloppy factory, whose `this` is the host's.
  const c = new Compartment();
  let result: unknown;
  try {
    result = c.evaluate('void async function () {}\n/ 1; }, (g) => { 0 /g\nthis');
  } catch {
    result = undefined;
  }
  t.not(result, globalThis, 'guest got the host global object');
  t.is(typeof (result as { process?: unknown } | undefined)?.process, 'undefined', 'guest got process');
});

test('redteam-regex-division: regex literals acorn reads right still work (regression)', t => {
  const c = new Compartment();
  // A `/` right after `}` is refused as ambiguous (fail closed), even where acorn reads it right;
  // a semicolon makes the intent explicit.
  t.throws(() => c.evaluate('function f() {}\n/a/g.test("a")'), { instanceOf: SyntaxError, message: /ambiguous/ });
  t.deepEqual(c.evaluate('const r = []; function f() {};\n/a/g.test("a") && r.push(1); if (1) /b/.test("b") && r.push(2); r'), [1, 2]);
  t.throws(() => c.evaluate('let g = 2; (function () {} / 1, 4 / 2 /g)'), { instanceOf: SyntaxError, message: /ambiguous/ });
  t.is(c.evaluate('let g = 2; ((function () {}) / 1, 4 / 2 /g)'), 1);
  t.true(Number.isNaN(c.evaluate('let g = 2; (0 ? 0 : (function () {}) / 1)')));
});

test('redteam-regex-division: module sources reject the ambiguous `/` when constructed', t => {
  // ModuleSource's own analysis (checks only, no scope facts) must apply the same tokenizer check.
  const forms = [
    `let p, g = 1;\nvoid async function () {}\n${PAYLOAD}\nexport { p };`,
    `let p, g = 1;\nexport const f = 0 ? 0 : function () {}\n${PAYLOAD}\nexport { p };`,
  ];
  // (Module text reaches a compartment only as a ModuleSource: there is no other way in.)
  for (const src of forms) t.throws(() => new ModuleSource(src), { instanceOf: SyntaxError, message: /ambiguous/ }, src);
});
