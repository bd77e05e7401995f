// Accept/reject tables for the evaluator's source analysis (src/compartment/analyze-source.ts),
// acorn-style: each row is data. Covers every spelling of `import(`, `import.meta`, static module
// syntax in scripts, HTML-like comments in every position, strict-mode early errors, the texts that
// must stay accepted (strings, templates, regexes, comments, methods named import), and free-name rows.
// Unit test: never calls lockdown.
import test from 'ava';
import { analyzeModuleSource, analyzeSource } from '../src/compartment/analyze-source.js';
import type { SourceAnalysis, SourceKind } from '../src/compartment/analyze-source.js';

type Row = readonly ['accept', string] | readonly ['reject', string, RegExp];

const IMPORT = /dynamic import\(\) rejected .*\(PF_IMPORT_EXPRESSION_REJECTED\)$/;
const META = /import\.meta is only available in modules .*\(PF_IMPORT_META_REJECTED\)$/;
const MODULE = /static import\/export declarations .*\(PF_MODULE_SYNTAX_REJECTED\)$/;
const HTML = /HTML-like comment rejected .*\(PF_HTML_COMMENT_REJECTED\)$/;
const SYNTAX = /\(PF_SYNTAX_ERROR\)$/;

// Every separator that may stand between `import` and `(` or `.`: whitespace of all kinds, line
// terminators, and comments (which the grammar treats as whitespace).
const separators = [
  '', ' ', '  ', '\t', '\v', '\f', '\u00a0', '\ufeff', '\u2000', '\u3000', '\n', '\r', '\r\n', '\u2028', '\u2029',
  '/**/', '/* ( */', '/*\n*/', '//c\n', ' /* a */ /* b */ ', '\n\n', ' // import\n ',
];

// Code positions: each HOLE is replaced by an expression, which must be found wherever it is.
const codePositions = [
  'HOLE;',
  'x = HOLE;',
  'f(HOLE);',
  'f(a, HOLE, b);',
  '[HOLE];',
  '({ a: HOLE });',
  '({ [HOLE]: 1 });',
  '`${HOLE}`;',
  '`a${`b${HOLE}`}c`;',
  'tag`${HOLE}`;',
  '(() => HOLE)();',
  'async () => await HOLE;',
  'function g() { return HOLE; }',
  'function* gen() { yield HOLE; }',
  'function h(p = HOLE) {}',
  'const { k = HOLE } = o;',
  'let [m = HOLE] = o;',
  'class C { m() { return HOLE; } }',
  'class D { f = HOLE; }',
  'class E { static { HOLE; } }',
  'class F extends (HOLE) {}',
  'class G { [HOLE]() {} }',
  'if (a) { HOLE; } else { HOLE; }',
  'while (a) HOLE;',
  'for (const q of HOLE) {}',
  'for (let i = HOLE; i; i--) {}',
  'switch (a) { case HOLE: break; }',
  'try {} catch { HOLE; } finally {}',
  'label: { HOLE; }',
  'a ? HOLE : b;',
  'a && HOLE;',
  'a ?? HOLE;',
  '!HOLE;',
  'void HOLE;',
  'typeof HOLE;',
  '(HOLE).then(f);',
  'HOLE?.x;',
  'new Foo(HOLE);',
  'x = 1, HOLE;',
  'throw HOLE;',
  'do { HOLE; } while (0);',
  '{ let z = HOLE; }',
];

// Places where the same characters are not code.
const hiddenPositions = [
  "'HOLE';",
  '"HOLE";',
  '`HOLE`;',
  'x = `a ${b} HOLE ${c}`;',
  '// HOLE\n',
  '/* HOLE */',
  '/*\nHOLE\n*/',
  'x = 1; // HOLE',
  'f(/* HOLE */);',
  "({ 'HOLE': 1 });",
];

/** A test title for `code`: JSON with every character outside printable ASCII escaped, so titles stay distinct. */
const show = (code: string): string =>
  JSON.stringify(code)
    .replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/ {2,}/g, m => '\\u0020'.repeat(m.length)); // ava collapses runs of spaces in titles

