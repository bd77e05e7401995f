// The package as its users get it: `npm pack`, installed into a scratch project, then used from
// ESM, from CommonJS, from TypeScript (moduleResolution nodenext, both module kinds, and bundler:
// test/consumers/types.mts, with the bundled types checked, skipLibCheck off), and bundled into an
// app by rollup and by esbuild, which then runs. The tools are this repository's own.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sources = join(root, 'test', 'consumers');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };

let project = '';
const node = (file: string): string => execFileSync(process.execPath, [join(project, file)], { ...quiet, cwd: project }).trim();
const tsc = (config: object): string => {
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(config));
  try {
    return execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { ...quiet, cwd: project });
  } catch (error) {
    throw new Error(`tsc failed:\n${(error as { stdout?: string }).stdout ?? error}`, { cause: error });
  }
};

test.before(() => {
  project = mkdtempSync(join(tmpdir(), 'permafrost-consumer-'));
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', project], { ...quiet, cwd: root })) as { filename: string }[];
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  // acorn, the one dependency, comes from npm's cache, filled by `npm ci`.
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', join(project, packed[0]!.filename)], {
    ...quiet,
    cwd: project,
  });
  for (const file of ['esm.mjs', 'cjs.cjs', 'lockdown-only.mjs']) copyFileSync(join(sources, file), join(project, file));
  for (const file of ['types-esm.mts', 'types-cjs.cts', 'types-bundler.ts']) copyFileSync(join(sources, 'types.mts'), join(project, file));
});

test.after.always(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const full = JSON.stringify([true, 42, 'function', 2]);

test('the packed package has the dist files, the docs, and no internals', t => {
  const listing = execFileSync(npm, ['pack', '--dry-run', '--json'], { ...quiet, cwd: root });
  const files = (JSON.parse(listing) as { files: { path: string }[] }[])[0]!.files.map(f => f.path);
  for (const file of ['dist/permafrost.mjs', 'dist/permafrost.cjs', 'dist/permafrost.umd.min.js', 'dist/permafrost-lockdown.d.cts', 'README.md']) {
    t.true(files.includes(file), file);
  }
  t.false(files.some(f => f.startsWith('src/') || f.startsWith('build/') || f.startsWith('test/')));
});

test('ESM: both entry points share one lockdown; legacy loads over it', t => {
  t.is(node('esm.mjs'), full);
});

test('CommonJS: the same through require()', t => {
  t.is(node('cjs.cjs'), full);
});

test('the lockdown-only entry alone: no Compartment, and no eval without a parser', t => {
  t.is(node('lockdown-only.mjs'), JSON.stringify([true, 'undefined', 'PF_EVAL_DISABLED']));
});

test('TypeScript, moduleResolution nodenext: the .d.ts for import and the .d.cts for require', t => {
  const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2022'] };
  t.is(tsc({ compilerOptions, files: ['types-esm.mts', 'types-cjs.cts'] }), '');
});

test('TypeScript, moduleResolution bundler', t => {
  const compilerOptions = { module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2022'] };
  t.is(tsc({ compilerOptions, files: ['types-bundler.ts'] }), '');
});

test('bundled by rollup into an app, which runs', t => {
  const config = `import { nodeResolve } from ${JSON.stringify(pathToFileURL(require.resolve('@rollup/plugin-node-resolve')).href)};
export default { input: 'esm.mjs', output: { file: 'app-rollup.mjs', format: 'es' }, plugins: [nodeResolve()] };\n`;
  writeFileSync(join(project, 'rollup.config.mjs'), config);
  execFileSync(process.execPath, [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', 'rollup.config.mjs', '--silent'], { ...quiet, cwd: project });
  t.false(readFileSync(join(project, 'app-rollup.mjs'), 'utf8').includes("from 'acorn'"), 'acorn is bundled in');
  t.is(node('app-rollup.mjs'), full);
});

test('bundled by esbuild into an app, which runs; the lockdown-only app carries no parser', async t => {
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const bundle = (entry: string, outfile: string) =>
    esbuild.build({ absWorkingDir: project, entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
  await bundle('esm.mjs', 'app-esbuild.mjs');
  await bundle('lockdown-only.mjs', 'app-lockdown-esbuild.mjs');
  t.is(node('app-esbuild.mjs'), full);
  t.is(node('app-lockdown-esbuild.mjs'), JSON.stringify([true, 'undefined', 'PF_EVAL_DISABLED']));
  const size = (file: string) => statSync(join(project, file)).size;
  t.true(size('app-lockdown-esbuild.mjs') < size('app-esbuild.mjs') / 2, 'the parser is left out');
});
