// Property tests for the evaluator's source analysis: programs built from safe statement templates
// with dangerous constructs (`import(…)`, `import.meta`, HTML-like comments) placed either in code
// positions or hidden in strings, templates, regexes and comments. The verdict must match an
// independent oracle: acorn's own AST, walked generically (every property of every node), and
// acorn's own comment list. Unit test: never calls lockdown.
import test from 'ava';
import fc from 'fast-check';
import * as acorn from 'acorn';
import { analyzeSource } from '../src/compartment/analyze-source.js';

// ## Generators
const separators = ['', ' ', '\t', '\n', '\r\n', '\u2028', '\u00a0', '/**/', '/* ( */', '/*\n*/', '//c\n'];
const sep = fc.constantFrom(...separators);

type Payload = { readonly text: string; readonly statementOnly: boolean };

const dangerous: fc.Arbitrary<Payload> = fc.oneof(
  fc
    .tuple(sep, sep, fc.constantFrom('x', '"m"', 'a + b', '`t`', 'import.meta.url'), sep)
    .map(([s1, s2, arg, s3]) => ({ text: `import${s1}(${s2}${arg}${s3})`, statementOnly: false })),
  fc.tuple(sep, sep).map(([s1, s2]) => ({ text: `import${s1}.${s2}meta`, statementOnly: false })),
  fc.constantFrom(
    { text: 'a <!-- b', statementOnly: true },
    { text: 'a<!--b', statementOnly: true },
    { text: '\n--> c', statementOnly: true },
    { text: '\n  /* x */ --> c', statementOnly: true },
  ),
);

const safe: fc.Arbitrary<Payload> = fc
  .constantFrom('obj.import(x)', 'x --> y', 'eval(x)', 'y', 'a < !--b', '{ import: 1 }.import', 'o?.import?.(m)')
  .map(text => ({ text, statementOnly: false }));

const codePositions = [
  'x = HOLE;',
  'f(a, HOLE);',
  '[HOLE];',
  '({ k: HOLE, [HOLE]: 1 });',
  '`${HOLE}`;',
  'tag`a${`b${HOLE}`}`;',
  '(() => HOLE)();',
  'async () => await HOLE;',
  'function g(p = HOLE) { return HOLE; }',
  '{ const { k = HOLE } = o; }',
  '{ class C extends (HOLE) { [HOLE]() {} f = HOLE; static { HOLE; } } }',
  'if (a) { HOLE; }',
  'for (const q of HOLE) {}',
  'label: { HOLE; }',
  'a ? HOLE : b;',
  'new Foo(HOLE);',
];

const hex = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0');
const lineTerminators = /[\n\r\u2028\u2029]/g;

/** Ways to put text where it is not code, each escaping what would end the hiding place early. */
const hiders: readonly ((text: string) => string)[] = [
  text => `'${text.replace(/[\\'\n\r\u2028\u2029]/g, c => `\\u${hex(c)}`)}'`,
  text => `"${text.replace(/[\\"\n\r\u2028\u2029]/g, c => `\\u${hex(c)}`)}"`,
  text => `\`${text.replace(/[\\`$]/g, c => `\\${c}`)}\``,
  text => `/${text.replace(/[^A-Za-z0-9]/g, c => (c.match(lineTerminators) ? `\\u${hex(c)}` : `\\${c}`))}/`,
  text => `// ${text.replace(lineTerminators, ' ')}\n0`,
  text => `/* ${text.replaceAll('*/', '* /')} */ 0`,
];

interface Statement {
  readonly code: string;
}

const statement: fc.Arbitrary<Statement> = fc.oneof(
  // A payload in code position.
  fc.tuple(fc.constantFrom(...codePositions), fc.oneof(dangerous, safe)).map(([pos, p]) => ({
    code: p.statementOnly ? `${p.text};` : pos.replaceAll('HOLE', p.text),
  })),
  // The same payload hidden from the grammar.
  fc
    .tuple(fc.constantFrom(...codePositions), dangerous, fc.nat(hiders.length - 1))
    .map(([pos, p, h]) => ({ code: pos.replaceAll('HOLE', hiders[h](p.text)) })),
  fc.constantFrom({ code: '{ let v = 1; }' }, { code: 'function h() { return this; }' }, { code: 'x-->0;' }),
);

const program = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\n\n', '\r\n', ' \n'))
  .map(([statements, joiner]) => statements.map(s => s.code).join(joiner));

