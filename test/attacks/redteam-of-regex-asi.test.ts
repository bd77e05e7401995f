// Attack (red team): another corner where acorn's tokenizer and V8 disagree on regex-or-division,
// not after a `}`. acorn's tokenizer (tokencontext.js) reads a `/` right after the identifier `of`
// as the start of a regex whenever the token before `of` ended an expression, as it must in
// `for (x of /re/)`. With `of` on a line of its own after an expression statement, acorn inserts
// a semicolon before `of` (`a` then `of` is not an expression), and another before the regex on
// the next line, while V8 reads `a; of / … / g`, a division: the text between the two `/` is code
// that the analysis took for a regex body and that the rewrite never touched.
// `a\nof\n/ 1; p = import('node:process'); 0 /g` loads host modules from every entry point.
//
// Safe behaviour: every entry point (evaluate, Function, eval, ModuleSource, CjsModuleSource)
// rejects such text as ambiguous; `of` used as a name, and regexes after `of`, still work.
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { reachedHostProcess } from './_stack-and-host.js';

lockdown({ reporting: 'none' });

/** acorn: `a; of; /…/g` (a regex statement); V8: `a; of / 1; p = import('node:process'); 0 / g`. */
const HIDDEN = "a\nof\n/ 1; p = import('node:process'); 0 /g\n";
const DECLS = 'let a = 1, of = 2, g = 3, p;\n';


const importNow = (modules: Record<string, unknown>): Record<string, unknown> =>
  new Compartment({ __options__: true, __noNamespaceBox__: true, modules } as never).importNow('main') as Record<string, unknown>;

test('redteam-of-regex-asi: `of` on its own line hides import() from evaluate', async t => {
  const c = new Compartment();
  t.false(await reachedHostProcess(() => c.evaluate(`${DECLS}${HIDDEN}p`)), 'guest loaded node:process');
  t.throws(() => c.evaluate(`${DECLS}${HIDDEN}p`), { instanceOf: SyntaxError, message: /ambiguous/ });
});

test('redteam-of-regex-asi: the same through Function, eval, evaluateExpr and a child compartment', async t => {
  const c = new Compartment();
  const body = `${DECLS}${HIDDEN}`;
  t.false(await reachedHostProcess(() => c.globalThis.Function(`${body}return p`)()), 'Function');
  t.false(await reachedHostProcess(() => c.evaluate(`eval(${JSON.stringify(`${body}p`)})`)), 'eval');
  t.false(await reachedHostProcess(() => c.evaluateExpr(`(() => { ${body}return p })()`)), 'evaluateExpr');
  t.false(await reachedHostProcess(() => c.evaluate(`new Compartment().evaluate(${JSON.stringify(`${body}p`)})`)), 'child');
});

test('redteam-of-regex-asi: the same in modules (ES and CommonJS): a raw import() outside the loader', async t => {
  t.throws(() => new ModuleSource(`${DECLS}${HIDDEN}export { p };`), { instanceOf: SyntaxError, message: /ambiguous/ });
  t.false(await reachedHostProcess(() => importNow({ main: new ModuleSource(`${DECLS}${HIDDEN}export { p };`) }).p));
  t.false(await reachedHostProcess(() => {
    const ns = importNow({ main: new CjsModuleSource(`${DECLS}${HIDDEN}exports.p = p;`) });
    return (ns.default as { p?: unknown }).p;
  }));
});

test('redteam-of-regex-asi: other expressions before `of`, and other ASI points before a regex line', t => {
  const c = new Compartment();
  const rest = "\nof\n/ 1; p = import('node:process'); 0 /g\np";
  for (const before of ['(a)', 'a.b', 'f()', 'this', 'null', '`t`', '[a]', '/r/', 'x = a']) {
    const src = `let a = 1, of = 2, g = 3, p, x, f = () => 0;\n${before}${rest}`;
    t.throws(() => c.evaluate(src), { instanceOf: SyntaxError, message: /ambiguous/ }, src);
  }
  // A regex that starts a line after a statement with no `;` is refused wherever acorn read it as
  // a regex: V8 would only insert the semicolon if the `/` could not continue the statement.
  t.throws(() => c.evaluate('(function* () { yield\n/a/g })'), { instanceOf: SyntaxError, message: /ambiguous/ });
});

test('redteam-of-regex-asi: `of` as a name, and regexes after `of` or after a `;`, still work (regression)', t => {
  const c = new Compartment();
  t.is(c.evaluate('let of = 8, g = 2; of / 2 / g'), 2);
  t.is(c.evaluate('let of = 8, g = 2;\nof\n;/a/g.test("a") ? of / g : 0'), 4);
  t.deepEqual(c.evaluate('const r = []; for (const m of /b/g[Symbol.matchAll]("abcb")) r.push(m.index); r'), [1, 3]);
  t.deepEqual(c.evaluate('const r = [];\nfor (const m of\n/./g[Symbol.split]("a.b")) r.push(m); r'), ['', '', '', '']);
  t.is(c.evaluate('let x;\nx = 1\n;/a/g.test("a")'), true);
});