const rows: Row[] = [];
const add = (row: Row): void => {
  rows.push(row);
};

// ## import(…)
for (const sep of separators) add(['reject', `import${sep}(x);`, IMPORT]);
for (const sep of separators) add(['reject', `x = import(${sep}'m'${sep});`, IMPORT]);
for (const pos of codePositions) add(['reject', pos.replaceAll('HOLE', "import('m')"), IMPORT]);
for (const pos of codePositions) add(['reject', pos.replaceAll('HOLE', 'import/**/("m")'), IMPORT]);
// Payloads free of quotes and comment delimiters, so that each hidden position stays hidden.
const payloads = ['import(m)', 'import (m)', 'import\t(m)', 'import.meta.url', 'export default x; import x from m'];
for (const payload of [...payloads, '<!-- x', '--> y']) {
  for (const pos of hiddenPositions) add(['accept', pos.replaceAll('HOLE', payload)]);
}
add(['reject', "import('m', { with: { type: 'json' } });", IMPORT]);
add(['reject', "import('m',);", IMPORT]);
add(['reject', 'await import("m");', SYNTAX]); // `await` outside async code fails first
add(['reject', 'async function f() { await import("m"); }', IMPORT]);
add(['reject', 'x = `${`${import("m")}`}`;', IMPORT]);
add(['reject', 'x = {\n  a: import("m"),\n};', IMPORT]);
add(['reject', 'x = a\nimport("m")', IMPORT]); // ASI: a separate statement
// Unicode escapes cannot spell a keyword (ECMA-262 12.7.2): acorn rejects them as syntax errors.
add(['reject', "\\u0069mport('m');", /Escape sequence in keyword import.*PF_SYNTAX_ERROR/]);
add(['reject', "imp\\u006frt('m');", /Escape sequence in keyword import.*PF_SYNTAX_ERROR/]);
add(['reject', "\\u{69}mport('m');", /Escape sequence in keyword import.*PF_SYNTAX_ERROR/]);
add(['reject', "x = \\u0069mport('m');", /Escape sequence in keyword import.*PF_SYNTAX_ERROR/]);
add(['reject', '\\u0069mport.meta;', SYNTAX]);
add(['reject', 'import.\\u006deta;', SYNTAX]);
add(['reject', 'new import("m");', SYNTAX]);
add(['reject', 'import.source("m");', SYNTAX]);
add(['reject', 'import.defer("m");', SYNTAX]);
add(['reject', 'import;', SYNTAX]);
add(['reject', 'import();', SYNTAX]);
add(['reject', 'import(...a);', SYNTAX]);
// `import` as a name: property keys, methods, member names are fine, escaped or not.
for (const code of [
  'obj.import(x);',
  'obj?.import(x);',
  'obj.import (x);',
  'obj\n.import(x);',
  'obj. /* c */ import(x);',
  'obj["import"](x);',
  'x = { import() {} };',
  'x = { import: 1 }.import;',
  'x = { async import() {}, *export() {} };',
  'x = { get import() { return 1; }, set import(v) {} };',
  'class A { import() {} static import() {} }',
  'class A { import = 1; static export = 2; }',
  'class A { #import() {} m() { return this.#import(); } }',
  'x = { \\u0069mport: 1 };',
  'obj.\\u0069mport(x);',
  'x = { "import": import_ };',
  'const import_ = 1, importx = 2, ximport = 3; importx(1);',
  'myimport(x); import_(y); $import(z); _import(w);',
  'x = a.b.c.import(d).then(e);',
  'x = [...a].import(b);',
  "x = { import: 'import(a)' };",
]) {
  add(['accept', code]);
}

// ## import.meta
for (const sep of separators) add(['reject', `x = import${sep}.${sep}meta;`, META]);
for (const pos of codePositions) add(['reject', pos.replaceAll('HOLE', 'import.meta'), META]);
add(['reject', 'import.meta.url;', META]);
add(['reject', 'function f() { return import.meta; }', META]);
add(['reject', 'import.metax;', SYNTAX]);
add(['reject', 'import.met;', SYNTAX]);

