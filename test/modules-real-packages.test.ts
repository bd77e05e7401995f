// Real npm packages from node_modules, loaded into compartments through permafrost/node's hooks
// (CommonJS and ES modules, multi-file graphs, package.json exports), each checked against the
// same package loaded natively: the same calls must give the same results.
import test from 'ava';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Compartment, harden, lockdown } from '../src/index.js';
import path from 'node:path';
import { format } from 'node:util';
import { makeNodeModuleHooks } from '../src/node/index.js';

lockdown({ reporting: 'none' });

// The repository root (build/test/ → ../..), whose node_modules hold the packages.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireNative = createRequire(join(root, 'package.json'));

/** The package's namespace in a fresh compartment, imported from the repository root as `import name` would be. */
const confined = async (specifier: string, globals: Record<string, unknown> = {}, builtins: Record<string, object> = {}): Promise<any> => {
  const c = new Compartment({ __options__: true, __noNamespaceBox__: true, name: specifier, globals, ...makeNodeModuleHooks({ root, builtins }) });
  return c.import(specifier);
};

/** A console for guests: hardened, and writing nowhere the test would see. */
const quietConsole = harden({ log() {}, warn() {}, error() {}, info() {}, debug() {} });

test('semver (CommonJS, ~40 files that require each other)', async t => {
  const native = requireNative('semver');
  const ns = await confined('semver');
  const semver = ns.default;
  const cases: [string, string][] = [['1.2.3', '^1.0.0'], ['2.0.0-beta.1', '>=2.0.0-alpha <2.0.0'], ['0.0.1', '~0.0.0'], ['1.0.0', '<1.0.0 || >=2']];
  for (const [version, range] of cases) t.is(semver.satisfies(version, range), native.satisfies(version, range), `${version} ${range}`);
  t.deepEqual(['1.10.0', '1.2.0', '1.2.0-rc.1'].sort(semver.compare), ['1.10.0', '1.2.0', '1.2.0-rc.1'].sort(native.compare));
  t.is(semver.inc('1.2.3', 'minor'), native.inc('1.2.3', 'minor'));
  t.is(ns.valid('v1.2.3'), native.valid('v1.2.3'), 'named export found by the CommonJS lexer');
  t.true(semver.gt('1.2.4', '1.2.3'));
});

test('ms and picomatch (CommonJS)', async t => {
  const ms = (await confined('ms')).default;
  const nativeMs = requireNative('ms');
  for (const input of ['2 days', '1h', '-3.5m', 100, 60000, 'nonsense']) t.is(ms(input), nativeMs(input), String(input));
  const picomatch = (await confined('picomatch', {})).default;
  const nativePicomatch = requireNative('picomatch');
  const globs = ['**/*.js', 'src/{a,b}/*.ts', '!(*.d).ts', 'foo/**/bar?.md'];
  const paths = ['a/b/c.js', 'src/a/x.ts', 'x.d.ts', 'y.ts', 'foo/q/r/bar1.md', 'foo/bar.md'];
  for (const glob of globs) {
    const mine = picomatch(glob);
    const theirs = nativePicomatch(glob);
    for (const path of paths) t.is(mine(path), theirs(path), `${glob} ${path}`);
  }
});

test('acorn (ES module build through package.json exports)', async t => {
  const ns = await confined('acorn');
  const nativeAcorn = requireNative('acorn');
  const text = 'const f = async (a, {b = 1} = {}) => { for await (const x of a) yield* b; }; class C { #p = 1; static { this.q = 2; } }';
  for (const options of [{ ecmaVersion: 'latest' as const }, { ecmaVersion: 'latest' as const, sourceType: 'module' as const }]) {
    let mine: string;
    let theirs: string;
    try {
      mine = JSON.stringify(ns.parse(text, options));
    } catch (e) {
      mine = `${(e as Error).name}: ${(e as Error).message}`;
    }
    try {
      theirs = JSON.stringify(nativeAcorn.parse(text, options));
    } catch (e) {
      theirs = `${(e as Error).name}: ${(e as Error).message}`;
    }
    t.is(mine, theirs);
  }
  t.is(JSON.stringify(ns.parse('x = 1 + 2', { ecmaVersion: 2020 })), JSON.stringify(nativeAcorn.parse('x = 1 + 2', { ecmaVersion: 2020 })));
  t.is(ns.version, nativeAcorn.version);
});

test('ajv 6 (CommonJS with dependencies; compiles validators with the compartment Function)', async t => {
  const Ajv = (await confined('ajv', { console: quietConsole })).default;
  const NativeAjv = requireNative('ajv');
  const schema = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 2 }, tags: { type: 'array', items: { type: 'string' }, uniqueItems: true }, age: { type: 'integer', minimum: 0 } },
    required: ['name'],
    additionalProperties: false,
  };
  const mine = new Ajv({ allErrors: true }).compile(schema);
  const theirs = new NativeAjv({ allErrors: true }).compile(schema);
  const inputs = [{ name: 'ok' }, { name: 'x' }, { name: 'ab', tags: ['a', 'a'] }, { age: -1 }, { name: 'ab', extra: 1 }, 'nope'];
  for (const input of inputs) {
    t.is(mine(input), theirs(input), JSON.stringify(input));
    t.deepEqual(JSON.stringify(mine.errors), JSON.stringify(theirs.errors));
  }
});

test('yargs-parser (ES module package with a conditional exports array)', async t => {
  // The host grants only what the parser needs, as hardened facades: pure path and format
  // functions, and a file system and module loader that refuse (config files are not used here).
  const refuse = (): never => {
    throw new Error('not granted');
  };
  // And a `process` that reveals nothing of the host: an empty environment, a fixed version and cwd.
  const fakeProcess = harden({ env: {}, versions: { node: process.versions.node }, cwd: () => '/' });
  const ns = await confined('yargs-parser', { process: fakeProcess }, {
    'node:util': harden({ format }),
    'node:path': harden({ normalize: path.normalize, resolve: path.resolve }),
    'node:fs': harden({ readFileSync: refuse }),
    'node:module': harden({ createRequire: () => refuse }),
  });
  const { default: nativeParser } = (await import('yargs-parser' as string)) as { default: (argv: string[]) => unknown };
  const argv = ['--foo', 'bar', '-abc', '--no-color', '--n', '3', 'rest', '--', 'after'];
  t.deepEqual(JSON.stringify(ns.default(argv)), JSON.stringify(nativeParser(argv)));
});
