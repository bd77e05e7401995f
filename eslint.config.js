// Lint: typescript-eslint's recommended rules everywhere, and in src/ a `no-restricted-globals`
// rule that forbids reaching any global directly: src/commons.ts captures them once, at load time.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Every ECMAScript and host global a module might be tempted to call directly.
const restricted = [
  'globalThis', 'window', 'self', 'global', 'Object', 'Array', 'Function', 'String', 'Number',
  'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Proxy', 'Promise', 'Date', 'RegExp',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array',
  'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Intl', 'eval', 'isNaN', 'isFinite',
  'parseInt', 'parseFloat', 'encodeURI', 'encodeURIComponent', 'decodeURI', 'decodeURIComponent',
  'escape', 'unescape', 'process', 'console', 'Buffer', 'Iterator',
].map(name => ({ name, message: `use the copy captured in src/commons.ts, not the live global ${name}` }));

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { globalThis: 'readonly', console: 'readonly', process: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    // src/node/ is host code for Node (file system module hooks): it runs after lockdown, with the
    // host's authority, and uses Node's APIs and ordinary JavaScript freely.
    ignores: ['src/commons.ts', 'src/node/**'],
    rules: {
      'no-restricted-globals': ['error', ...restricted],
      // These run the iteration protocol, i.e. look up %ArrayPrototype%[@@iterator] and
      // %ArrayIteratorPrototype%.next live: code that ran before lockdown could have replaced them
      // and would then run in the middle of lockdown. Index loops and `apply` do not.
      'no-restricted-syntax': [
        'error',
        { selector: 'ForOfStatement', message: 'for-of runs the (poisonable) iterator protocol; use an index loop' },
        { selector: 'ArrayPattern', message: 'array destructuring runs the iterator protocol; index instead' },
        { selector: 'ArrayExpression > SpreadElement', message: 'array spread runs the iterator protocol' },
        { selector: 'CallExpression > SpreadElement', message: 'call spread runs the iterator protocol; use apply()' },
        { selector: 'NewExpression > SpreadElement', message: 'spread runs the iterator protocol; use construct()' },
      ],
    },
  },
  {
    // Plain scripts of the pages the browser test serves.
    files: ['test/browser/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'demo/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
