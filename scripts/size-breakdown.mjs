// Where the bytes of the minified <script> builds go (npm run build first; then
// `node scripts/size-breakdown.mjs [--modules]`). Bundles each UMD entry as rollup.config.js does,
// minifies it with a source map, gives each output byte to the module it came from, and reports per
// area (or per module) the minified bytes and the marginal gzipped cost: the gzipped size of the
// whole minus that of the whole without the area's bytes. Marginal costs do not add up to the total
// exactly (gzip shares matches between areas), but they rank what removing an area would save.
// Reads build/src; writes nothing.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { gzipSync } from 'node:zlib';
import { terserOptions } from '../rollup.config.js';
import { trimAcornPlugin } from './trim-acorn.mjs';

const perModule = process.argv.includes('--modules');

/** The area of a module, for the summary (first matching rule wins). */
const areas = [
  [/acorn/, 'acorn (trimmed)'],
  [/whitelist\/permits/, 'whitelist data'],
  [/whitelist\/|enforce-whitelist|permit-keys|enable-property-overrides/, 'whitelist walker, enablements'],
  [/lockdown\/(date-|tame-date)/, 'Date taming and parsing'],
  [/lockdown\/(tame-console|tame-error|error-stacks)/, 'console and error tamings'],
  [/lockdown\/(lockdown|options|reporting|failure|intrinsics|get-anonymous)/, 'lockdown orchestration, options, intrinsics'],
  [/lockdown\//, 'other tamings'],
  [/harden/, 'harden'],
  [/error\/|errors\.js/, 'assert, errors, error codes'],
  [/compartment\/(module-|cjs-|make-require|host-values)/, 'module loader, CommonJS'],
  [/compartment\/(analyze-|parse-source|scope-|rewrite-|source-|reference-kinds|completion)/, 'source analysis and rewrite'],
  [/compartment\//, 'Compartment, evaluators, globals'],
  [/commons/, 'commons (captured intrinsics)'],
];
const areaOf = module => (areas.find(([re]) => re.test(module)) ?? [null, 'other'])[1];
const gz = text => gzipSync(text, { level: 9 }).length;

const breakdown = async (input, plugins) => {
  const bundle = await rollup({ input, plugins: [nodeResolve(), ...plugins] });
  const { output } = await bundle.generate({
    format: 'umd',
    name: 'Permafrost',
    exports: 'named',
    sourcemap: true,
    plugins: [terser({ ...terserOptions, sourceMap: true })],
  });
  const { code, map } = output[0];
  const trace = new TraceMap(map);
  // Each output character belongs to the module of the nearest mapped position at or before it.
  const owner = [];
  const lines = code.split('\n');
  for (let line = 0; line < lines.length; line += 1) {
    let current = '(UMD wrapper)';
    for (let column = 0; column <= lines[line].length; column += 1) {
      const { source } = originalPositionFor(trace, { line: line + 1, column });
      if (source) current = source.replace(/^.*\/(build\/src|build|node_modules)\//, '');
      owner.push(perModule ? current : areaOf(current));
    }
  }
  const total = gz(code);
  const rows = [...new Set(owner)].map(key => {
    let without = '';
    let bytes = 0;
    for (let i = 0; i < code.length; i += 1) {
      if (owner[i] === key) bytes += 1;
      else without += code[i];
    }
    return { key, bytes, marginal: total - gz(without) };
  });
  rows.sort((a, b) => b.marginal - a.marginal);
  return { rows, bytes: code.length, total };
};

for (const [name, input, plugins] of [
  ['permafrost.umd.min.js', 'build/src/index.js', [trimAcornPlugin()]],
  ['permafrost-lockdown.umd.min.js', 'build/src/lockdown-entry.js', []],
]) {
  const { rows, bytes, total } = await breakdown(input, plugins);
  const width = Math.max(...rows.map(r => r.key.length), 5);
  console.log(`\n${name}\n${'area'.padEnd(width)}  ${'minified'.padStart(9)}  ${'gz (marginal)'.padStart(13)}`);
  for (const r of rows) console.log(`${r.key.padEnd(width)}  ${String(r.bytes).padStart(9)}  ${String(r.marginal).padStart(13)}`);
  console.log(`${'total'.padEnd(width)}  ${String(bytes).padStart(9)}  ${String(total).padStart(13)}`);
}
