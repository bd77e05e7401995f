// CommonJS and JSON modules in compartments, checked against Node itself: the same files are
// required natively (createRequire) and loaded into a compartment through permafrost/node's hooks,
// and must give the same results, cycles included (a module that replaces module.exports and is
// required back within the cycle). Also: named exports for ES importers, and ESM ↔ CJS interop.
import test from 'ava';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CjsModuleSource, Compartment, lockdown } from '../src/index.js';
import { makeNodeModuleHooks } from '../src/node/index.js';

lockdown({ reporting: 'none' });

const writeTree = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'permafrost-cjs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};

const compartmentFor = (root: string, globals: Record<string, unknown> = {}): Compartment =>
  new Compartment({ __options__: true, __noNamespaceBox__: true, globals, ...makeNodeModuleHooks({ root }) });

/** Node's result and ours for `entry` (its module.exports, through JSON). */
const both = (files: Record<string, string>, entry: string): { native: string; confined: string } => {
  const root = writeTree(files);
  const native = JSON.stringify(createRequire(join(root, 'package.json'))(join(root, entry)));
  const confined = JSON.stringify(compartmentFor(root, { JSON }).importNow(join(root, entry)).default);
  return { native, confined };
};

test('cjs-cycle: a cycle sees the partial exports object, exactly as in Node', t => {
  const { native, confined } = both(
    {
      'package.json': '{}',
      'a.js': `exports.a1 = 1; const b = require('./b'); exports.a2 = b.sawA; exports.done = true;`,
      'b.js': `const a = require('./a'); exports.sawA = JSON.stringify(a); exports.later = () => require('./a').done;`,
    },
    'a.js',
  );
  t.is(confined, native);
  t.is(native, '{"a1":1,"a2":"{\\"a1\\":1}","done":true}');
});

test('cjs-cycle-replaced-exports: module.exports replaced before and after the cycle, as in Node', t => {
  const before = both(
    {
      'package.json': '{}',
      'a.js': `module.exports = function A() {}; module.exports.x = 1; const b = require('./b'); module.exports.b = b;`,
      'b.js': `const a = require('./a'); module.exports = typeof a + ':' + a.x;`,
    },
    'a.js',
  );
  t.is(before.confined, before.native);
  const after = both(
    {
      'package.json': '{}',
      'main.js': `const a = require('./a'); const b = require('./b'); module.exports = { a, sawA: b.sawA, now: b.now() };`,
      'a.js': `const b = require('./b'); module.exports = { replaced: true };`,
      'b.js': `const a = require('./a'); exports.sawA = a; exports.now = () => require('./a');`,
    },
    'main.js',
  );
  t.is(after.confined, after.native);
  t.is(after.native, '{"a":{"replaced":true},"sawA":{},"now":{"replaced":true}}');
});

test('cjs: module, exports, this, __filename, __dirname, require.resolve, JSON files', t => {
  const root = writeTree({
    'package.json': '{}',
    'lib/m.js': `module.exports = { same: this === exports && exports === module.exports, file: __filename, dir: __dirname,
       resolved: require.resolve('./data.json'), data: require('./data.json'), id: module.id === __filename, loaded: module.loaded };`,
    'lib/data.json': '{"k": [1, 2]}',
  });
  const ns = compartmentFor(root).importNow(join(root, 'lib/m.js'));
  const m = ns.default;
  t.true(m.same);
  t.is(m.file, join(root, 'lib/m.js'));
  t.is(m.dir, join(root, 'lib'));
  t.is(m.resolved, join(root, 'lib/data.json'));
  t.deepEqual(m.data, { k: [1, 2] });
  t.false(m.loaded);
});

test('cjs: a missing optional require fails only when it runs', t => {
  const root = writeTree({
    'package.json': '{}',
    'm.js': `let optional = 'absent'; try { optional = require('./nope'); } catch (e) { optional = e.constructor.name; } module.exports = optional;`,
  });
  t.is(compartmentFor(root).importNow(join(root, 'm.js')).default, 'TypeError');
});

test('cjs named exports for ES importers, and ES modules required from CommonJS', async t => {
  const root = writeTree({
    'package.json': '{}',
    'main.mjs': `import lib, { add, VERSION, fromLiteral, viaDefine } from './lib.cjs'; import esm from './esm-user.cjs';
                 export default [add(1, 2), VERSION, fromLiteral, viaDefine, typeof lib, esm];`,
    'lib.cjs': `exports.add = (a, b) => a + b; module.exports.VERSION = '1.0'; Object.defineProperty(exports, 'viaDefine', { enumerable: true, value: 'd' });
                Object.assign(module.exports, { fromLiteral: 'ignored by the lexer' }); exports.fromLiteral = 'lit';`,
    'esm-user.cjs': `const ns = require('./plain.mjs'); module.exports = ns.value + ':' + ns[Symbol.toStringTag];`,
    'plain.mjs': `export const value = 'esm';`,
  });
  const ns = await compartmentFor(root).import(join(root, 'main.mjs'));
  t.deepEqual(ns.default, [3, '1.0', 'lit', 'd', 'object', 'esm:Module']);
  const source = new CjsModuleSource(`exports.a = 1; module.exports.b = 2; module.exports = { c, 'd': 1, ...require('./x') }; __exportStar(require('./y'), exports); const z = require('./z');`);
  t.deepEqual([...source.exports].sort(), ['a', 'b', 'c', 'd']);
  t.deepEqual([...source.reexports].sort(), ['./x', './y']);
  t.deepEqual([...source.imports].sort(), ['./x', './y', './z']);
});

