// Test helper: the JavaScript files of the repository's node_modules, as a corpus of real code.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from build/test/). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every .js, .mjs and .cjs file under `dir` up to 1 MB, in a stable order. */
export const sourceFiles = (dir: string, found: string[] = []): string[] => {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, found);
    else if (entry.isFile() && /\.[mc]?js$/.test(entry.name) && statSync(path).size <= 1_000_000) found.push(path);
  }
  return found;
};