// ## Oracle: acorn's AST and comment list, read without our walker.
type Verdict = 'accept' | 'syntax' | 'PF_IMPORT_EXPRESSION_REJECTED' | 'PF_IMPORT_META_REJECTED' | 'PF_HTML_COMMENT_REJECTED';

const oracle = (source: string): Verdict => {
  const comments: acorn.Comment[] = [];
  let ast: acorn.Program;
  try {
    ast = acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      strict: true,
      allowHashBang: true,
      allowImportExportEverywhere: true,
      onComment: comments,
    });
  } catch (error) {
    // As documented: an HTML-like comment before the syntax error is reported instead of it.
    const at = (error as { pos: number }).pos;
    const html = comments.some(c => c.type === 'Line' && c.start <= at && '<-'.includes(source[c.start]));
    return html ? 'PF_HTML_COMMENT_REJECTED' : 'syntax';
  }
  const findings: [number, Verdict][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      const node = value as acorn.AnyNode;
      if (node.type === 'ImportExpression') findings.push([node.start, 'PF_IMPORT_EXPRESSION_REJECTED']);
      if (node.type === 'MetaProperty' && node.meta.name === 'import') findings.push([node.start, 'PF_IMPORT_META_REJECTED']);
      for (const v of Object.values(node)) walk(v);
    }
  };
  walk(ast);
  for (const c of comments) {
    if (c.type === 'Line' && (source[c.start] === '<' || source[c.start] === '-')) {
      findings.push([c.start, 'PF_HTML_COMMENT_REJECTED']);
    }
  }
  if (findings.length === 0) return 'accept';
  findings.sort((a, b) => a[0] - b[0]);
  return findings[0][1];
};

const verdictOf = (source: string): Verdict => {
  try {
    analyzeSource(source, 'script');
    return 'accept';
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const code = /\((PF_[A-Z_]+)\)$/.exec(error.message)?.[1];
    return code === 'PF_SYNTAX_ERROR' ? 'syntax' : (code as Verdict);
  }
};

test('the verdict on generated programs matches acorn’s own AST and comments', t => {
  fc.assert(
    fc.property(program, source => {
      const expected = oracle(source);
      const actual = verdictOf(source);
      if (actual !== expected) t.log(JSON.stringify(source), { expected, actual });
      return actual === expected;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('the generators exercise every verdict, mostly on programs that parse', t => {
  const counts: Record<string, number> = {};
  for (const source of fc.sample(program, { numRuns: 2000, seed: 42 })) {
    const v = oracle(source);
    counts[v] = (counts[v] ?? 0) + 1;
  }
  t.log(counts);
  for (const v of ['accept', 'PF_IMPORT_EXPRESSION_REJECTED', 'PF_IMPORT_META_REJECTED', 'PF_HTML_COMMENT_REJECTED']) {
    t.true((counts[v] ?? 0) >= 50, `${v}: ${counts[v]}`);
  }
  t.true((counts.syntax ?? 0) < 200, `syntax errors: ${counts.syntax}`);
});

test('hidden payloads alone are always accepted', t => {
  fc.assert(
    fc.property(fc.constantFrom(...codePositions), dangerous, fc.nat(hiders.length - 1), (pos, p, h) => {
      const source = pos.replaceAll('HOLE', hiders[h](p.text));
      return oracle(source) === 'accept' && verdictOf(source) === 'accept';
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

const kinds = ['script', 'module', 'expression', 'function-body', 'function-params'] as const;
const messageFormat = /^[A-Za-z.()]+: .* at line \d+, column \d+( of the (parameters|body))? \(PF_[A-Z_]+\)$/s;

test('arbitrary text is accepted or rejected with a SyntaxError, never anything else', t => {
  const alphabet = fc.constantFrom(
    ...'import(.meta)<!-->/*`${}\'"\n\\ abc=;,[]{}#?:+*&|u0069'.split(''),
    'import',
    'export',
    'eval',
    'class',
    'function',
    '=>',
  );
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 40 }), fc.constantFrom(...kinds), (parts, kind) => {
      const source = parts.join('');
      try {
        const r = analyzeSource(source, kind);
        return Object.isFrozen(r) && Object.isFrozen(r.freeNames);
      } catch (error) {
        return error instanceof SyntaxError && messageFormat.test(error.message);
      }
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