// ## Static module syntax in scripts
for (const code of [
  'import x from "m";',
  'import "m";',
  'import * as ns from "m";',
  'import { a, b as c } from "m";',
  'import x, { y } from "m";',
  'import json from "./x.json" with { type: "json" };',
  'export default 1;',
  'export default function () {}',
  'export default class {}',
  'export const a = 1;',
  'export function f() {}',
  'export { a as b };',
  'export * from "m";',
  'export * as ns from "m";',
  'export { x } from "m";',
  'x = 1;\nimport y from "m";',
  'if (a) { import x from "m"; }',
  'function f() { export const a = 1; }',
  'x;\n/* c */ export default 1;',
]) {
  add(['reject', code, MODULE]);
}

// ## HTML-like comments (ECMA-262 B.1.1: scripts only)
for (const code of [
  '<!-- comment',
  'x = 1; <!-- comment',
  'x = a<!--b',
  'x = a <!-- b',
  'x = a\n<!-- b',
  '\n<!--',
  'if (a) { <!-- }\n}',
  'x = `${a <!--\n}`;',
  '-->',
  '--> comment',
  '-->x',
  '   --> at line start after whitespace',
  'x = 1;\n--> comment',
  'x = 1;\n  --> comment',
  'x = 1;\r\n--> comment',
  'x = 1;\r--> comment',
  'x = 1;\u2028--> comment',
  'x = 1;\u2029--> comment',
  'x = 1; /*\n*/ --> multi-line comment containing a line terminator',
  'x = 1;\n/* same-line */ --> comment',
  'x = 1;\n/* a */ /* b */ --> comment',
  '/* start */ --> comment',
  '// line\n--> comment',
  '#!/usr/bin/env node\n--> comment',
  'x = a\n-->b',
  'function f() {\n  --> hidden\n}',
]) {
  add(['reject', code, HTML]);
}
for (const code of [
  'x-->y;',
  'x --> y;',
  'x = a-->b;',
  'x = 1; y-->0;',
  'x = 1; /* same line */ y --> 0;',
  'while (i --> 0) {}',
  'for (;i-->0;) {}',
  'x = a /**/ --> b;',
  'x = a < !--b;',
  'x = a <! --b;',
  'x = a < ! --b;',
  'x = a << !--b;',
  'x = "<!--";',
  "x = '-->';",
  'x = `<!--\n-->`;',
  'x = `${a}<!--${b}\n-->`;',
  'x = /<!--/;',
  'x = /-->/;',
  'x = /[<!--]/g;',
  '// <!-- -->\nx;',
  '/* <!--\n--> */ x;',
  'x = a /* <!-- */;',
  'x = "\\\n-->";',
]) {
  add(['accept', code]);
}

// ## Strict-mode early errors: the evaluator runs code in strict mode, so are we.
for (const code of [
  'with (a) {}',
  'x = 010;',
  'x = 08;',
  'x = "\\010";',
  'x = "\\8";',
  'delete x;',
  'function f(a, a) {}',
  'eval = 1;',
  'arguments = 1;',
  'eval++;',
  '[arguments] = a;',
  'var eval;',
  'let arguments;',
  'function eval() {}',
  'function f(eval) {}',
  'try {} catch (arguments) {}',
  'x = function arguments() {};',
  'var implements;',
  'var interface;',
  'let package;',
  'var private;',
  'var protected;',
  'var public;',
  'var static;',
  'var yield;',
  'let = 1;',
  'label: function f() {}',
  'if (a) function f() {}',
  'return 1;',
  'new.target;',
  'super.x;',
  'super();',
  'await x;',
  'yield 1;',
  'break;',
  'continue;',
  'let x; let x;',
  'let x; var x;',
  'const c;',
  'class A { constructor() {} constructor() {} }',
  'class A { static prototype() {} }',
  'x = this.#p;',
  'x = /a/gg;',
  'x = /(?<a>.)\\k<b>/u;',
  'a?.b = 1;',
  'x = (a, a) => 1;',
  '({ a: 1 } = b);',
  'x = { __proto__: 1, __proto__: 2 };',
  'function f() { "use strict"; with (a) {} }',
  'function f(a = 1) { "use strict"; }',
  'using x = y;',
  'x;\n#!/bin/sh',
  ' #!/bin/sh',
  'x = 1 +;',
  'x = "unterminated',
  'x = `unterminated',
  'x = /unterminated',
  '/* unterminated',
  'f(',
  ')',
  '}',
]) {
  add(['reject', code, SYNTAX]);
}

