// Attacks (red team) on the parser hooks of parse-source.ts (HTML-like comments through
// `skipLineComment`, regex-or-division through `readToken_slash` and `canInsertSemicolon`, module-
// level state reset at each parse, the hashbang read from the first two characters) and on the
// checks-only analysis of ModuleSource, that held. Each test asserts the safe behaviour:
// - hashbangs: only at offset 0 of scripts and modules; cannot hide a line from the analysis;
// - HTML-like comments: rejected wherever V8 would read one (every goal is compiled by V8 as a
//   script), accepted inside strings, templates, regexes and comments;
// - the `}` `/` rule in template substitutions, after object literals, class bodies, blocks and
//   arrow bodies, for `/`, `/=` and regexes acorn reads again;
// - no state leaks from one parse to the next (a parse that throws, one aborted by stack
//   exhaustion, guest code run between or around parses);
// - ModuleSource's checks-only analysis accepts exactly what `analyzeSource(text, 'module')` does;
// - a differential table: what the analysis accepts, V8 reads the same way.
import test from 'ava';
import { CjsModuleSource, Compartment, ModuleSource, lockdown } from '../../src/index.js';
import { analyzeSource } from '../../src/compartment/analyze-source.js';
import type { FunctionFlags } from '../../src/compartment/analyze-source.js';

// The host's own constructors, the oracle of the differential table (V8's reading), taken before
// lockdown replaces them.
const V8Function = Function;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as FunctionConstructor;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as FunctionConstructor;

lockdown({ reporting: 'none' });

const importNow = (modules: Record<string, unknown>): Record<string, unknown> =>
  new Compartment({ __options__: true, __noNamespaceBox__: true, modules } as never).importNow('main') as Record<string, unknown>;

const HTML = { instanceOf: SyntaxError, message: /PF_HTML_COMMENT_REJECTED/ };
const AMBIGUOUS = { instanceOf: SyntaxError, message: /ambiguous/ };

test('redteam-parser-hooks: a hashbang is a comment only at offset 0 of scripts and modules', t => {
  const c = new Compartment();
  t.is(c.evaluate('#!/usr/bin/env node\n1 + 1'), 2);
  t.is(c.evaluate('eval("#!x\\n3")'), 3);
  t.is(importNow({ main: new ModuleSource('#!/usr/bin/env node\nexport const x = typeof globalThis;') }).x, 'object');
  t.deepEqual(Object.keys(importNow({ main: new ModuleSource('#!x') })), []);
  for (const src of ['\uFEFF#!x\n1', ' #!x\n1', '\n#!x\n1', '/**/#!x\n1', '1;#!x\n1']) {
    t.throws(() => c.evaluate(src), { instanceOf: SyntaxError }, JSON.stringify(src));
  }
  t.throws(() => c.evaluateExpr('#!x\n1'), { instanceOf: SyntaxError });
  t.throws(() => c.globalThis.Function('#!x\nreturn 1'), { instanceOf: SyntaxError });
  t.throws(() => c.globalThis.Function('#!x', 'return 1'), { instanceOf: SyntaxError });
  t.throws(() => new ModuleSource('\uFEFF#!x\nexport default 1;'), { instanceOf: SyntaxError });
  t.throws(() => new CjsModuleSource(' #!x\nmodule.exports = 1;'), { instanceOf: SyntaxError });
});

test('redteam-parser-hooks: a hashbang line ends where V8 ends it: what follows is analyzed', t => {
  const c = new Compartment();
  for (const nl of ['\n', '\r', '\r\n', '\u2028', '\u2029']) {
    t.throws(() => c.evaluate(`#!x${nl}import('node:process')`), { instanceOf: SyntaxError, message: /import\(\)/ }, JSON.stringify(nl));
    t.throws(() => c.evaluate(`#!x${nl}--> y`), HTML, JSON.stringify(nl));
    t.is(c.evaluate(`#!x${nl}'after'`), 'after');
  }
  // The rewrite turns the hashbang into `//`: its text cannot close or open anything.
  t.is(c.evaluate('#!*/ }) ({ `${\n"ok"'), 'ok');
});

