// The trimmed acorn of the <script> builds (scripts/trim-acorn.mjs: acorn without its regular-
// expression validator) parses exactly like acorn: over the JavaScript files of node_modules, in
// the script and the module goal, both give the same tree or the same rejection, except where acorn
// rejects only an invalid regular expression, which the trimmed one accepts and the engine rejects.
// Unit test: no lockdown. Writes the trimmed acorn to a temporary file to import it.
import test from 'ava';
import * as acorn from 'acorn';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { repositoryRoot, sourceFiles } from './_source-files.js';

type Acorn = typeof acorn;
interface TrimModule {
  trimAcorn(text: string): string;
}

const root = repositoryRoot;
const require = createRequire(import.meta.url);
const acornFile = join(dirname(require.resolve('acorn/package.json')), 'dist/acorn.mjs');
const acornText = readFileSync(acornFile, 'utf8');
// The same function rollup.config.js uses (plain JavaScript, outside tsc's tree).
const { trimAcorn } = (await import(pathToFileURL(join(root, 'scripts/trim-acorn.mjs')).href)) as TrimModule;
const trimmedText = trimAcorn(acornText);
const scratch = mkdtempSync(join(tmpdir(), 'permafrost-trim-acorn-'));
writeFileSync(join(scratch, 'acorn.mjs'), trimmedText);
const trimmed = (await import(pathToFileURL(join(scratch, 'acorn.mjs')).href)) as Acorn;
rmSync(scratch, { recursive: true, force: true });

type Goal = 'script' | 'module';
type Outcome = { ok: true; tree: string; program: acorn.Program } | { ok: false; message: string; pos: number };

/** JSON of a tree; bigint and RegExp values (the Literal `value`s JSON cannot spell) as text. */
const json = (node: acorn.Node): string =>
  JSON.stringify(node, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value instanceof RegExp ? `RegExp ${String(value)}` : value,
  );

const parseWith = (parser: Acorn, text: string, goal: Goal): Outcome => {
  try {
    const program = parser.parse(text, { ecmaVersion: 'latest', sourceType: goal, allowHashBang: true });
    return { ok: true, tree: json(program), program };
  } catch (error) {
    const { message, pos } = error as { message: string; pos: number };
    return { ok: false, message, pos };
  }
};

type RegExpLiteral = acorn.Literal & { regex: { pattern: string; flags: string } };

/** The regular-expression literals of a tree, found by a generic walk. */
const regexLiterals = (node: unknown, found: RegExpLiteral[] = []): RegExpLiteral[] => {
  if (typeof node !== 'object' || node === null) return found;
  if ('regex' in node && (node as acorn.Literal).type === 'Literal') found.push(node as RegExpLiteral);
  for (const value of Object.values(node)) regexLiterals(value, found);
  return found;
};

/** True if the engine refuses the regular expression: `new RegExp` throws. */
const engineRejects = (pattern: string, flags: string): boolean => {
  try {
    new RegExp(pattern, flags);
    return false;
  } catch {
    return true;
  }
};

/**
 * Compares the two parsers on one text and goal; returns a description of any difference that is
 * not allowed, or undefined. Allowed: acorn rejects an invalid regular expression (its message
 * starts "Invalid regular expression", at the pattern), the trimmed acorn accepts, and the literal
 * there is one the engine rejects.
 */
const difference = (text: string, goal: Goal, outcome?: { accepted: boolean }): string | undefined => {
  const full = parseWith(acorn, text, goal);
  const trim = parseWith(trimmed, text, goal);
  if (outcome) outcome.accepted = trim.ok;
  if (full.ok && trim.ok) return full.tree === trim.tree ? undefined : 'different trees';
  if (!full.ok && !trim.ok) {
    return full.message === trim.message && full.pos === trim.pos
      ? undefined
      : `different rejections: "${full.message}" / "${trim.message}"`;
  }
  if (!trim.ok) return `only the trimmed acorn rejects: ${trim.message}`;
  if (full.ok) return 'unreachable';
  if (!/^Invalid regular expression|regular expression flag/.test(full.message)) {
    return `only acorn rejects, not for a regular expression: ${full.message}`;
  }
  const literal = regexLiterals(trim.program).find(node => node.start <= full.pos && full.pos < node.end);
  if (literal === undefined) return `no regular expression where acorn rejects one: ${full.message}`;
  if (!engineRejects(literal.regex.pattern, literal.regex.flags)) return `the engine accepts what acorn rejects: ${literal.raw}`;
  return undefined;
};

