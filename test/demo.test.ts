// The README's demo (`npm run demo`) runs, confines real code (acorn) and blocks every attack.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('demo: acorn runs confined and every hostile plugin attempt is blocked', t => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../demo/demo.js', import.meta.url))], { encoding: 'utf8' });
  t.regex(out, /acorn \(\d+ KB\) ran inside a compartment: parsed a VariableDeclaration/);
  t.regex(out, /semver loaded as modules in a compartment: satisfies\('1.2.3', '\^1.0.0'\) = true/);
  const m = /(\d+) of (\d+) attacks blocked/.exec(out);
  t.truthy(m);
  t.is(m![1], m![2]);
  t.notRegex(out, /NOT BLOCKED/);
});
