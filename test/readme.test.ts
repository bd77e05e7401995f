// Docs are executable: the README's quick start runs as written (importing the package by name,
// which resolves to the built dist/ through package.json "exports") and prints what the README says.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Quick start'));
const code = /```js\n([\s\S]*?)```/.exec(section)![1]!;
const expected = /```text\n([\s\S]*?)```/.exec(section)![1]!;

test('README quick start runs and prints what the README shows', t => {
  // Inside the package directory, so that `import 'permafrost'` self-references the package.
  const dir = mkdtempSync(join(root, 'build', 'readme-'));
  try {
    const file = join(dir, 'quick-start.mjs');
    writeFileSync(file, code);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } });
    t.is(out, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
