// Runs every `js` block of docs/modules.md as the program it is (each in its own Node process,
// importing `permafrost` and `permafrost/node` from dist/ by the package's own name, as a user
// would), so that the page cannot drift from what the code does.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(join(root, 'docs/modules.md'), 'utf8');
const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map(m => m[1]!);
const dir = join(root, 'build', 'doc-examples');
mkdirSync(dir, { recursive: true });

test('docs/modules.md has runnable examples', t => {
  t.true(blocks.length >= 4);
});

blocks.forEach((code, i) => {
  test(`docs/modules.md example ${i + 1} runs`, t => {
    const file = join(dir, `modules-${i + 1}.mjs`);
    writeFileSync(file, code);
    t.notThrows(() => execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', stdio: 'pipe' }));
  });
});
