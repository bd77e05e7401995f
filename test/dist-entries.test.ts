// Unit checks of the built files in dist/ (no lockdown): each starts in strict mode, each passes
// Permafrost's own source checks although acorn's text holds `<!--` and `import(` (the checks
// parse, so strings and regexps are fine), and the lockdown-only build carries neither the parser
// nor Compartment. The builds are used for real in test/browser-umd.test.ts and consumers.test.ts.
import test from 'ava';
import { parse } from 'acorn';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeSource } from '../src/compartment/analyze-source.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const read = (file: string): string => readFileSync(dist + file, 'utf8');
const scripts = readdirSync(dist).filter(f => f.endsWith('.js') || f.endsWith('.cjs'));
const modules = readdirSync(dist).filter(f => f.endsWith('.mjs'));

test('dist/ has ESM, CommonJS, UMD and types for each entry point', t => {
  const files = readdirSync(dist);
  for (const name of ['permafrost', 'permafrost-lockdown', 'permafrost-legacy']) {
    for (const ext of ['.mjs', '.cjs', '.d.ts', '.d.cts']) t.true(files.includes(name + ext), name + ext);
  }
  for (const name of ['permafrost', 'permafrost-lockdown']) {
    for (const ext of ['.umd.js', '.umd.min.js']) t.true(files.includes(name + ext), name + ext);
  }
});

for (const file of scripts) {
  test(`${file} starts in strict mode`, t => {
    const program = parse(read(file), { ecmaVersion: 'latest', sourceType: 'script' });
    const first = program.body[0];
    t.is(first?.type === 'ExpressionStatement' ? first.directive : undefined, 'use strict');
  });
}

for (const file of [...scripts, ...modules]) {
  test(`${file} passes Permafrost's own source checks`, t => {
    t.notThrows(() => analyzeSource(read(file), file.endsWith('.mjs') ? 'module' : 'script'));
  });
}

test("the checks see acorn's `<!--` and `import(` text (so the test above means something)", t => {
  const full = read('permafrost.umd.js');
  t.true(full.includes('<!--'));
  t.true(full.includes('import('));
});

test('the lockdown-only builds have no parser and no Compartment', t => {
  const lockdownOnly = [read('permafrost-lockdown.umd.js'), read('permafrost-lockdown.mjs'), read('lockdown-core.mjs')];
  const acornText = 'Unterminated regular expression'; // one of acorn's own error messages
  t.true(read('permafrost.umd.js').includes(acornText));
  for (const text of lockdownOnly) {
    t.false(text.includes(acornText));
    t.false(/\bfrom ['"]acorn['"]/.test(text));
    t.false(/Compartment\.evaluate\(\)/.test(text));
  }
  t.false(/\bCompartment\b/.test(read('permafrost-lockdown.d.ts')));
});
