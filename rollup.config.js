// Bundles tsc's output (build/src) into dist/: ESM and CommonJS (acorn external), UMD (global
// `Permafrost`, for a <script> tag, acorn bundled) and minified UMD, plus one bundled .d.ts. TypeScript itself is not run here: tsc
// compiles first (npm run compile), so no rollup plugin needs the TypeScript compiler API.
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';

const input = 'build/src/index.js';
const banner = '/* Permafrost: Hardened JavaScript (lockdown, harden, Compartment). Apache-2.0. */';
/** Every module but the legacy entry's goes into the one shared chunk, named permafrost. */
const core = id => (id.includes('/src/legacy/') ? undefined : 'permafrost');

export default [
  // For npm consumers: acorn stays a dependency. Two entries, `permafrost` and `permafrost/legacy`,
  // over ONE copy of the code (the shared chunk permafrost-core), so that both see the same
  // lockdown state; the chunk is not in package.json "exports", so it cannot be deep-imported.
  {
    input: { permafrost: input, 'permafrost-legacy': 'build/src/legacy/index.js' },
    external: ['acorn'],
    output: [
      { dir: 'dist', entryFileNames: '[name].mjs', chunkFileNames: '[name]-core.mjs', manualChunks: core, format: 'es', banner },
      { dir: 'dist', entryFileNames: '[name].cjs', chunkFileNames: '[name]-core.cjs', manualChunks: core, format: 'cjs', banner, exports: 'named' },
    ],
  },
  // For a <script> tag: one self-contained file, acorn included.
  {
    input,
    plugins: [nodeResolve()],
    output: [
      { file: 'dist/permafrost.umd.js', format: 'umd', name: 'Permafrost', banner, exports: 'named' },
      {
        file: 'dist/permafrost.umd.min.js',
        format: 'umd',
        name: 'Permafrost',
        banner,
        exports: 'named',
        plugins: [terser({ ecma: 2022, module: false, compress: { passes: 2 }, format: { comments: /Permafrost/ } })],
      },
    ],
  },
  {
    input: 'build/src/index.d.ts',
    output: { file: 'dist/permafrost.d.ts', format: 'es' },
    plugins: [dts()],
  },
  {
    input: 'build/src/legacy/index.d.ts',
    output: { file: 'dist/permafrost-legacy.d.ts', format: 'es' },
    plugins: [dts()],
  },
];
