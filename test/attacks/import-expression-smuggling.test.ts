// Attack: smuggle a dynamic `import()` (which would load host modules outside any compartment) or
// `import.meta` through evaluate, evaluateExpr, the compartment's eval and Function, and transforms,
// in every spelling the grammar allows. The same text in strings, templates, regexes, comments and
// member names must still be accepted (ses rejects it there too; we do not).
import test from 'ava';
import { Compartment, lockdown } from '../../src/index.js';
import { runThenCompare } from './_shared-state.js';

lockdown({ reporting: 'none' });

const dangerous = [
  'import("fs")',
  'import ("fs")',
  'import\n("fs")',
  'import/**/("fs")',
  'import/*\n*/("fs")',
  'import//c\n("fs")',
  'import\u2028("fs")',
  'import\u00a0("fs")',
  'import(`fs`)',
  'import("fs", { with: {} })',
  '(0, import("fs"))',
  'x => import(x)',
  'async () => await import("fs")',
  'class K { static { import("fs"); } }',
  'import.meta',
  'import . meta',
  'import/**/.meta.url',
  'import fs from "fs"',
  'export default 1',
];
const escapedKeyword = ['\\u0069mport("fs")', 'im\\u0070ort("fs")'];

const entries = (c: Compartment): [string, (source: string) => unknown][] => [
  ['evaluate', s => c.evaluate(s)],
  ['eval', s => c.evaluate(`eval(${JSON.stringify(s)})`)],
  ['indirect eval', s => c.evaluate(`(0, eval)(${JSON.stringify(s)})`)],
  ['Function body', s => c.globalThis.Function(s)],
  ['Function params', s => c.globalThis.Function(`a = ${s}`, '')],
  ['evaluateExpr', s => c.evaluateExpr(s)],
  ['transform output', s => c.evaluate('1', { transforms: [() => s] })],
];

test('import-expression-smuggling: every spelling, through every entry point, is a SyntaxError', t => {
  const c = new Compartment();
  for (const [entry, run] of entries(c)) {
    for (const source of [...dangerous, ...escapedKeyword]) {
      t.throws(() => run(source), { instanceOf: SyntaxError }, `${entry}: ${source}`);
    }
  }
});

test('import-expression-smuggling: new.target outside functions is a SyntaxError too', t => {
  const c = new Compartment();
  t.throws(() => c.evaluate('new.target'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluateExpr('new.target'), { instanceOf: SyntaxError });
  t.throws(() => c.evaluate('eval("new.target")'), { instanceOf: SyntaxError });
});

test('import-expression-smuggling: the same text where it is not code is accepted', t => {
  const c = new Compartment({ __options__: true, globals: { obj: { import: (x: string) => `method ${x}` } } });
  const accepted: [string, unknown][] = [
    ['"import(\'fs\')"', "import('fs')"],
    ["'import.meta'", 'import.meta'],
    ['`import("${1}")`', 'import("1")'],
    ['/import\\(/.source', 'import\\('],
    ['// import("fs")\n1', 1],
    ['/* import("fs") */ 2', 2],
    ['obj.import("x")', 'method x'],
    ['({ import() { return 3; } }).import()', 3],
    ['({ import: 4 }).import', 4],
    ['class K { import() { return 5; } } new K().import()', 5],
    ['"<!-- and -->"', '<!-- and -->'],
  ];
  for (const [source, value] of accepted) t.deepEqual(c.evaluate(source), value, source);
});

test('import-expression-smuggling: two compartments share no mutable state', t => {
  runThenCompare(t, () => new Compartment(), 'try { eval("import(\'fs\')") } catch {} Promise.prototype.then = null;');
});