// ## Plain programs that must be accepted
for (const code of [
  '',
  ' ',
  '\n',
  '// only a comment',
  '/* only a comment */',
  '#!/usr/bin/env node',
  '#!/usr/bin/env node\nx = 1;',
  '#!/bin/sh <!-- --> import(x)\nx;',
  '"use strict"; x = 1;',
  'eval(x);',
  '(eval)(x);',
  '(0, eval)(x);',
  'eval?.(x);',
  'x = typeof eval;',
  'function f() { return arguments; }',
  'x = () => this;',
  'x = a?.b?.[c]?.(d);',
  'x ??= y; x ||= z; x &&= w;',
  'x = 1_000n ** 2n;',
  'x = 0o17 + 0b11 + 0x1f;',
  'x = /(?<year>\\d{4})/v;',
  'class A { #p = 1; static #q; get p() { return this.#p; } static m(o) { return #p in o; } }',
  'class B extends A { constructor() { super(); new.target; } m() { return super.m(); } }',
  'class C { static { var v = this; } static x = C.y; }',
  'async function* g() { for await (const x of y) yield* x; }',
  'label: for (;;) { break label; }',
  'x = { async *[k]() {}, get a() { return 1; }, set a(v) {}, ...rest };',
  'const { a = 1, b: { c } = {}, ...d } = o;',
  'let [e, , f = g, ...h] = arr;',
  'try { f(); } catch { g(); } finally { h(); }',
  'switch (x) { case 1: { let y = 2; } default: }',
  'x = tag`a${b}c${d}`;',
  'x = String.raw`\\u{`;',
  'debugger;',
  'if (a) b; else c;',
  'do x++; while (x < 10)',
  'var await = 1;', // `await` is only reserved in modules and async code
  'x = async => async;',
]) {
  add(['accept', code]);
}

// Deduplicate (ava rejects duplicate titles) and register one test per row.
const seen = new Set<string>();
for (const row of rows) {
  const title = `${row[0]} script: ${show(row[1])}`;
  if (seen.has(title)) continue;
  seen.add(title);
  if (row[0] === 'accept') {
    test(title, t => {
      t.notThrows(() => analyzeSource(row[1], 'script'));
    });
  } else {
    test(title, t => {
      const error = t.throws(() => analyzeSource(row[1], 'script'), { instanceOf: SyntaxError });
      t.regex(error.message, /^Compartment\.evaluate\(\): .+ at line \d+, column \d+ \(PF_[A-Z_]+\)$/);
      t.regex(error.message, row[2]);
    });
  }
}