test('redteam-parser-hooks: HTML-like comments are rejected wherever V8 reads one', t => {
  const c = new Compartment();
  const scripts = [
    '1 <!-- x',
    '<!-- x\n1',
    'let x = 1;\n--> y',
    '--> y',
    '/* */ --> y', // the first line is a line start
    'let x = 1; /*\n*/ --> y', // a block comment with a line break ends a line
    'let x = 1;\n/* a */ --> y',
    'let x = 1;\u2028--> y',
    '`${1 <!-- x\n}`',
    '({ a: 1 <!-- }) \n})',
  ];
  for (const src of scripts) {
    t.throws(() => c.evaluate(src), HTML, src);
    t.throws(() => c.evaluate(src, { __evadeHtmlCommentTest__: true }), HTML, src);
    t.throws(() => c.globalThis.Function(src), HTML, src);
    t.throws(() => new CjsModuleSource(src), { instanceOf: SyntaxError }, src);
  }
  t.throws(() => c.evaluateExpr('1 <!-- x'), HTML);
  t.throws(() => c.evaluateExpr('1\n--> x'), HTML);
  t.throws(() => c.globalThis.Function('a = 1 <!-- x', ''), { instanceOf: SyntaxError });
  // In a module, `<!--` is an operator sequence and `-->` at a line start a syntax error; V8
  // compiles module code as a function body (script goal), which would read either as a comment.
  t.throws(() => new ModuleSource('let a = 1, b = 2; export const r = a <!--b;'), HTML);
  t.throws(() => new ModuleSource('let a = 1, b = 2; export const r = [0 <!--b\n];'), HTML);
  t.throws(() => new ModuleSource('let a = 1, b = 2;\n--> b'), { instanceOf: SyntaxError });
  t.throws(() => new ModuleSource('let a = 1;\n/*\n*/ --> a'), { instanceOf: SyntaxError });
});

test('redteam-parser-hooks: `<!--` and `-->` inside strings, templates, regexes and comments are text', t => {
  const c = new Compartment();
  t.is(c.evaluate('"<!--" + \'-->\''), '<!---->');
  t.is(c.evaluate('`<!--${"a"}\n-->`'), '<!--a\n-->');
  t.is(c.evaluate('`${`<!--`}`'), '<!--');
  t.true(c.evaluate('/<!--|-->/.test("-->")'));
  t.is(c.evaluate('// <!--\n/* \n--> */ 4'), 4);
  t.is(c.evaluate('let x = 2; x /* */ --> 0'), true); // `x-- > 0`: no line break before `-->`
  t.is(c.evaluate('let x = 2; x-->0; x'), 1);
  const ns = importNow({
    main: new ModuleSource('let a = 2, b = 0; export const r = a-->b, s = a, t = `<!--${"-->"}`, u = "<!--", v = /<!--/.source;'),
  });
  t.deepEqual([ns.r, ns.s, ns.t, ns.u, ns.v], [true, 1, '<!---->', '<!--', '<!--']);
});

test('redteam-parser-hooks: a `/` right after `}` is refused in every context, whatever acorn makes of it', t => {
  const c = new Compartment();
  const tail = "/ 1; p = import('node:process'); 0 /g";
  const list = "/ 1, p = import('node:process'), 0 /g";
  const forms = [
    `let p, g = 1, x;\nx = {}\n${tail}`,
    `let p, g = 1;\nclass A {}\n${tail}`,
    `let p, g = 1;\n{}\n${tail}`,
    `let p, g = 1, x;\nx = () => {}\n${tail}`,
    `let p, g = 1, x;\nx = async () => {}\n${tail}`,
    `let p, g = 1, x;\nx = function () {}\n${tail}`,
    `let p, g = 1, x;\nx = class { m() {} }\n${tail}`,
    `let p, g = 1, x;\nx = \`\${ {} ${list} }\``,
    `let p, g = 1, x;\nx = \`\${ function () {}\n${list} }\``,
    `let p, g = 1, x;\nx = ({}) ? {} /1/g : 0`,
    'let g = 1; ({} / 1 / g)',
  ];
  for (const src of forms) t.throws(() => c.evaluate(src), AMBIGUOUS, src);
  // `/=` after a `}`: acorn reads an assignment operator (and rejects the target), V8 a regex.
  t.throws(() => c.evaluate("let p, g = 1, x;\nx = function () {}\n/= 1; p = import('node:process'); 0 /g"), { instanceOf: SyntaxError });
  for (const src of forms) t.throws(() => new ModuleSource(`${src}\nexport {};`), { instanceOf: SyntaxError }, src);
  // A template ends with a backquote, not a `}`: a division after it is plain.
  t.is(c.evaluate('let g = 2; `${4}` / 2 / g'), 1);
  t.is(c.evaluate('let g = 2; (function () { return 4; })() / 2 / g'), 1);
});

