// Bundles tsc's output (build/src) into dist/: ESM and CommonJS (acorn external), UMD (global
// `Permafrost`, for a <script> tag, acorn bundled) and minified UMD, plus one bundled .d.ts. TypeScript itself is not run here: tsc
// compiles first (npm run compile), so no rollup plugin needs the TypeScript compiler API.
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';

const input = 'build/src/index.js';
const banner = '/* Permafrost: Hardened JavaScript (lockdown, harden, Compartment). Apache-2.0. */';

export default [
  // For npm consumers: acorn stays a dependency.
  {
    input,
    external: ['acorn'],
    output: [
      { file: 'dist/permafrost.mjs', format: 'es', banner },
      { file: 'dist/permafrost.cjs', format: 'cjs', banner, exports: 'named' },
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
];