// ## Modules: import() and import.meta are recorded, not rejected; `<!--` is still rejected.
const moduleRows: Row[] = [
  ['accept', 'import x from "m"; export default x;'],
  ['accept', 'export const a = 1; export { a as b };'],
  ['accept', 'const m = await import("m");'],
  ['accept', 'x = import.meta.url;'],
  ['accept', 'x = a-->b;'],
  ['accept', 'x = a < !--b;'],
  ['accept', 'x = "<!--";'],
  ['accept', '#!/usr/bin/env node\nexport {};'],
  ['accept', 'await 1;'],
  ['accept', 'x = obj.import(y);'],
  ['reject', 'x = a<!--b;', /'<!--' rejected .*\(PF_HTML_COMMENT_REJECTED\)$/],
  ['reject', 'x = a <!--b;', /PF_HTML_COMMENT_REJECTED/],
  ['reject', 'x = a\n-->b;', SYNTAX],
  ['reject', '-->', SYNTAX],
  ['reject', 'with (a) {}', SYNTAX],
  ['reject', 'export default 1; export default 2;', SYNTAX],
  ['reject', 'export { undeclared };', SYNTAX],
  ['reject', 'if (a) { import x from "m"; }', SYNTAX],
  ['reject', 'var await;', SYNTAX],
  ['reject', 'import.meta = 1;', SYNTAX],
];
for (const [verdict, code, message] of moduleRows) {
  test(`${verdict} module: ${show(code)}`, t => {
    // ModuleSource's checks-only analysis (no scope facts) gives the same verdict and message.
    if (verdict === 'accept') {
      t.notThrows(() => analyzeSource(code, 'module'));
      t.deepEqual(analyzeModuleSource(code), analyzeSource(code, 'module').moduleRecord);
    } else {
      t.regex(t.throws(() => analyzeSource(code, 'module'), { instanceOf: SyntaxError }).message, message!);
      t.regex(t.throws(() => analyzeModuleSource(code), { instanceOf: SyntaxError }).message, message!);
    }
  });
}

// ## Expressions: one whole expression, then only whitespace and comments.
const expressionRows: Row[] = [
  ['accept', 'x'],
  ['accept', ' x + y '],
  ['accept', '{ a: 1 }'],
  ['accept', 'function () {}'],
  ['accept', 'class {}'],
  ['accept', 'a, b'],
  ['accept', 'x // trailing comment'],
  ['accept', 'x /* trailing */ /* comments */\n'],
  ['accept', 'x\n'],
  ['accept', '"import(x)"'],
  ['accept', 'this'],
  ['reject', 'x; y', SYNTAX],
  ['reject', 'x)', SYNTAX],
  ['reject', 'x }', SYNTAX],
  ['reject', '', SYNTAX],
  ['reject', '// nothing', SYNTAX],
  ['reject', 'x /* unterminated', SYNTAX],
  ['reject', 'var x = 1', SYNTAX],
  ['reject', 'import("m")', IMPORT],
  ['reject', 'import.meta', META],
  ['reject', '-->x', HTML],
  ['reject', 'x\n-->y', HTML],
  ['reject', 'x <!-- y', HTML],
  ['reject', '#!/bin/sh\nx', SYNTAX],
  ['reject', '010', SYNTAX],
];
for (const [verdict, code, message] of expressionRows) {
  test(`${verdict} expression: ${show(code)}`, t => {
    if (verdict === 'accept') t.notThrows(() => analyzeSource(code, 'expression'));
    else t.regex(t.throws(() => analyzeSource(code, 'expression'), { instanceOf: SyntaxError }).message, message!);
  });
}

// ## Locations: line and column (1-based) in the guest's own text.
for (const [code, kind, where] of [
  ['import("m")', 'script', 'line 1, column 1'],
  ['x = 1;\n  y = import("m");', 'script', 'line 2, column 7'],
  ['a;\r\nb;\r\n  import.meta', 'script', 'line 3, column 3'],
  ['x;\u2028  <!--', 'script', 'line 2, column 3'],
  ['x = 1 +;', 'script', 'line 1, column 8'],
  ['\n\nwith (a) {}', 'script', 'line 3, column 1'],
  ['x\n-->', 'expression', 'line 2, column 1'],
  ['x;\nexport default 1', 'script', 'line 2, column 1'],
  ['x = a\n <!--b', 'module', 'line 2, column 2'],
] as const) {
  test(`location ${kind}: ${show(code)} at ${where}`, t => {
    const error = t.throws(() => analyzeSource(code, kind as SourceKind));
    t.true(error.message.includes(` at ${where} (`), error.message);
  });
}

