// The module checks made while parsing (parse-source.ts ModuleChecks, used by ModuleSource) agree
// with the scope walk they stand in for: the list of node types both know matches what acorn
// makes, and over real code the checks-only analysis gives the same verdict and module record as
// the full analysis. Unit test: no lockdown.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { analyzeModuleSource, analyzeSource } from '../src/compartment/analyze-source.js';
import { KNOWN_NODE_TYPES, knownNodeTypes } from '../src/compartment/node-types.js';
import { makeModuleChecks, parseText } from '../src/compartment/parse-source.js';
import { repositoryRoot, sourceFiles } from './_source-files.js';

const require = createRequire(import.meta.url);
const acornText = readFileSync(join(dirname(require.resolve('acorn/package.json')), 'dist/acorn.mjs'), 'utf8');

/** What an analysis gives: its module record, or its error message. */
const verdict = (analyze: () => unknown): unknown => {
  try {
    return analyze();
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
};

test('the known node types are exactly the ESTree types named in acorn (a new one is a review)', t => {
  const named = new Set(acornText.match(/"[A-Z][A-Za-z]+"/g)!.map(s => s.slice(1, -1)));
  for (const type of knownNodeTypes()) t.true(named.has(type), `acorn never names ${type}`);
  // Every string acorn passes as a node type to finishNode/finishNodeAt, or assigns to `.type`.
  const made = new Set<string>();
  for (const m of acornText.matchAll(/finishNode(?:At)?\([\w$]+, ([^)]*)\)/g)) {
    for (const s of m[1].match(/"[A-Z][A-Za-z]+"/g) ?? []) made.add(s.slice(1, -1));
  }
  for (const m of acornText.matchAll(/\.type = "([A-Z][A-Za-z]+)"/g)) made.add(m[1]);
  for (const type of made) t.true(KNOWN_NODE_TYPES[type], `acorn makes ${type}, which the walk does not know`);
  t.true(made.size >= 60);
});

test('a node type the walk does not know is rejected by the checks made while parsing', t => {
  const checks = makeModuleChecks();
  t.true('root' in parseText('export const a = 1;', 'module', checks));
  t.is(checks.unsupportedAt, -1);
  t.false(KNOWN_NODE_TYPES.JSXElement === true);
  t.false(KNOWN_NODE_TYPES.__proto__ === true);
});

test('ModuleSource facts found while parsing: import(), import.meta, top-level await, `<!--`', t => {
  const facts = (text: string) => verdict(() => analyzeModuleSource(text));
  const record = (text: string) => analyzeModuleSource(text);
  t.true(record('x = import.meta.url;').usesImportMeta);
  t.true(record('x = import("y");').usesDynamicImport);
  t.false(record('x = import.meta;').usesDynamicImport);
  t.true(record('await x;').hasTopLevelAwait);
  t.true(record('{ if (a) { for await (const x of y) {} } }').hasTopLevelAwait);
  t.true(record('{ await using x = y; }').hasTopLevelAwait);
  t.false(record('async function f() { await x; for await (const y of z) {} }').hasTopLevelAwait);
  t.false(record('const f = async () => { await x; };').hasTopLevelAwait);
  t.false(record('class A { static async m() { await x; } }').hasTopLevelAwait);
  t.true(record('const f = async () => 1; await f();').hasTopLevelAwait);
  t.regex(facts('x = a <!--b;') as string, /PF_HTML_COMMENT_REJECTED/);
  t.is(typeof facts('x = a < !--b;'), 'object');
  t.is(typeof facts('x = "<!--" + `<!--` + /<!--/.source;'), 'object');
});

test('over real code, the checks made while parsing give the full analysis\'s verdict and module record', t => {
  const files = sourceFiles(join(repositoryRoot, 'node_modules')).filter((_, i) => i % 7 === 0).slice(0, 600);
  let accepted = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const quick = verdict(() => analyzeModuleSource(text));
    const full = verdict(() => analyzeSource(text, 'module').moduleRecord);
    t.deepEqual(quick, full, file);
    if (typeof quick === 'object') accepted += 1;
  }
  t.true(accepted > 50, `only ${accepted} files parsed as modules`);
});
