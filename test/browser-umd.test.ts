// End to end in a real browser: Debian's Chromium (apt-get install chromium; .ci/run does it),
// driven headless by playwright-core, loads dist/permafrost.umd.min.js (and the lockdown-only
// permafrost-lockdown.umd.min.js) through a <script> tag from
// pages served on localhost (test/browser/), which lock down, run guest code in compartments and
// publish what they saw, and the README's browser example. Takes a screenshot of each page into artifacts/browser/ (a CI artifact).
// A missing Chromium skips the test, except under PERMAFROST_REQUIRE_BROWSER=1 (CI), where it fails.
import test, { type ExecutionContext } from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { fencedBlocks, readmeSection } from './_readme.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const executablePath = process.env.PERMAFROST_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(root, 'artifacts', 'browser');
// The flags the machine's notes ask for: no network of its own, no first-run work, no GPU.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

// The README's "Use in the browser" example, served as /readme/index.html next to the UMD file.
const readmeSnippet = readmeSection('Use in the browser');
const readmePage = fencedBlocks(readmeSnippet, 'html')[0]!;
const readmeShows = fencedBlocks(readmeSnippet, 'text')[0]!;

/** What a request path serves: dist/ and test/browser/ of the repository, the README page. */
const fileFor = (path: string): string | undefined => {
  if (path === 'readme/index.html') return readmePage;
  const file = path.startsWith('readme/') ? `dist/${path.slice('readme/'.length)}` : path;
  const allowed = (file.startsWith('dist/') || file.startsWith('test/browser/')) && existsSync(join(root, file));
  return allowed ? readFileSync(join(root, file), 'utf8') : undefined;
};

/** Serves fileFor() on a free localhost port. */
const serve = async (): Promise<{ server: Server; origin: string }> => {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).slice(1);
    const body = fileFor(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${types[extname(path)] ?? 'application/octet-stream'}; charset=utf-8` });
    response.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

interface PageReport {
  error: string | null;
  results: { name: string; expected: string; got: string; ok: boolean }[];
}

// Without Chromium the tests are skipped (loudly), so that `npm ci && npm test` works on any fresh
// machine; CI sets PERMAFROST_REQUIRE_BROWSER=1 (.ci/run, which installs Chromium), where a missing
// browser fails instead.
const required = process.env.PERMAFROST_REQUIRE_BROWSER === '1';
const skip = !required && !existsSync(executablePath);
const browserTest = skip ? test.skip : test.serial;
if (skip) {
  console.log(`browser tests SKIPPED: no Chromium at ${executablePath} (apt-get install chromium; CI requires it)`);
}

let context: BrowserContext | undefined;
let origin = '';
let server: Server | undefined;
let profile = '';

test.before(async () => {
  if (skip) return;
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}, and PERMAFROST_REQUIRE_BROWSER=1: install Debian's (apt-get install chromium), ` +
        'as .ci/run does, or set PERMAFROST_CHROMIUM to another binary',
    );
  }
  ({ server, origin } = await serve());
  profile = mkdtempSync(join(tmpdir(), 'permafrost-chromium-')); // a new, empty --user-data-dir
  // The host zone is New York: the pages check that local time is UTC all the same.
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, timezoneId: 'America/New_York' });
  mkdirSync(artifacts, { recursive: true });
});

test.after.always(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a page of test/browser/, waits for its report and keeps a screenshot of it. */
const run = async (page: string, screenshot: string): Promise<{ report: PageReport; errors: string[]; path: string }> => {
  const tab = await context!.newPage();
  const errors: string[] = [];
  tab.on('pageerror', error => errors.push(`pageerror: ${error.message}`));
  tab.on('console', message => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  await tab.goto(`${origin}/test/browser/${page}`);
  // A selector, not waitForFunction: that would call the page's eval, which lockdown may disable.
  await tab.waitForSelector('#results:not(:empty)', { state: 'attached', timeout: 30_000 });
  const report = JSON.parse((await tab.textContent('#results')) ?? '') as PageReport;
  const path = join(artifacts, screenshot);
  await tab.screenshot({ path, fullPage: true });
  await tab.close();
  return { report, errors, path };
};

/** Every check of the page passed, at least `count` of them ran, and the page logged no error. */
const expectPage = (page: string, screenshot: string, count: number) => async (t: ExecutionContext) => {
  const { report, errors, path } = await run(page, screenshot);
  console.log(`browser screenshot: ${path}`);
  t.is(report.error, null);
  t.deepEqual(report.results.filter(r => !r.ok).map(r => `${r.name}: expected ${r.expected}, got ${r.got}`), []);
  t.true(report.results.length >= count, `${report.results.length} checks ran`);
  t.deepEqual(errors, []);
};

browserTest(
  'a <script> tag installs Permafrost; compartments are confined and deterministic',
  expectPage('demo.html', 'permafrost-demo.png', 27),
);
browserTest(
  "the page's earlier top-level let, const and class stay out of compartments (GHSA-h9w6-f932-gq62)",
  expectPage('lexical.html', 'permafrost-lexical.png', 23),
);
browserTest(
  'the lockdown-only build locks down from a <script> tag, without Compartment or eval',
  expectPage('lockdown-only.html', 'permafrost-lockdown-only.png', 7),
);

browserTest('the README\'s "Use in the browser" example shows what the README says', async t => {
  const tab = await context!.newPage();
  const errors: string[] = [];
  tab.on('pageerror', error => errors.push(error.message));
  await tab.goto(`${origin}/readme/index.html`);
  await tab.waitForSelector('#out:not(:empty)', { state: 'attached', timeout: 30_000 });
  const shown = await tab.innerText('#out');
  await tab.close();
  t.is(shown.trim(), readmeShows.trim());
  t.deepEqual(errors, []);
});