test('the trim removes the validator and keeps the tokenizer', t => {
  t.true(trimmedText.length < acornText.length * 0.85);
  t.false(trimmedText.includes('RegExpValidationState'));
  t.true(trimmedText.includes('pp.readRegexp = function()'));
  t.true(trimmedText.includes('var astralIdentifierCodes')); // identifier tables: needed to tokenize
});

test('the trim fails loudly on a text it does not know', t => {
  t.throws(() => trimAcorn(acornText.replace('pp$1.regexp_pattern = function(state) {', 'pp$1.regexp_pattern = function(s) {')), {
    message: /trim-acorn: the validator region lacks/,
  });
  t.throws(() => trimAcorn(acornText.replace('this.validateRegExpPattern(state);', 'this.validateRegExpPattern(state, 1);')), {
    message: /trim-acorn: readRegexp not found/,
  });
  // Something outside the region that starts using a name declared inside it.
  t.throws(() => trimAcorn(acornText.replace('pp.readRegexp = function() {', 'pp.readRegexp = function() { isSyntaxCharacter(0);')), {
    message: /trim-acorn: (readRegexp not found|the rest of acorn uses what the trim removed)/,
  });
  t.throws(() => trimAcorn(acornText.replace('var Token = function Token(p) {', 'var Token = function Token(p) { buildUnicodeData(14);')), {
    message: /trim-acorn: the rest of acorn uses what the trim removed: 'buildUnicodeData' is not defined/,
  });
});

// Texts that exercise the regular-expression corners: valid ones parse the same, invalid ones are
// accepted by the trimmed acorn only, and the engine refuses to compile them.
const valid = ['/[/]/', '/a\\/b/g', '/]/', '/(?<a>x)|(?<a>y)/d', '/\\p{L}+/u', '/[\\p{L}--[a-z]]/v', 'x = a / b / c', '/a/gimsuyd'];
const invalid = ['/(/', '/a/gg', '/a/x', '/\\p{Foo}/u', '/(?<a>x)(?<a>y)/', '/[b-a]/', '/a{2,1}/', '/\\u{110000}/u', '/a/uv', 'f(function () { return /+/; })'];

for (const text of valid) {
  test(`same tree: ${text}`, t => {
    for (const goal of ['script', 'module'] as const) t.is(difference(text, goal), undefined);
    t.true(parseWith(trimmed, text, 'script').ok);
  });
}
for (const text of invalid) {
  test(`invalid regular expression, accepted by the trim only, rejected by the engine: ${text}`, t => {
    for (const goal of ['script', 'module'] as const) {
      t.false(parseWith(acorn, text, goal).ok);
      t.true(parseWith(trimmed, text, goal).ok);
      t.is(difference(text, goal), undefined);
    }
    t.throws(() => new vm.Script(text), { instanceOf: SyntaxError });
  });
}

test('the trimmed acorn parses every file of node_modules as acorn does', t => {
  const files = sourceFiles(join(root, 'node_modules')).slice(0, 4000);
  t.true(files.length > 1000, `only ${files.length} files`);
  const differences: string[] = [];
  let accepted = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const goal of ['script', 'module'] as const) {
      const outcome = { accepted: false };
      const why = difference(text, goal, outcome);
      if (why !== undefined) differences.push(`${file} (${goal}): ${why}`);
      if (outcome.accepted) accepted += 1;
    }
  }
  t.deepEqual(differences, []);
  t.log(`${files.length} files, ${accepted} of ${files.length * 2} parses accepted, all alike`);
});
