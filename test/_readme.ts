// Reads README.md's sections and fenced code blocks, for the tests that run its examples
// (readme.test.ts in Node, browser-umd.test.ts in Chromium).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** One `## ` section of the README, up to the next. */
export const readmeSection = (heading: string): string => {
  const start = readme.indexOf(`## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

/** Every fenced block of `lang` in a section, in order. */
export const fencedBlocks = (section: string, lang: string): string[] =>
  [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(m => m[1]!);