// ## Free names: [code, freeNames, assignedFreeNames]
const freeRows: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['x', ['x'], []],
  ['x = 1', ['x'], ['x']],
  ['x += y', ['x', 'y'], ['x']],
  ['x++; --y', ['x', 'y'], ['x', 'y']],
  ['typeof z', ['z'], []],
  ['let a = b; a = c;', ['b', 'c'], []],
  ['const a = 1; a;', [], []],
  ['var a; function f() {} class C {} a; f; C;', [], []],
  ['f(); function f() {}', [], []], // hoisted
  ['a; var a;', [], []], // hoisted
  ['a; let a;', [], []], // TDZ, still bound
  ['{ let a; } a;', ['a'], []],
  ['{ function f() {} } f;', ['f'], []], // strict: block scoped
  ['{ var v; } v;', [], []],
  ['[x, { y, z: w }, ...r] = arr;', ['x', 'y', 'w', 'r', 'arr'], ['x', 'y', 'w', 'r']],
  ['({ a = d } = o);', ['a', 'd', 'o'], ['a']],
  ['[o.p, o[q]] = arr;', ['o', 'q', 'arr'], []],
  ['for (x of y) {}', ['x', 'y'], ['x']],
  ['for (x in y) {}', ['x', 'y'], ['x']],
  ['for ([a, b] of c) {}', ['a', 'b', 'c'], ['a', 'b']],
  ['for (const x of y) x;', ['y'], []],
  ['for (let i = 0; i < n; i++) {}', ['n'], []],
  ['for (var i = 0; i < n; i++) {} i;', ['n'], []],
  ['x = { a, b: c, [d]: e, f() { return g; } };', ['x', 'a', 'c', 'd', 'e', 'g'], ['x']],
  ['o.p = 1; o.q.r++; o[s] = t;', ['o', 's', 't'], []],
  ['a?.b.c?.(d)?.[e];', ['a', 'd', 'e'], []],
  ['function f(a, b = a, { c } = b, ...d) { return a + b + c + d + e; }', ['e'], []],
  ['function f(a = b) { var b; }', ['b'], []], // defaults cannot see the body's vars
  ['function f() { return arguments; }', [], []],
  ['x = () => arguments;', ['x', 'arguments'], ['x']],
  ['x = function g() { return g; };', ['x'], ['x']],
  ['x = function () { return g; };', ['x', 'g'], ['x']],
  ['(a, b) => a + b + c;', ['c'], []],
  ['async (a) => await a;', [], []],
  ['try {} catch (e) { e; } e;', ['e'], []],
  ['try {} catch ({ message, m = n }) { message; }', ['n'], []],
  ['try {} catch { var v = w; } v;', ['w'], []],
  ['label: for (;;) { break label; continue label; }', [], []],
  ['class A extends B { [k] = v; static s = t; static { u; var w; } m() { return A; } }', ['B', 'k', 'v', 't', 'u'], []],
  ['x = class Named { m() { return Named; } };', ['x'], ['x']],
  ['x = class { m() { return Named; } };', ['x', 'Named'], ['x']],
  ['class A { #p; m(o) { return #p in o && this.#p; } }', [], []],
  ['function f() { return new.target; }', [], []],
  ['switch (a) { case b: let c = d; break; default: c; }', ['a', 'b', 'd'], []],
  ['x = `${a}${b}`; tag`${c}`;', ['x', 'a', 'b', 'tag', 'c'], ['x']],
  ['eval(x);', ['eval', 'x'], []],
  ['globalThis.foo; Object.keys(o);', ['globalThis', 'Object', 'o'], []],
  ['undefined; NaN; Infinity;', ['undefined', 'NaN', 'Infinity'], []],
  ['a = b = c;', ['a', 'b', 'c'], ['a', 'b']],
  ['[a = b] = [c];', ['a', 'b', 'c'], ['a']],
  ['({ [k]: v } = o);', ['k', 'v', 'o'], ['v']],
  ['({ ...rest } = o);', ['rest', 'o'], ['rest']],
  ['x = { __proto__: p };', ['x', 'p'], ['x']],
  ['x = [...a, ...b];', ['x', 'a', 'b'], ['x']],
  ['function* g() { yield y; }', ['y'], []],
  ['x = a ? b : c;', ['x', 'a', 'b', 'c'], ['x']],
  ['if (a) { let b; } else { b; }', ['a', 'b'], []],
  ['let { a: { b: [c] } } = o; c;', ['o'], []],
  ['x = (0, eval)("y");', ['x', 'eval'], ['x']],
  ['x = new C(a);', ['x', 'C', 'a'], ['x']],
  ['while (a) a--;', ['a'], ['a']],
  ['do { b = 1; } while (b);', ['b'], ['b']],
  ['x = a || (b && c) || (d ?? e);', ['x', 'a', 'b', 'c', 'd', 'e'], ['x']],
  ['x = class extends (y = z) {};', ['x', 'y', 'z'], ['x', 'y']],
  ['x ??= y;', ['x', 'y'], ['x']],
  ['const f = (a, { b } = c) => a + b + d;', ['c', 'd'], []],
  ['class A { static m() { return this; } } x = this;', ['x'], ['x']],
];
for (const [code, free, assigned] of freeRows) {
  test(`free names: ${show(code)}`, t => {
    const r = analyzeSource(code, 'script');
    t.deepEqual(r.freeNames, free);
    t.deepEqual(r.assignedFreeNames, assigned);
  });
}