test('cjs-host-require-escape: CommonJS in a compartment gets only the compartment require', t => {
  const root = writeTree({
    'package.json': '{}',
    'm.js': `let fs = 'refused'; try { fs = typeof require('fs').readFileSync; } catch (e) { fs = e.constructor.name; }
             module.exports = [fs, typeof process, typeof global, typeof require.main, typeof module.constructor.prototype.require];`,
  });
  const m = compartmentFor(root).importNow(join(root, 'm.js')).default;
  t.deepEqual(m, ['TypeError', 'undefined', 'undefined', 'undefined', 'undefined']);
});

test('node loader: files outside the root are refused; built-ins only when granted', t => {
  const root = writeTree({ 'package.json': '{}', 'm.mjs': `import path from 'node:path'; export const sep = path.sep;`, 'up.mjs': `import '../outside.mjs';` });
  writeFileSync(join(dirname(root), 'outside.mjs'), 'export default 1;');
  t.throws(() => compartmentFor(root).importNow(join(root, 'up.mjs')), { message: /cannot find module "..\/outside.mjs"/ });
  t.throws(() => compartmentFor(root).importNow(join(root, 'm.mjs')), { message: /not granted/ });
  const granted = new Compartment({
    __options__: true,
    __noNamespaceBox__: true,
    ...makeNodeModuleHooks({ root, builtins: { 'node:path': { default: { sep: '/' } } } }),
  });
  t.is(granted.importNow(join(root, 'm.mjs')).sep, '/');
});

test('cjs-throw-retry: a module that throws is out of the cache: the next require runs it again, as in Node', t => {
  const counted = `const c = require('./counter.js'); c.NAME = (c.NAME || 0) + 1; exports.partial = true;
                   if (c.NAME < 2) throw new Error('NAME fails ' + c.NAME); exports.runs = c.NAME;`;
  const direct = both(
    {
      'package.json': '{}',
      'counter.js': `module.exports = {};`,
      'b.js': counted.replaceAll('NAME', 'b'),
      'a.js': `const r = []; try { require('./b'); } catch (e) { r.push(e.message); } r.push(require('./b')); r.push(require('./b') === r[1]);
               module.exports = r;`,
    },
    'a.js',
  );
  t.is(direct.confined, direct.native);
  t.is(direct.native, '["b fails 1",{"partial":true,"runs":2},true]');
  // The importer that did not catch is out of the cache too: requiring it again runs both again.
  const nested = both(
    {
      'package.json': '{}',
      'counter.js': `module.exports = {};`,
      'leaf.js': counted.replaceAll('NAME', 'leaf'),
      'mid.js': `const c = require('./counter.js'); c.mid = (c.mid || 0) + 1; exports.leaf = require('./leaf'); exports.midRuns = c.mid;`,
      'top.js': `const r = []; try { require('./mid'); } catch (e) { r.push(e.message); } r.push(require('./mid')); module.exports = r;`,
    },
    'top.js',
  );
  t.is(nested.confined, nested.native);
  t.is(nested.native, '["leaf fails 1",{"leaf":{"partial":true,"runs":2},"midRuns":2}]');
});

test('cjs-throw-esm: an ES import of a throwing CommonJS module stays failed, require runs it again, as in Node', async t => {
  const root = writeTree({
    'package.json': '{}',
    'counter.cjs': `module.exports = {};`,
    'req.cjs': `module.exports = id => require(id);`,
    'b.cjs': `const c = require('./counter.cjs'); c.b = (c.b || 0) + 1; if (c.b < 2) throw new Error('b fails ' + c.b); exports.runs = c.b;`,
    'c.cjs': `const c = require('./counter.cjs'); c.c = (c.c || 0) + 1; if (c.c < 2) throw new Error('c fails ' + c.c); exports.runs = c.c;`,
    'main.mjs': `import req from './req.cjs';
      const out = [];
      let first;
      try { await import('./b.cjs'); } catch (e) { first = e; out.push('import b: ' + e.message); }
      try { await import('./b.cjs'); } catch (e) { out.push('import b again: ' + (e === first ? 'the same error' : e.message)); }
      out.push('require b: ' + JSON.stringify(req('./b.cjs')));
      try { await import('./b.cjs'); out.push('import b after require: fulfilled'); } catch (e) { out.push('import b after require: ' + (e === first ? 'the same error' : e.message)); }
      try { req('./c.cjs'); } catch (e) { out.push('require c: ' + e.message); }
      const ns = await import('./c.cjs');
      out.push('import c after require: ' + JSON.stringify(ns.default));
      export default out;`,
  });
  const native = (await import(join(root, 'main.mjs'))).default;
  const confined = (await compartmentFor(root, { JSON }).import(join(root, 'main.mjs'))).default;
  t.deepEqual([...confined], native);
  t.deepEqual(native, [
    'import b: b fails 1',
    'import b again: the same error',
    'require b: {"runs":2}',
    'import b after require: the same error',
    'require c: c fails 1',
    'import c after require: {"runs":2}',
  ]);
});