test('redteam-parser-hooks: no state leaks from a parse that threw to the next one', t => {
  const c = new Compartment();
  // Each failing parse sets a finding (comment or ambiguous `/`) and throws before or after it.
  const failing = ['<!-- x\n)', 'x = {}\n/ 1 /g', 'x = {}\n/ 1 /g\n)', '1 <!-- x', '#!x\n)', 'let a;\na\nof\n/ 1 /g'];
  for (const bad of failing) {
    t.throws(() => c.evaluate(bad), { instanceOf: SyntaxError }, bad);
    t.is(new Compartment().evaluate('let g = 2; (4 / 2 / g)'), 1, `after ${bad}`);
    t.deepEqual(new ModuleSource('export default 1;').imports, []);
    t.is(c.evaluateExpr('4 / 2'), 2);
    t.is(c.globalThis.Function('a', 'return a / 2 / 1')(4), 2);
  }
  // A text accepted in one compartment stays accepted after another rejects its neighbours.
  const a = new Compartment();
  const b = new Compartment();
  t.throws(() => a.evaluate('<!-- 1'), HTML);
  t.is(b.evaluate('"<!-- 1"'), '<!-- 1');
  t.throws(() => a.evaluate('"<!-- 1"\n<!-- 1'), HTML);
  t.is(b.evaluate('"<!-- 1"'), '<!-- 1');
});

test('redteam-parser-hooks: guest code run just before a parse cannot change its verdict', t => {
  const c = new Compartment({
    __options__: true,
    transforms: [
      (src: string) => {
        // A transform is guest-supplied code that runs right before the analysis.
        for (const poison of ['<!-- x', 'x = {}\n/ 1 /g']) {
          try {
            new Compartment().evaluate(poison);
          } catch {
            // rejected, as it must be: what matters is the state it left behind
          }
        }
        return src;
      },
    ],
  } as never);
  t.is(c.evaluate('1 + 1'), 2);
  t.throws(() => c.evaluate('1 <!-- 1'), HTML);
  // Parameters coerced to strings run guest code before the parse, never during it.
  const g = new Compartment();
  g.evaluate(`globalThis.probe = (poison) => {
    const name = { toString() { try { new Compartment().evaluate(poison); } catch {} return 'a'; } };
    return Function(name, 'return a * 2')(21);
  };`);
  t.is(g.evaluate('probe("<!-- x")'), 42);
  t.is(g.evaluate('probe("x = {}\\n/ 1 /g")'), 42);
  t.throws(() =>
    g.evaluate(`Function({ toString() { new Compartment().evaluate('1'); return 'a'; } }, 'return a <!-- x')`),
    HTML,
  );
  // Evaluate options are data properties only: no getter runs at all.
  let ran = false;
  const options = {
    get sloppyGlobalsMode() {
      ran = true;
      return false;
    },
  };
  t.throws(() => new Compartment().evaluate('3 / 1', options), { instanceOf: TypeError });
  t.false(ran);
});