// ## The other facts
const facts = (code: string, kind: SourceKind = 'script'): SourceAnalysis => analyzeSource(code, kind);
test('topLevelLexicals: every top-level declaration, none from blocks or functions', t => {
  const r = facts('var a; let b; const c = 1; function d() { var e; } class F {} { let g; var h; } for (var i of []) {}');
  t.deepEqual(r.topLevelLexicals, ['a', 'b', 'c', 'd', 'F', 'h', 'i']);
  t.deepEqual(facts('x + 1', 'expression').topLevelLexicals, []);
  t.deepEqual(facts('import x, { y } from "m"; export const z = 1;', 'module').topLevelLexicals, ['x', 'y', 'z']);
});
test('hasDirectEvalCall: bare and parenthesized eval calls only', t => {
  for (const code of ['eval(x)', '(eval)(x)', '((eval))(x)', 'f(eval(x))', 'eval(...a)', 'function f() { eval("x"); }']) {
    t.true(facts(code).hasDirectEvalCall, code);
  }
  for (const code of ['(0, eval)(x)', 'eval?.(x)', 'window.eval(x)', 'new eval(x)', 'eval`x`', 'e = eval; e(x)', '"eval(x)"']) {
    t.false(facts(code).hasDirectEvalCall, code);
  }
});
test('usesThis: only outside every function and class body', t => {
  for (const code of ['this', 'x = () => this', 'class A extends this.B {}', 'class A { [this.k]() {} }', '`${this}`']) {
    t.true(facts(code).usesThis, code);
  }
  for (const code of ['function f() { this; }', 'class A { x = this; static { this; } m() { this; } }', 'x = { m() { this; } }']) {
    t.false(facts(code).usesThis, code);
  }
});
test('usesArguments: only outside every non-arrow function', t => {
  t.true(facts('arguments').usesArguments);
  t.true(facts('x = () => arguments[0]').usesArguments);
  t.false(facts('function f() { return () => arguments; }').usesArguments);
  t.false(facts('x = { m() { arguments; } }').usesArguments);
});
test('hasHashbang', t => {
  t.true(facts('#!/usr/bin/env node\nx').hasHashbang);
  t.false(facts('x //#!').hasHashbang);
  t.true(facts('#!x\nexport {}', 'module').hasHashbang);
});
test('moduleRecord: imports, exports, re-exports, flags', t => {
  const r = facts(
    'import d, { a as b, "s t" as u } from "m"; import * as ns from "n"; export { b as c, d }; export * from "o";' +
      ' export * as p from "q"; export { r as s } from "m"; export const [v, { w }] = z; export default function f() {}' +
      ' await import("dyn"); import.meta.url;',
    'module',
  );
  const m = r.moduleRecord!;
  t.deepEqual(m.requestedModules, ['m', 'n', 'o', 'q']);
  t.deepEqual(m.imports, [
    { specifier: 'm', importName: 'default', localName: 'd' },
    { specifier: 'm', importName: 'a', localName: 'b' },
    { specifier: 'm', importName: 's t', localName: 'u' },
    { specifier: 'n', importName: '*', localName: 'ns' },
  ]);
  t.deepEqual(m.exports, [
    { exportName: 'c', localName: 'b' },
    { exportName: 'd', localName: 'd' },
    { exportName: 'v', localName: 'v' },
    { exportName: 'w', localName: 'w' },
    { exportName: 'default', localName: 'f' },
  ]);
  t.deepEqual(m.reexports, [
    { specifier: 'q', importName: '*', exportName: 'p' },
    { specifier: 'm', importName: 'r', exportName: 's' },
  ]);
  t.deepEqual(m.starExports, ['o']);
  t.true(m.usesDynamicImport && m.usesImportMeta && m.hasTopLevelAwait);
  t.deepEqual(r.freeNames, ['z']);
  const plain = facts('export default 1 + x;', 'module').moduleRecord!;
  t.deepEqual(plain.exports, [{ exportName: 'default', localName: '*default*' }]);
  t.false(plain.usesDynamicImport || plain.usesImportMeta || plain.hasTopLevelAwait);
  t.false(facts('async () => { await x; }', 'module').moduleRecord!.hasTopLevelAwait);
  t.is(facts('x', 'script').moduleRecord, undefined);
});
test('results are frozen, and cached per (kind, source)', t => {
  const a = facts('x = y + z;');
  t.true(Object.isFrozen(a) && Object.isFrozen(a.freeNames) && Object.isFrozen(a.assignedFreeNames));
  t.is(facts('x = y + z;'), a);
  t.not(facts('x = y + z;', 'module'), a);
  const m = facts('export const q = 1;', 'module');
  t.true(Object.isFrozen(m.moduleRecord) && Object.isFrozen(m.moduleRecord!.exports[0]));
});
test('bad arguments are TypeErrors', t => {
  t.throws(() => analyzeSource(42 as unknown as string, 'script'), { instanceOf: TypeError, message: /PF_SOURCE_NOT_STRING/ });
  t.throws(() => analyzeSource('x', 'toString' as SourceKind), { instanceOf: TypeError, message: /PF_BAD_OPTION_VALUE/ });
  t.throws(() => analyzeSource('x', 'script', { async: true }), { instanceOf: TypeError, message: /PF_BAD_OPTION_VALUE/ });
});

