// Attack (red team) on permafrost/node: root confinement. Every way out held (symbolic links, `..`,
// absolute paths, package.json `exports` and `imports` targets, `file:` URLs, null bytes, builtins
// reached through `#imports` or another spelling). But the loader stats and reads paths outside the
// root before it checks confinement, and its errors tell the guest what it found there
// (loader.ts: resolveHook, asFileOrDirectory and `inside`): "X is outside the root" (with the
// symbolic links resolved) when a path exists, "cannot find" when it does not, and for a directory
// the file its package.json `main` names. A guest thus lists the host's filesystem and reads the
// `main` field of any package.json on it.
//
// Safe behaviour: a specifier that resolves outside the root fails with the same error whether or
// not something exists there, naming nothing the guest did not write.
import test from 'ava';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Compartment, harden, lockdown } from '../../src/index.js';
import { makeNodeModuleHooks } from '../../src/node/index.js';

lockdown({ reporting: 'none' });

const setup = (): { root: string; outside: string } => {
  const base = mkdtempSync(join(tmpdir(), 'permafrost-redteam-node-'));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'node_modules', 'evil'), { recursive: true });
  mkdirSync(join(outside, 'pkg', 'dist'), { recursive: true });
  writeFileSync(join(outside, 'secret.mjs'), 'export const secret = 42;');
  writeFileSync(join(outside, 'secret.cjs'), 'exports.secret = 42;');
  writeFileSync(join(outside, 'pkg', 'package.json'), JSON.stringify({ main: 'dist/hidden-name-4711.js' }));
  writeFileSync(join(outside, 'pkg', 'dist', 'hidden-name-4711.js'), '');
  symlinkSync(outside, join(root, 'link'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ type: 'module', imports: { '#up': './../outside/secret.mjs', '#abs': join(outside, 'secret.mjs'), '#fs': 'fs', '#proc': 'process' } }),
  );
  writeFileSync(
    join(root, 'node_modules', 'evil', 'package.json'),
    JSON.stringify({ name: 'evil', exports: { '.': './index.js', './up': '../../../outside/secret.mjs', './*': './*' } }),
  );
  writeFileSync(join(root, 'node_modules', 'evil', 'index.js'), 'module.exports = 1;');
  return { root, outside };
};

test('redteam-node-loader-probe: errors do not reveal what exists outside the root', async t => {
  const { root, outside } = setup();
  writeFileSync(
    join(root, 'probe.cjs'),
    `const probe = s => { try { require(s); return 'loaded'; } catch (e) { return e.message; } };
     exports.results = [${JSON.stringify(join(outside, 'secret.cjs'))}, ${JSON.stringify(join(outside, 'nothing-here.cjs'))}, '../outside/pkg', './link/secret.cjs'].map(probe);`,
  );
  const c = new Compartment({ __options__: true, __noNamespaceBox__: true, ...makeNodeModuleHooks({ root }) });
  const { results } = (await c.import('./probe.cjs')) as { results: string[] };
  // The same error either way, naming only what the guest wrote.
  const shape = (message: string, specifier: string): string => message.replace(JSON.stringify(specifier), '<specifier>');
  t.is(
    shape(results[0]!, join(outside, 'secret.cjs')),
    shape(results[1]!, join(outside, 'nothing-here.cjs')),
    'an existing and a missing file outside the root fail differently',
  );
  t.false(results[2].includes('hidden-name-4711'), "the main field of a package.json outside the root is shown");
  t.false(results[3].includes(outside), 'the target of a symbolic link is shown');
});

test('redteam-node-loader-probe: nothing outside the root loads, by any route', async t => {
  const { root, outside } = setup();
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    ...makeNodeModuleHooks({ root, builtins: { 'node:path': harden({ sep: '/' }) } }),
  });
  const routes = [
    './link/secret.mjs',
    '../outside/secret.mjs',
    join(outside, 'secret.mjs'),
    'evil/up',
    'evil/../../../outside/secret.mjs',
    '#up',
    '#abs',
    `file://${join(outside, 'secret.mjs')}`,
    './a\0b',
    '/etc/passwd',
  ];
  for (const route of routes) {
    await t.throwsAsync(c.import(route), { instanceOf: TypeError }, route);
  }
});

test('redteam-node-loader-probe: only granted builtins resolve, under any spelling', async t => {
  const { root } = setup();
  writeFileSync(join(root, 'fs.mjs'), `export const r = await Promise.all(['fs', 'node:fs', 'process', '#fs', '#proc', 'node:path', 'path'].map(s => import(s).then(ns => Object.keys(ns).join(), e => e.name)));`);
  const c = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    ...makeNodeModuleHooks({ root, builtins: { 'node:path': harden({ sep: '/' }) } }),
  });
  const { r } = (await c.import('./fs.mjs')) as { r: string[] };
  t.deepEqual([...r], ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError', 'sep', 'sep']);
});
