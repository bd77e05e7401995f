// Bundles tsc's output (build/src) into dist/ (see docs/distribution.md). Four entry points:
// `permafrost` (src/index.ts: lockdown, harden, Compartment, with acorn), `permafrost/lockdown`
// (src/lockdown-entry.ts: lockdown and harden only, no parser), `permafrost/legacy` and
// `permafrost/node` (file system module hooks; npm builds only). Each as ESM
// and CommonJS (acorn external), the first two also as UMD for a <script> tag (global `Permafrost`,
// acorn bundled) plain and minified, and bundled .d.ts (ESM) and .d.cts (CommonJS) types.
// TypeScript itself is not run here: tsc compiles first (npm run compile), so no rollup plugin
// needs the TypeScript compiler API.
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';
import { trimAcornPlugin } from './scripts/trim-acorn.mjs';

const entries = {
  permafrost: 'build/src/index.js',
  'permafrost-lockdown': 'build/src/lockdown-entry.js',
  'permafrost-legacy': 'build/src/legacy/index.js',
  'permafrost-node': 'build/src/node/index.js',
};
const banner = '/* Permafrost: Hardened JavaScript (lockdown, harden, Compartment). Apache-2.0. */';
// A classic script is sloppy unless it says otherwise: the UMD files are strict from their first
// statement, wrapper included (CommonJS output starts with 'use strict' already; modules are strict).
const strictBanner = `${banner}\n'use strict';`;

/**
 * The npm builds share their code in two chunks, so that every entry a program imports sees the
 * same lockdown state: `lockdown-core` (all that the lockdown entry reaches) and `permafrost-core`
 * (the rest but the legacy entry's own modules). Chunks are not in package.json "exports", so they
 * cannot be deep-imported.
 */
const chunkOf = (id, meta) => {
  if (id.includes('/src/legacy/') || id.includes('/src/node/')) return undefined;
  return reachableFromLockdown(meta).has(id) ? 'lockdown' : 'permafrost';
};
/** The ids of every module the lockdown entry imports, directly or not (one walk per build). */
const reachable = new WeakMap();
const reachableFromLockdown = ({ getModuleIds, getModuleInfo }) => {
  const key = getModuleInfo;
  if (!reachable.has(key)) {
    const seen = new Set();
    const visit = id => {
      const info = getModuleInfo(id);
      if (seen.has(id) || info === null || info.isExternal) return;
      seen.add(id);
      info.importedIds.forEach(visit);
    };
    [...getModuleIds()].filter(id => id.endsWith('/build/src/lockdown-entry.js')).forEach(visit);
    reachable.set(key, seen);
  }
  return reachable.get(key);
};

const npmBuild = {
  input: entries,
  external: id => id === 'acorn' || id.startsWith('node:'),
  output: [
    { dir: 'dist', entryFileNames: '[name].mjs', chunkFileNames: '[name]-core.mjs', manualChunks: chunkOf, format: 'es', banner },
    {
      dir: 'dist',
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-core.cjs',
      manualChunks: chunkOf,
      format: 'cjs',
      banner,
      exports: 'named',
    },
  ],
};

/** The minifier's settings for the .min files (see docs/distribution.md for those tried and rejected). */
export const terserOptions = { ecma: 2022, module: false, compress: { passes: 2 }, format: { comments: /Permafrost/ } };

/**
 * For a <script> tag: one self-contained file per entry, plain and minified. The full build bundles
 * acorn without its regular-expression validator (scripts/trim-acorn.mjs says why that is safe).
 */
const umdBuild = (entry, file) => ({
  input: entries[entry],
  plugins: entry === 'permafrost' ? [nodeResolve(), trimAcornPlugin()] : [nodeResolve()],
  output: [
    { file: `dist/${file}.umd.js`, format: 'umd', name: 'Permafrost', banner: strictBanner, exports: 'named' },
    {
      file: `dist/${file}.umd.min.js`,
      format: 'umd',
      name: 'Permafrost',
      banner: strictBanner,
      exports: 'named',
      plugins: [terser(terserOptions)],
    },
  ],
});

/** Bundled types: `.d.ts` for `import` (the package is "type": "module") and `.d.cts` for `require`. */
const typesBuild = name => ({
  input: entries[name].replace(/\.js$/, '.d.ts'),
  output: [
    { file: `dist/${name}.d.ts`, format: 'es' },
    { file: `dist/${name}.d.cts`, format: 'es' },
  ],
  plugins: [dts()],
});

export default [
  npmBuild,
  umdBuild('permafrost', 'permafrost'),
  umdBuild('permafrost-lockdown', 'permafrost-lockdown'),
  typesBuild('permafrost'),
  typesBuild('permafrost-lockdown'),
  typesBuild('permafrost-legacy'),
  typesBuild('permafrost-node'),
];
