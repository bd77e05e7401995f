// Bundles tsc's output (build/src) into dist/: ESM, CommonJS, UMD (global `Permafrost`, for a
// <script> tag) and minified UMD, plus one bundled .d.ts. TypeScript itself is not run here: tsc
// compiles first (npm run compile), so no rollup plugin needs the TypeScript compiler API.
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const input = 'build/src/index.js';
const banner = '/* Permafrost: Hardened JavaScript (lockdown, harden, Compartment). Apache-2.0. */';

export default [
  {
    input,
    output: [
      { file: 'dist/permafrost.mjs', format: 'es', banner },
      { file: 'dist/permafrost.cjs', format: 'cjs', banner, exports: 'named' },
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
    // acorn is bundled (so the UMD file works alone); Node built-ins are never imported by src/.
    treeshake: { moduleSideEffects: id => id.endsWith('shim.js') },
  },
  {
    input: 'build/src/index.d.ts',
    output: { file: 'dist/permafrost.d.ts', format: 'es' },
    plugins: [dts()],
  },
];
