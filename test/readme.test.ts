// Docs are executable: the README's quick start runs as written (importing the package by name,
// which resolves to the built dist/ through package.json "exports") and prints what the README says.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { fencedBlocks, readmeSection } from './_readme.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const section = readmeSection('Quick start');
// Every js block of the section, run in order as one module (later blocks repeat the imports they
// need, which are merged), and every text block, concatenated, is the expected output.
const blocks = (lang: string) => fencedBlocks(section, lang);
const jsBlocks = blocks('js');
const imports = jsBlocks.flatMap(b => [...b.matchAll(/^import \{([^}]*)\} from 'permafrost';.*$/gm)].flatMap(m => m[1]!.split(',').map(x => x.trim())));
const code = `import { ${[...new Set(imports)].join(', ')} } from 'permafrost';\n` +
  jsBlocks.map(b => b.replace(/^import .*$/gm, '')).join('\n');
const expected = blocks('text').join('');

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