test('errors are fresh SyntaxErrors that carry nothing of acorn', t => {
  for (const code of ['x = 1 +;', 'import("m")', '<!--', 'with (a) {}']) {
    const first = t.throws(() => analyzeSource(code, 'script'));
    const again = t.throws(() => analyzeSource(code, 'script')); // from the cache
    t.not(first, again);
    t.is(first.message, again.message);
    t.is(Object.getPrototypeOf(first), SyntaxError.prototype);
    t.deepEqual(Object.keys(first), []);
    t.false('pos' in first || 'loc' in first || 'raisedAt' in first);
    t.false(/acorn/.test(first.stack ?? ''), first.stack);
  }
});

test('long generated chains are analyzed; nesting beyond the parser’s stack is a RangeError, as natively, and not cached', t => {
  t.deepEqual(analyzeSource(`x = a${'.b(c)[d]'.repeat(20000)};`, 'script').freeNames, ['x', 'a', 'c', 'd']);
  t.deepEqual(analyzeSource(`x = a${' + b'.repeat(3000)};`, 'script').freeNames, ['x', 'a', 'b']);
  for (const deep of [`x = ${'['.repeat(100000)}${']'.repeat(100000)};`, `x = ${'('.repeat(100000)}1${')'.repeat(100000)};`]) {
    t.regex(t.throws(() => analyzeSource(deep, 'script'), { instanceOf: RangeError }).message, /PF_STACK_EXHAUSTED/);
    // Not cached: the same text fails again the same way (no stale entry), and nothing was stored.
    t.regex(t.throws(() => analyzeSource(deep, 'script'), { instanceOf: RangeError }).message, /PF_STACK_EXHAUSTED/);
  }
});