test('redteam-parser-hooks: a parse aborted by stack exhaustion leaves nothing for the next one', t => {
  const c = new Compartment();
  // The guest runs out of stack inside parses that had already seen an HTML-like comment or an
  // ambiguous `/`; the next parse, at a normal depth, in any compartment, is judged on its own.
  const verdicts = c.evaluate(`
    const deep = (src) => {
      let seen = 0;
      const dive = () => {
        try { dive(); } catch {}
        if (seen > 50) return;
        try { new Compartment().evaluate(src); } catch (e) { if (e instanceof RangeError) seen += 1; }
      };
      dive();
      return seen;
    };
    const nest = '['.repeat(400) + ']'.repeat(400);
    [deep('<!-- x\\n' + nest), deep('x = {}\\n/ 1 /g;\\n' + nest), deep('#!x\\n' + nest)];
  `) as number[];
  t.true(verdicts.every(n => n > 0), 'some parses ran out of stack');
  t.is(new Compartment().evaluate('let g = 2; (4 / 2 / g)'), 1);
  t.is(c.evaluate('"<!-- in a string"'), '<!-- in a string');
  t.is(importNow({ main: new ModuleSource('export const v = 4 / 2;') }).v, 2);
});

test("redteam-parser-hooks: ModuleSource's checks-only analysis rejects what the full module analysis rejects", t => {
  const rows = [
    'let a = 1, b = 2; export const r = a <!--b;',
    'x = {}\n/ 1 /g',
    'let a, of, g;\na\nof\n/ 1; import("x") /g',
    'export let x = 1;\n--> x',
    'with (a) {}',
    'import.meta; import("x"); export default this;',
    'export default function () { return arguments; }',
    'let eval_ = eval; eval("1"); export { eval_ };',
    'await 1; export {};',
    '#!x\nexport const a = 1;',
    'export * from "a"; export { b as c } from "b"; import d, * as e from "f";',
    'export const a = 1; export { a as a };',
    'label: { break label; }',
  ];
  for (const src of rows) {
    let full: string | undefined;
    try {
      analyzeSource(src, 'module');
    } catch (error) {
      full = (error as Error).message;
    }
    let checks: string | undefined;
    try {
      new ModuleSource(src);
    } catch (error) {
      checks = (error as Error).message;
    }
    t.is(checks, full, src);
  }
});

test('redteam-parser-hooks: what the analysis accepts, V8 reads the same way (regex or division)', t => {
  // For each context, `/ 1; break; 0 /g`: acorn accepts it only as a regex; as a division, V8
  // reads a `break` outside any loop, an early error. An accepted text that V8 rejects is code
  // that the analysis never saw.
  const hidden = '/ 1; break; 0 /g';
  const kinds: [FunctionConstructor, FunctionFlags][] = [
    [V8Function, {}],
    [GeneratorFunction, { generator: true }],
    [AsyncFunction, { async: true }],
  ];
  const atoms = ['a', 'of', 'yield', 'await', 'async', 'get', 'x.of', '1', '`t`', 'a++', '(a)', '[a]', '{}', '({})',
    'function(){}', 'class{}', '() => {}', 'this', '/r/', 'f()', 'void', 'in', 'else', 'do', 'return', ')', ']', '}',
    ':', '=', 'if (a)', 'while (a)', 'let', 'static', 'target'];
  const pre = 'var a, b, x, g, of, get, target, async, f = () => {};\n';
  let accepted = 0;
  for (const [Ctor, flags] of kinds) {
    for (const a1 of atoms) {
      for (const a2 of atoms) {
        for (const sep of ['\n', ' ']) {
          const lead = `${a1}\n${a2}${sep}`;
          try {
            new Ctor(`${pre}${lead}/ 1 /g`); // V8 compiles the harmless variant
          } catch {
            continue;
          }
          try {
            analyzeSource(`${pre}${lead}${hidden}`, 'function-body', flags);
          } catch {
            continue;
          }
          accepted += 1;
          t.notThrows(() => new Ctor(`${pre}${lead}${hidden}`), JSON.stringify(lead));
        }
      }
    }
  }
  t.true(accepted > 100);
});
