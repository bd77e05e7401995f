// Every stable error code has a documentation page, and every page belongs to a code.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codes } from '../src/errors.js';

const docsDir = fileURLToPath(new URL('../../docs/errors/', import.meta.url));

test('every error code has a page in docs/errors and every page a code', t => {
  const pages = readdirSync(docsDir).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3)).sort();
  t.deepEqual(pages, Object.values(codes).sort());
});
